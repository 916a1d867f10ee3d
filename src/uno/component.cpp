// The component's entry point. LibreOffice finds the implementations in kyso.components
// (passive registration) and asks this function for their factories.
#include "uno/dispatch.hpp"
#include "uno/strings.hpp"
#include "uno/kyso_service.hpp"

#include <cppuhelper/factory.hxx>
#include <cppuhelper/implementationentry.hxx>
#include <uno/lbnames.h>

namespace {

using ::rtl::OUString;

css::uno::Sequence<OUString> SAL_CALL handler_services() { return kyso::lo::seq<OUString>({"com.sun.star.frame.ProtocolHandler"}); }
OUString SAL_CALL handler_name() { return OUString::createFromAscii(kyso::lo::kProtocolHandlerName); }
css::uno::Sequence<OUString> SAL_CALL service_services() { return kyso::lo::seq<OUString>({"vn.kyso.Kyso"}); }
OUString SAL_CALL service_name() { return OUString::createFromAscii(kyso::lo::kServiceImplName); }

const cppu::ImplementationEntry entries[] = {
    {kyso::lo::create_protocol_handler, handler_name, handler_services, cppu::createSingleComponentFactory, nullptr, 0},
    {kyso::lo::create_kyso_service, service_name, service_services, cppu::createSingleComponentFactory, nullptr, 0},
    {nullptr, nullptr, nullptr, nullptr, nullptr, 0},
};

} // namespace

extern "C" SAL_DLLPUBLIC_EXPORT void* SAL_CALL component_getFactory(const char* name, void* service_manager,
                                                                   void* registry_key) {
    return cppu::component_getFactoryHelper(name, service_manager, registry_key, entries);
}

extern "C" SAL_DLLPUBLIC_EXPORT void SAL_CALL component_getImplementationEnvironment(const char** env_type_name,
                                                                                   uno_Environment**) {
    *env_type_name = CPPU_CURRENT_LANGUAGE_BINDING_NAME;
}
