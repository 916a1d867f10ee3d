#include "uno/loader/explaining_component.hpp"

#include <com/sun/star/awt/MessageBoxButtons.hpp>
#include <com/sun/star/awt/Toolkit.hpp>
#include <com/sun/star/awt/XMessageBoxFactory.hpp>
#include <com/sun/star/beans/PropertyValue.hpp>
#include <com/sun/star/frame/Desktop.hpp>
#include <com/sun/star/frame/DispatchResultState.hpp>
#include <com/sun/star/frame/FeatureStateEvent.hpp>
#include <com/sun/star/frame/XDispatchProvider.hpp>
#include <com/sun/star/frame/XNotifyingDispatch.hpp>
#include <com/sun/star/lang/XInitialization.hpp>
#include <com/sun/star/lang/XServiceInfo.hpp>
#include <com/sun/star/uno/DeploymentException.hpp>
#include <com/sun/star/uno/XComponentContext.hpp>
#include <cppuhelper/factory.hxx>
#include <cppuhelper/implbase4.hxx>
#include <cppuhelper/implementationentry.hxx>
#include <cppuhelper/supportsservice.hxx>

#include <iostream>

namespace kyso::loader {
namespace {

using namespace css::uno;
using css::beans::PropertyValue;
using ::rtl::OUString;

Explanation g_why; // set before the factories below are handed out; read-only afterwards

OUString ou(const std::string& utf8) {
    return OUString(utf8.data(), static_cast<sal_Int32>(utf8.size()), RTL_TEXTENCODING_UTF8);
}

template <class E>
Sequence<E> seq(std::initializer_list<E> items) {
    return Sequence<E>(items.begin(), static_cast<sal_Int32>(items.size()));
}

PropertyValue prop(const char* name, Any value) {
    PropertyValue p;
    p.Name = OUString::createFromAscii(name);
    p.Value = std::move(value);
    return p;
}

bool interactive(const Sequence<PropertyValue>& args) {
    for (const PropertyValue& arg : args) {
        bool value = true;
        if (arg.Name == "Interactive" && (arg.Value >>= value))
            return value;
    }
    return true;
}

// The active document's window as the parent, so the box shows over what the user clicked.
void show_box(const Reference<XComponentContext>& context) {
    Reference<css::awt::XWindowPeer> parent;
    if (Reference<css::frame::XFrame> frame = css::frame::Desktop::create(context)->getCurrentFrame(); frame.is())
        parent.set(frame->getContainerWindow(), UNO_QUERY);
    Reference<css::awt::XMessageBoxFactory> factory(css::awt::Toolkit::create(context), UNO_QUERY_THROW);
    factory
        ->createMessageBox(parent, css::awt::MessageBoxType_ERRORBOX, css::awt::MessageBoxButtons::BUTTONS_OK,
                           "kyso", ou(g_why.both()))
        ->execute();
}

// Every vn.kyso: URL gets this one dispatch: the buttons stay enabled, and each says why
// nothing else happens.
class ExplainingHandler
    : public cppu::WeakImplHelper4<css::frame::XDispatchProvider, css::frame::XNotifyingDispatch,
                                   css::lang::XInitialization, css::lang::XServiceInfo> {
public:
    explicit ExplainingHandler(const Reference<XComponentContext>& context) : context_(context) {}

    void SAL_CALL initialize(const Sequence<Any>&) override {}

    Reference<css::frame::XDispatch> SAL_CALL queryDispatch(const css::util::URL& url, const OUString&,
                                                            sal_Int32) override {
        if (url.Complete.startsWith("vn.kyso:"))
            return this;
        return {};
    }
    Sequence<Reference<css::frame::XDispatch>> SAL_CALL
    queryDispatches(const Sequence<css::frame::DispatchDescriptor>& requests) override {
        Sequence<Reference<css::frame::XDispatch>> out(requests.getLength());
        for (sal_Int32 i = 0; i < requests.getLength(); ++i)
            out.getArray()[i] = queryDispatch(requests[i].FeatureURL, requests[i].FrameName, requests[i].SearchFlags);
        return out;
    }

    void SAL_CALL dispatch(const css::util::URL& url, const Sequence<PropertyValue>& args) override {
        dispatchWithNotification(url, args, {});
    }
    void SAL_CALL dispatchWithNotification(const css::util::URL& url, const Sequence<PropertyValue>& args,
                                           const Reference<css::frame::XDispatchResultListener>& listener) override {
        std::cerr << "kyso: " << g_why.en << "\n";
        if (interactive(args)) {
            try {
                show_box(context_);
            } catch (const Exception& e) {
                std::cerr << "kyso: the message box failed: " << e.Message << "\n";
            }
        }
        if (!listener.is())
            return;
        css::frame::DispatchResultEvent event;
        event.Source = static_cast<cppu::OWeakObject*>(this);
        event.State = css::frame::DispatchResultState::FAILURE;
        event.Result <<= seq<PropertyValue>(
            {prop("Success", Any(false)), prop("Cancelled", Any(false)), prop("Code", Any(OUString("LibrariesMissing"))),
             prop("Message", Any(ou(g_why.both()))), prop("MessageVi", Any(ou(g_why.vi))),
             prop("MessageEn", Any(ou(g_why.en))), prop("Command", Any(url.Complete))});
        listener->dispatchFinished(event);
    }
    void SAL_CALL addStatusListener(const Reference<css::frame::XStatusListener>& listener,
                                    const css::util::URL& url) override {
        if (!listener.is())
            return;
        css::frame::FeatureStateEvent event;
        event.Source = static_cast<cppu::OWeakObject*>(this);
        event.FeatureURL = url;
        event.IsEnabled = true;
        listener->statusChanged(event);
    }
    void SAL_CALL removeStatusListener(const Reference<css::frame::XStatusListener>&, const css::util::URL&) override {}

    OUString SAL_CALL getImplementationName() override { return "vn.kyso.ProtocolHandler"; }
    sal_Bool SAL_CALL supportsService(const OUString& name) override { return cppu::supportsService(this, name); }
    Sequence<OUString> SAL_CALL getSupportedServiceNames() override {
        return seq<OUString>({"com.sun.star.frame.ProtocolHandler"});
    }

private:
    Reference<XComponentContext> context_;
};

Reference<XInterface> SAL_CALL create_handler(const Reference<XComponentContext>& context) {
    return static_cast<cppu::OWeakObject*>(new ExplainingHandler(context));
}

// A macro or remote client creating vn.kyso.Kyso gets the explanation as the exception's message.
Reference<XInterface> SAL_CALL refuse_service(const Reference<XComponentContext>&) {
    throw css::uno::DeploymentException(ou(g_why.both()), {});
}

OUString SAL_CALL handler_name() { return "vn.kyso.ProtocolHandler"; }
Sequence<OUString> SAL_CALL handler_services() { return seq<OUString>({"com.sun.star.frame.ProtocolHandler"}); }
OUString SAL_CALL service_name() { return "vn.kyso.Kyso"; }
Sequence<OUString> SAL_CALL service_services() { return seq<OUString>({"vn.kyso.Kyso"}); }

const cppu::ImplementationEntry entries[] = {
    {create_handler, handler_name, handler_services, cppu::createSingleComponentFactory, nullptr, 0},
    {refuse_service, service_name, service_services, cppu::createSingleComponentFactory, nullptr, 0},
    {nullptr, nullptr, nullptr, nullptr, nullptr, 0},
};

} // namespace

void* explaining_factory(const char* name, void* service_manager, void* registry_key, const Explanation& why) {
    g_why = why;
    return cppu::component_getFactoryHelper(name, service_manager, registry_key, entries);
}

} // namespace kyso::loader
