// The protocol handler for vn.kyso: URLs and one dispatch object per command. This is the
// boundary with LibreOffice: no C++ exception crosses it. Each dispatch catches everything,
// shows the message (interactive) or returns it through the XDispatchResultListener and
// stderr (Interactive=false).
#pragma once

#include "uno/strings.hpp"

#include <com/sun/star/frame/XDispatchProvider.hpp>
#include <com/sun/star/frame/XFrame.hpp>
#include <com/sun/star/frame/XNotifyingDispatch.hpp>
#include <com/sun/star/lang/XInitialization.hpp>
#include <com/sun/star/lang/XServiceInfo.hpp>
#include <com/sun/star/uno/XComponentContext.hpp>
#include <cppuhelper/implbase1.hxx>
#include <cppuhelper/implbase3.hxx>

namespace kyso::lo {

/// Implementation name in kyso.components.
constexpr const char* kProtocolHandlerName = "vn.kyso.ProtocolHandler";

/// Hands out a dispatch for vn.kyso:ExportDraft, SignOfficial, Issue, Verify and Settings.
class ProtocolHandler
    : public cppu::WeakImplHelper3<css::frame::XDispatchProvider, css::lang::XInitialization, css::lang::XServiceInfo> {
public:
    explicit ProtocolHandler(const css::uno::Reference<css::uno::XComponentContext>& context) : context_(context) {}

    // XInitialization: the first argument is the frame.
    void SAL_CALL initialize(const css::uno::Sequence<css::uno::Any>& arguments) override;
    // XDispatchProvider
    css::uno::Reference<css::frame::XDispatch> SAL_CALL queryDispatch(const css::util::URL& url, const OUString& target,
                                                                       sal_Int32 flags) override;
    css::uno::Sequence<css::uno::Reference<css::frame::XDispatch>> SAL_CALL
    queryDispatches(const css::uno::Sequence<css::frame::DispatchDescriptor>& requests) override;
    // XServiceInfo
    OUString SAL_CALL getImplementationName() override;
    sal_Bool SAL_CALL supportsService(const OUString& name) override;
    css::uno::Sequence<OUString> SAL_CALL getSupportedServiceNames() override;

private:
    css::uno::Reference<css::uno::XComponentContext> context_;
    css::uno::WeakReference<css::frame::XFrame> frame_;
};

/// Factory function for component.cpp.
css::uno::Reference<css::uno::XInterface> SAL_CALL
create_protocol_handler(const css::uno::Reference<css::uno::XComponentContext>& context);

} // namespace kyso::lo
