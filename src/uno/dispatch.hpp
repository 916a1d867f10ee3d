// The protocol handler for vn.kyso: URLs and one dispatch object per command. This is the
// boundary with LibreOffice: no C++ exception crosses it. Each dispatch catches everything,
// shows the message (interactive) or returns it through the XDispatchResultListener and
// stderr (Interactive=false).
#pragma once

#include "uno/commands.hpp"
#include "uno/strings.hpp"

#include <com/sun/star/frame/XDispatchProvider.hpp>
#include <com/sun/star/frame/XFrame.hpp>
#include <com/sun/star/frame/XNotifyingDispatch.hpp>
#include <com/sun/star/frame/XStatusListener.hpp>
#include <com/sun/star/lang/XEventListener.hpp>
#include <com/sun/star/lang/XInitialization.hpp>
#include <com/sun/star/lang/XServiceInfo.hpp>
#include <com/sun/star/uno/XComponentContext.hpp>
#include <cppuhelper/implbase1.hxx>
#include <cppuhelper/implbase4.hxx>

#include <mutex>
#include <vector>

namespace kyso::lo {

/// Implementation name in kyso.components.
constexpr const char* kProtocolHandlerName = "vn.kyso.ProtocolHandler";

/// Hands out a dispatch for vn.kyso:ExportDraft, SignOfficial, Issue, Verify and Settings.
///
/// The frame is held by a hard reference until the frame says it is disposed, never by a
/// css::uno::WeakReference. Right after an installation into a running office (Extension
/// Manager, or the tests' ExtensionManager API), LibreOffice runs the extension in a separate
/// uno.bin process until it restarts; a WeakReference to a frame of soffice is then remote, and
/// soffice calls back into uno.bin (XReference::dispose) on the frame's last release, from
/// whatever thread drops it. That can be the URP bridge's writer thread releasing a toolbar
/// controller it has just sent, which then waits for a reply only it could send: the bridge
/// and the running dispatch hang for good (the hidden copy's frame of ExportDraft, tests/lo).
class ProtocolHandler
    : public cppu::WeakImplHelper4<css::frame::XDispatchProvider, css::lang::XInitialization, css::lang::XServiceInfo,
                                   css::lang::XEventListener> {
public:
    explicit ProtocolHandler(const css::uno::Reference<css::uno::XComponentContext>& context) : context_(context) {}

    // XInitialization: the first argument is the frame (listened to, for its disposal).
    void SAL_CALL initialize(const css::uno::Sequence<css::uno::Any>& arguments) override;
    // XEventListener: the frame is disposed; let it go.
    void SAL_CALL disposing(const css::lang::EventObject& source) override;
    // XDispatchProvider
    css::uno::Reference<css::frame::XDispatch> SAL_CALL queryDispatch(const css::util::URL& url, const OUString& target,
                                                                       sal_Int32 flags) override;
    css::uno::Sequence<css::uno::Reference<css::frame::XDispatch>> SAL_CALL
    queryDispatches(const css::uno::Sequence<css::frame::DispatchDescriptor>& requests) override;
    // XServiceInfo
    OUString SAL_CALL getImplementationName() override;
    sal_Bool SAL_CALL supportsService(const OUString& name) override;
    css::uno::Sequence<OUString> SAL_CALL getSupportedServiceNames() override;

    /// The frame, or empty once it is disposed (or was never given).
    css::uno::Reference<css::frame::XFrame> frame() const;

    /// A toolbar button's status listener for `command` (issue 16.2): told at once whether the
    /// command can run on the frame's document and what it will do (tooltip), and again after
    /// each kyso command run in this frame (a new signed file beside a Writer document, …).
    void add_status_listener(Command command, const css::util::URL& url,
                             const css::uno::Reference<css::frame::XStatusListener>& listener,
                             const css::uno::Reference<css::frame::XDispatch>& source);
    void remove_status_listener(const css::util::URL& url, const css::uno::Reference<css::frame::XStatusListener>& listener);
    /// Tells every status listener the commands' current states, and updates the state line.
    void refresh_status();

private:
    struct StatusListener {
        Command command;
        css::util::URL url;
        css::uno::Reference<css::frame::XStatusListener> listener;
        css::uno::Reference<css::frame::XDispatch> source;
    };
    void send_status(const StatusListener& to);

    css::uno::Reference<css::uno::XComponentContext> context_;
    mutable std::mutex mutex_;
    css::uno::Reference<css::frame::XFrame> frame_; // guarded by mutex_
    std::vector<StatusListener> listeners_;        // guarded by mutex_
};

/// Factory function for component.cpp.
css::uno::Reference<css::uno::XInterface> SAL_CALL
create_protocol_handler(const css::uno::Reference<css::uno::XComponentContext>& context);

} // namespace kyso::lo
