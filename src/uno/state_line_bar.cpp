#include "uno/state_line_bar.hpp"

#include "core/error.hpp"
#include "core/progress.hpp"
#include "core/workflow/state_line.hpp"
#include "uno/cancellable.hpp"
#include "uno/documents.hpp"
#include "uno/file_version_cache.hpp"
#include "uno/settings.hpp"

#include <com/sun/star/awt/AsyncCallback.hpp>
#include <com/sun/star/awt/XCallback.hpp>
#include <com/sun/star/beans/StringPair.hpp>
#include <com/sun/star/frame/InfobarType.hpp>
#include <com/sun/star/frame/XController.hpp>
#include <com/sun/star/frame/XInfobarProvider.hpp>
#include <com/sun/star/frame/XModel.hpp>
#include <com/sun/star/lang/DisposedException.hpp>
#include <cppuhelper/implbase1.hxx>

#include <filesystem>
#include <iostream>
#include <optional>

namespace kyso::lo {
namespace {

using namespace css::uno;
namespace fs = std::filesystem;

// What the infobar shows: bold state, then the verdict; its colour by the verdict.
struct Shown {
    Bilingual headline, detail;
    sal_Int32 type = css::frame::InfobarType::INFO;
};

sal_Int32 infobar_type(Verdict verdict) {
    switch (verdict) {
    case Verdict::Valid: return css::frame::InfobarType::SUCCESS;
    case Verdict::Untrusted: return css::frame::InfobarType::WARNING;
    case Verdict::Invalid: return css::frame::InfobarType::DANGER;
    case Verdict::NoSignature: return css::frame::InfobarType::INFO;
    }
    return css::frame::InfobarType::INFO;
}

// The state line of the PDF at `path`, read once per version of the file; the verification of
// a long file shows its steps in the status bar. Nullopt: no such file.
std::optional<Shown> line_of_file(const Env& env, const std::string& path, const std::vector<std::string>& trust) {
    static FileVersionCache<Shown> cache;
    return cache.get(path, trust, [&] {
        Shown shown;
        try {
            Progress progress(env, env.tr("Kiểm tra chữ ký", "Verifying"), 100);
            StateLine line = read_state_line(path, trust, progress.follow());
            shown = {{line.headline_vi, line.headline_en}, {line.detail_vi, line.detail_en}, infobar_type(line.verdict)};
        } catch (const Error& e) {
            shown = {{"Không đọc được tệp", "The file cannot be read"}, {e.vietnamese(), e.english()},
                     css::frame::InfobarType::WARNING};
        } catch (const std::exception& e) {
            shown = {{"Không đọc được tệp", "The file cannot be read"}, {e.what(), e.what()},
                     css::frame::InfobarType::WARNING};
        }
        return shown;
    });
}

// The line for the frame's document: a PDF's own; for a Writer draft, that of the issued or
// else the signed PDF beside it (what Phát hành and Kiểm tra chữ ký work on), named; nullopt
// for a document kyso does not work on.
std::optional<Shown> line_of(const Env& env, const Source& source) {
    Settings settings = load_settings(env.context);
    std::vector<std::string> trust = trust_anchor_paths(settings);
    if (source.kind == DocKind::Pdf && !source.url.isEmpty())
        return line_of_file(env, source.path(), trust);
    if (source.kind != DocKind::Writer)
        return std::nullopt;
    if (!source.url.isEmpty()) {
        for (Step step : {Step::Issued, Step::Signed}) {
            std::string beside = output_path(settings, source.path(), step);
            if (std::optional<Shown> shown = line_of_file(env, beside, trust)) {
                std::string name = " (" + fs::path(beside).filename().string() + ")";
                shown->headline.vi += name;
                shown->headline.en += name;
                return shown;
            }
        }
    }
    return Shown{{"Dự thảo", "Draft"},
                 {"chưa có bản PDF đã ký; Ký số xuất văn bản ra PDF và ký", "no signed PDF yet; Ký số exports the document as PDF and signs it"},
                 css::frame::InfobarType::INFO};
}

// The infobars of the frame's view, or null once the view is gone. LibreOffice's infobar calls
// use the controller's view without checking it, and crash on a controller whose window has
// closed (its getModel() is then empty); reading a file's state lets the event loop run (the
// progress in the status bar), so a window can close while its line is being read.
Reference<css::frame::XInfobarProvider> live_infobars(const FrameRef& frame) {
    Reference<css::frame::XController> controller;
    try {
        controller = frame->getController();
    } catch (const css::lang::DisposedException&) {
        return {};
    }
    if (!controller.is() || !controller->getModel().is())
        return {};
    return Reference<css::frame::XInfobarProvider>(controller, UNO_QUERY);
}

void show_state_line(const ContextRef& context, const FrameRef& frame) {
    if (!frame.is() || !live_infobars(frame).is())
        return;
    Env env;
    env.context = context;
    env.frame = frame;
    env.vietnamese = ui_vietnamese(context);
    std::optional<Shown> shown = line_of(env, source_of_frame(frame));
    // Asked again: the window may have closed while the file was read. Nothing below lets the
    // event loop run, so the view stays while the bar is changed.
    Reference<css::frame::XInfobarProvider> bar = live_infobars(frame);
    if (!bar.is())
        return;
    OUString id = OUString::createFromAscii(kStateInfobarId);
    if (!shown) {
        if (bar->hasInfobar(id))
            bar->removeInfobar(id);
        return;
    }
    OUString headline = env.tr(shown->headline), detail = env.tr(shown->detail);
    if (bar->hasInfobar(id))
        bar->updateInfobar(id, headline, detail, shown->type);
    else
        bar->appendInfobar(id, headline, detail, shown->type, {}, false); // no close button: it is the document's state
}

// Runs show_state_line on the main thread, when LibreOffice's event loop gets to it.
class StateLineJob : public cppu::WeakImplHelper1<css::awt::XCallback> {
public:
    StateLineJob(const ContextRef& context, const FrameRef& frame) : context_(context), frame_(frame) {}

    void SAL_CALL notify(const Any&) override {
        // A batch or a verification runs on a worker beside its window: read this file after it.
        ContextRef context = context_;
        FrameRef frame = frame_;
        if (defer_while_busy([context, frame] { post_state_line(context, frame); })) {
            frame_.clear();
            return;
        }
        try {
            show_state_line(context_, frame_);
        } catch (const Cancelled&) {
            // The window closed while its file was read (Progress::follow): no line to show.
        } catch (const Exception& e) {
            std::cerr << "kyso: the state line failed: " << utf8(e.Message) << "\n";
        } catch (const std::exception& e) {
            std::cerr << "kyso: the state line failed: " << e.what() << "\n";
        } catch (...) {
            std::cerr << "kyso: the state line failed\n"; // nothing may escape into LibreOffice's event loop
        }
        frame_.clear();
    }

private:
    ContextRef context_;
    FrameRef frame_;
};

} // namespace

void post_state_line(const ContextRef& context, const FrameRef& frame) {
    if (!frame.is())
        return;
    try {
        css::awt::AsyncCallback::create(context)->addCallback(new StateLineJob(context, frame), Any());
    } catch (const Exception& e) {
        std::cerr << "kyso: the state line could not be posted: " << utf8(e.Message) << "\n";
    }
}

} // namespace kyso::lo
