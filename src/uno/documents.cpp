#include "uno/documents.hpp"

#include "core/error.hpp"

#include <com/sun/star/beans/PropertyValue.hpp>
#include <com/sun/star/container/XEnumeration.hpp>
#include <com/sun/star/container/XEnumerationAccess.hpp>
#include <com/sun/star/document/MacroExecMode.hpp>
#include <com/sun/star/frame/Desktop.hpp>
#include <com/sun/star/frame/XController.hpp>
#include <com/sun/star/lang/XServiceInfo.hpp>
#include <com/sun/star/util/XCloseable.hpp>
#include <com/sun/star/util/XModifiable.hpp>

#include <cstdlib>
#include <filesystem>
#include <unistd.h>

namespace kyso::lo {
namespace {

using namespace css::uno;
namespace fs = std::filesystem;

bool ends_with_ci(const OUString& text, const char* suffix) {
    return text.endsWithIgnoreAsciiCase(OUString::createFromAscii(suffix));
}

const char* step_word(Step step) {
    switch (step) {
    case Step::Draft: return "du-thao";
    case Step::Signed: return "da-ky";
    case Step::Issued: return "ban-hanh";
    }
    return "";
}

css::beans::PropertyValue prop(const char* name, Any value) {
    css::beans::PropertyValue p;
    p.Name = OUString::createFromAscii(name);
    p.Value = std::move(value);
    return p;
}

} // namespace

std::string Source::path() const {
    return url.isEmpty() ? std::string() : path_from_url(url);
}

Source source_of_model(const Reference<css::frame::XModel>& model) {
    Source source;
    source.model = model;
    if (!model.is())
        return source;
    source.url = model->getURL();
    Reference<css::util::XModifiable> modifiable(model, UNO_QUERY);
    source.modified = modifiable.is() && modifiable->isModified();
    Reference<css::lang::XServiceInfo> info(model, UNO_QUERY);
    if (info.is() && info->supportsService("com.sun.star.text.TextDocument"))
        source.kind = DocKind::Writer;
    else if (ends_with_ci(source.url, ".pdf"))
        source.kind = DocKind::Pdf; // Draw's PDF import, or the read-only "sign existing PDF" mode
    return source;
}

Source source_of_frame(const FrameRef& frame) {
    if (!frame.is() || !frame->getController().is())
        return {};
    return source_of_model(frame->getController()->getModel());
}

std::string output_path(const Settings& settings, const std::string& input, Step step) {
    fs::path in(input);
    std::string name = in.stem().string();
    for (Step s : {Step::Draft, Step::Signed, Step::Issued}) {
        std::string suffix = std::string("-") + step_word(s);
        if (name.size() > suffix.size() && name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0) {
            name.resize(name.size() - suffix.size());
            break;
        }
    }
    std::string file = settings.output_pattern;
    for (auto [key, value] : {std::pair<std::string, std::string>{"{name}", name}, {"{step}", step_word(step)}})
        for (size_t at; (at = file.find(key)) != std::string::npos;)
            file.replace(at, key.size(), value);
    if (file.size() < 4 || file.compare(file.size() - 4, 4, ".pdf") != 0)
        file += ".pdf";
    fs::path folder = in.parent_path();
    if (!settings.output_folder.empty())
        folder = settings.output_folder.rfind("file:", 0) == 0 ? fs::path(path_from_url(ou(settings.output_folder)))
                                                               : fs::path(settings.output_folder);
    return (folder / file).string();
}

TempDir::TempDir() {
    std::string pattern = (fs::temp_directory_path() / "kyso-XXXXXX").string();
    if (!mkdtemp(pattern.data()))
        throw Error(ErrorCode::OutputProblem, "Không tạo được thư mục tạm.", "Cannot create a temporary folder.");
    path_ = pattern;
}

TempDir::~TempDir() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
}

HiddenDocument::HiddenDocument(const ContextRef& context, const OUString& url, bool read_only) {
    Reference<css::frame::XDesktop2> desktop = css::frame::Desktop::create(context);
    Sequence<css::beans::PropertyValue> args = seq({
        prop("Hidden", Any(true)), prop("ReadOnly", Any(read_only)),
        prop("MacroExecutionMode", Any(css::document::MacroExecMode::NEVER_EXECUTE))});
    model_.set(desktop->loadComponentFromURL(url, "_blank", 0, args), UNO_QUERY);
    if (!model_.is())
        throw Error(ErrorCode::InputUnreadable, "LibreOffice không mở được tệp: " + utf8(url),
                    "LibreOffice cannot open the file: " + utf8(url));
}

HiddenDocument::~HiddenDocument() {
    try {
        Reference<css::util::XCloseable> closeable(model_, UNO_QUERY);
        if (closeable.is())
            closeable->close(true);
        else if (Reference<css::lang::XComponent> component{model_, UNO_QUERY}; component.is())
            component->dispose();
    } catch (const Exception&) {
        // a close vetoed by someone else: the owner ("true") closes it later
    }
}

Reference<css::frame::XModel> find_open_document(const ContextRef& context, const OUString& url) {
    Reference<css::frame::XDesktop2> desktop = css::frame::Desktop::create(context);
    Reference<css::container::XEnumeration> components = desktop->getComponents()->createEnumeration();
    while (components->hasMoreElements()) {
        Reference<css::frame::XModel> model(components->nextElement(), UNO_QUERY);
        if (model.is() && model->getURL() == url)
            return model;
    }
    return {};
}

void open_in_office(const ContextRef& context, const std::string& path, bool hidden) {
    Reference<css::frame::XDesktop2> desktop = css::frame::Desktop::create(context);
    Sequence<css::beans::PropertyValue> args;
    if (hidden) {
        css::beans::PropertyValue hide;
        hide.Name = "Hidden";
        hide.Value <<= true;
        args = Sequence<css::beans::PropertyValue>(&hide, 1);
    }
    desktop->loadComponentFromURL(url_from_path(path), hidden ? OUString("_blank") : OUString("_default"), 0, args);
}

void check_output_folder(const std::string& path) {
    fs::path folder = fs::path(path).parent_path();
    if (folder.empty())
        folder = ".";
    std::error_code ec;
    if (!fs::is_directory(folder, ec))
        throw Error(ErrorCode::OutputProblem, "Thư mục lưu kết quả không tồn tại: " + folder.string(),
                    "The output folder does not exist: " + folder.string());
    if (access(folder.c_str(), W_OK) != 0)
        throw Error(ErrorCode::OutputProblem,
                    "Không ghi được vào thư mục " + folder.string() + " (chỉ đọc). Hãy chọn thư mục khác.",
                    "Cannot write into " + folder.string() + " (read-only). Choose another folder.");
}

} // namespace kyso::lo
