#include "uno/dispatch.hpp"

#include "uno/command_state.hpp"
#include "uno/commands.hpp"
#include "uno/dialogs.hpp"
#include "uno/state_line_bar.hpp"
#include "uno/token_choice.hpp"

#include <com/sun/star/beans/NamedValue.hpp>
#include <com/sun/star/beans/PropertyValue.hpp>
#include <com/sun/star/frame/ControlCommand.hpp>
#include <com/sun/star/frame/DispatchResultState.hpp>
#include <com/sun/star/frame/FeatureStateEvent.hpp>
#include <com/sun/star/frame/XFrame.hpp>
#include <cppuhelper/supportsservice.hxx>
#include <rtl/ref.hxx>

#include <iostream>

namespace kyso::lo {
namespace {

using namespace css::uno;
using css::beans::PropertyValue;

constexpr char kProtocol[] = "vn.kyso:";

PropertyValue prop(const char* name, Any value) {
    PropertyValue p;
    p.Name = OUString::createFromAscii(name);
    p.Value = std::move(value);
    return p;
}

// What automation gets back: the outcome or the error, by name.
struct Reply {
    bool success = false;
    bool cancelled = false;
    OUString output_url;
    std::vector<OUString> attachment_urls; ///< Issue: the signed attachments, in order
    Bilingual message;
    std::string code;
    std::string cause;
    std::vector<Notice> notices;
    std::string report_text;
    bool all_valid = false;
    std::string verdict; ///< the verified file's, as kyso verify --json; empty for other commands

    Any as_any(bool vi) const {
        Sequence<OUString> warnings(static_cast<sal_Int32>(notices.size()));
        for (size_t i = 0; i < notices.size(); ++i)
            warnings.getArray()[i] = ou(vi ? notices[i].vi : notices[i].en);
        return Any(seq<PropertyValue>({
            prop("Success", Any(success)), prop("Cancelled", Any(cancelled)), prop("OutputURL", Any(output_url)),
            prop("Message", Any(ou(message.pick(vi)))), prop("MessageVi", Any(ou(message.vi))),
            prop("MessageEn", Any(ou(message.en))), prop("Code", Any(ou(code))), prop("Cause", Any(ou(cause))),
            prop("Warnings", Any(warnings)), prop("Report", Any(ou(report_text))), prop("AllValid", Any(all_valid)),
            prop("Verdict", Any(ou(verdict))),
            prop("AttachmentOutputURLs", Any(Sequence<OUString>(attachment_urls.data(),
                                                                 static_cast<sal_Int32>(attachment_urls.size()))))}));
    }
};

// One command bound to one frame: the handler's frame, asked when the command runs (see
// ProtocolHandler in dispatch.hpp for why neither holds it through a WeakReference).
class Dispatch : public cppu::WeakImplHelper1<css::frame::XNotifyingDispatch> {
public:
    Dispatch(const Reference<XComponentContext>& context, const rtl::Reference<ProtocolHandler>& handler,
             Command command)
        : context_(context), handler_(handler), command_(command) {}

    void SAL_CALL dispatch(const css::util::URL& url, const Sequence<PropertyValue>& args) override {
        dispatchWithNotification(url, args, {});
    }

    // Synchronous: the listener has the result when the call returns (DispatchHelper and
    // macros wait for it on the calling thread, so posting to the main thread would deadlock
    // them). Dialogs need the main thread: the toolbar calls from there; a remote client that
    // wants dialogs calls from an AsyncCallback (see tests/lo/test_gui.py).
    void SAL_CALL dispatchWithNotification(const css::util::URL&, const Sequence<PropertyValue>& args,
                                           const Reference<css::frame::XDispatchResultListener>& listener) override {
        Reference<XInterface> keep_alive(static_cast<cppu::OWeakObject*>(this));
        finish(args, listener);
        handler_->refresh_status(); // the command may have written the file another step needs
    }

    void SAL_CALL addStatusListener(const Reference<css::frame::XStatusListener>& listener,
                                    const css::util::URL& url) override {
        if (listener.is())
            handler_->add_status_listener(command_, url, listener, this);
    }

    void SAL_CALL removeStatusListener(const Reference<css::frame::XStatusListener>& listener,
                                       const css::util::URL& url) override {
        handler_->remove_status_listener(url, listener);
    }

private:
    void finish(const Sequence<PropertyValue>& args, const Reference<css::frame::XDispatchResultListener>& listener) {
        Reply reply = run(args);
        if (!listener.is())
            return;
        try {
            css::frame::DispatchResultEvent event;
            event.Source = static_cast<cppu::OWeakObject*>(this);
            event.State = reply.success     ? css::frame::DispatchResultState::SUCCESS
                          : reply.cancelled ? css::frame::DispatchResultState::DONTKNOW
                                            : css::frame::DispatchResultState::FAILURE;
            event.Result = reply.as_any(vietnamese_);
            listener->dispatchFinished(event);
        } catch (const Exception& e) {
            std::cerr << "kyso: the result listener failed: " << utf8(e.Message) << "\n";
        }
    }

    // Runs the command; every exception stops here.
    Reply run(const Sequence<PropertyValue>& values) {
        Reply reply;
        Env env;
        env.context = context_;
        env.frame = handler_->frame();
        try {
            env.vietnamese = ui_vietnamese(context_);
        } catch (...) {
        }
        vietnamese_ = env.vietnamese;
        try {
            Arguments args = parse_arguments(values);
            env.interactive = args.interactive;
            Outcome outcome = run_command(env, command_, source_of_frame(env.frame), args);
            reply.success = true;
            reply.message = outcome.message;
            reply.notices = outcome.notices;
            reply.report_text = outcome.report_text;
            reply.all_valid = outcome.report && outcome.report->all_valid();
            if (outcome.report)
                reply.verdict = verdict_code(outcome.report->verdict());
            if (!outcome.output.empty())
                reply.output_url = url_from_path(outcome.output);
            for (const std::string& attachment : outcome.attachments)
                reply.attachment_urls.push_back(url_from_path(attachment));
            if (env.interactive)
                present(env, outcome);
        } catch (const Cancelled&) {
            reply.cancelled = true;
            reply.code = "Cancelled";
            reply.message = {"Đã huỷ; không có tệp nào được ghi.", "Cancelled; nothing was written."};
        } catch (const Error& e) {
            reply.code = code_name(e.code());
            reply.message = {e.vietnamese(), e.english()};
            reply.cause = e.cause();
        } catch (const Exception& e) {
            reply.code = "Office";
            reply.message = {"LibreOffice báo lỗi: " + utf8(e.Message), "LibreOffice reported an error: " + utf8(e.Message)};
        } catch (const std::exception& e) {
            reply.code = "Internal";
            reply.message = {std::string("Lỗi không mong đợi: ") + e.what(), std::string("Unexpected error: ") + e.what()};
        } catch (...) {
            reply.code = "Internal";
            reply.message = {"Lỗi không mong đợi.", "Unexpected error."};
        }
        if (!reply.success && !reply.cancelled) {
            std::cerr << "kyso: " << reply.code << ": " << reply.message.en
                      << (reply.cause.empty() ? "" : " (" + reply.cause + ")") << "\n";
            if (env.interactive)
                safely([&] { show_message(env, MessageKind::Error, env.tr(reply.message)); });
        }
        return reply;
    }

    // Success: the result, the warnings, and an offer to open the file.
    void present(const Env& env, const Outcome& outcome) {
        safely([&] {
            std::string text = outcome.message.pick(env.vietnamese);
            for (const Notice& notice : outcome.notices)
                text += "\n\n! " + (env.vietnamese ? notice.vi : notice.en);
            if (command_ == Command::Verify) {
                show_text(env, env.tr("Kết quả kiểm tra chữ ký số", "Signature verification"),
                          ou(outcome.report_text + "\n" + text));
                return;
            }
            if (command_ == Command::Settings || command_ == Command::OpenRegister)
                return; // nothing to report, or the spreadsheet is already open
            if (show_result(env, ou(text), !outcome.output.empty()))
                open_in_office(env.context, outcome.output);
        });
    }

    template <class F>
    static void safely(F&& f) {
        try {
            f();
        } catch (const Exception& e) {
            std::cerr << "kyso: " << utf8(e.Message) << "\n";
        } catch (const std::exception& e) {
            std::cerr << "kyso: " << e.what() << "\n";
        } catch (...) {
        }
    }

    Reference<XComponentContext> context_;
    rtl::Reference<ProtocolHandler> handler_;
    Command command_;
    bool vietnamese_ = true;
};

} // namespace

void ProtocolHandler::initialize(const Sequence<Any>& arguments) {
    Reference<css::frame::XFrame> frame;
    if (arguments.getLength() > 0)
        arguments[0] >>= frame;
    {
        std::lock_guard lock(mutex_);
        frame_ = frame;
    }
    // The frame and this handler keep each other until the frame is disposed, which tells us.
    if (frame.is()) {
        try {
            frame->addEventListener(static_cast<css::lang::XEventListener*>(this));
        } catch (const Exception& e) {
            std::cerr << "kyso: the frame refused a listener: " << utf8(e.Message) << "\n";
        }
    }
}

void ProtocolHandler::disposing(const css::lang::EventObject&) {
    Reference<css::frame::XFrame> gone;
    std::vector<StatusListener> listeners;
    {
        std::lock_guard lock(mutex_);
        gone = frame_;
        frame_.clear();
        listeners.swap(listeners_);
    }
    // `gone` and the listeners are released here, outside the lock.
}

Reference<css::frame::XFrame> ProtocolHandler::frame() const {
    std::lock_guard lock(mutex_);
    return frame_;
}

void ProtocolHandler::add_status_listener(Command command, const css::util::URL& url,
                                          const Reference<css::frame::XStatusListener>& listener,
                                          const Reference<css::frame::XDispatch>& source) {
    StatusListener entry{command, url, listener, source};
    bool first = false;
    {
        std::lock_guard lock(mutex_);
        first = listeners_.empty();
        listeners_.push_back(entry);
    }
    send_status(entry);
    if (first) // the toolbar is being built in this window: its document's state line too
        post_state_line(context_, frame());
}

void ProtocolHandler::remove_status_listener(const css::util::URL& url,
                                             const Reference<css::frame::XStatusListener>& listener) {
    std::vector<StatusListener> gone; // released outside the lock
    std::lock_guard lock(mutex_);
    for (auto it = listeners_.begin(); it != listeners_.end();) {
        if (it->listener == listener && it->url.Complete == url.Complete) {
            gone.push_back(*it);
            it = listeners_.erase(it);
        } else {
            ++it;
        }
    }
}

void ProtocolHandler::refresh_status() {
    std::vector<StatusListener> listeners;
    {
        std::lock_guard lock(mutex_);
        listeners = listeners_;
    }
    for (const StatusListener& listener : listeners)
        send_status(listener);
    post_state_line(context_, frame());
}

// Enabled or not, and the tooltip through the toolbar controller's "SetQuickHelpText" (a string
// State would replace the button's name instead).
void ProtocolHandler::send_status(const StatusListener& to) {
    try {
        bool vietnamese = true;
        try {
            vietnamese = ui_vietnamese(context_);
        } catch (...) {
        }
        CommandState state = command_state(to.command, source_of_frame(frame()), load_settings(context_));
        css::frame::ControlCommand tooltip;
        tooltip.Command = "SetQuickHelpText";
        tooltip.Arguments = seq<css::beans::NamedValue>({css::beans::NamedValue("HelpText", Any(ou(state.tooltip.pick(vietnamese))))});
        css::frame::FeatureStateEvent event;
        event.Source = to.source;
        event.FeatureURL = to.url;
        event.IsEnabled = state.enabled;
        event.Requery = false;
        event.State <<= tooltip;
        to.listener->statusChanged(event);
    } catch (const Exception& e) {
        std::cerr << "kyso: the toolbar's status listener failed: " << utf8(e.Message) << "\n";
    } catch (const std::exception& e) {
        std::cerr << "kyso: the command state failed: " << e.what() << "\n";
    }
}

Reference<css::frame::XDispatch> ProtocolHandler::queryDispatch(const css::util::URL& url, const OUString&, sal_Int32) {
    if (!url.Complete.startsWith(kProtocol))
        return {};
    std::optional<Command> command = command_of(url.Complete.copy(sizeof(kProtocol) - 1));
    if (!command)
        return {};
    return new Dispatch(context_, this, *command);
}

Sequence<Reference<css::frame::XDispatch>>
ProtocolHandler::queryDispatches(const Sequence<css::frame::DispatchDescriptor>& requests) {
    Sequence<Reference<css::frame::XDispatch>> out(requests.getLength());
    for (sal_Int32 i = 0; i < requests.getLength(); ++i)
        out.getArray()[i] = queryDispatch(requests[i].FeatureURL, requests[i].FrameName, requests[i].SearchFlags);
    return out;
}

OUString ProtocolHandler::getImplementationName() { return OUString::createFromAscii(kProtocolHandlerName); }

sal_Bool ProtocolHandler::supportsService(const OUString& name) { return cppu::supportsService(this, name); }

Sequence<OUString> ProtocolHandler::getSupportedServiceNames() { return seq<OUString>({"com.sun.star.frame.ProtocolHandler"}); }

Reference<XInterface> SAL_CALL create_protocol_handler(const Reference<XComponentContext>& context) {
    return static_cast<cppu::OWeakObject*>(new ProtocolHandler(context));
}

} // namespace kyso::lo
