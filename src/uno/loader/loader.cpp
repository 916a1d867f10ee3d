// The component LibreOffice loads (kyso.components names libkyso_loader.so). It depends only on
// LibreOffice's own UNO libraries, so it always loads; it then opens the real component,
// libkyso_uno.so beside it, and hands LibreOffice the real factories. When that fails (an .oxt
// on a machine without kyso's libraries), it registers the explaining component instead, so
// the toolbar tells the user what to install rather than doing nothing.
#include "uno/loader/explaining_component.hpp"
#include "uno/loader/missing_libraries.hpp"

#include <sal/types.h>
#include <uno/environment.h>
#include <uno/lbnames.h>

#include <dlfcn.h>

#include <mutex>
#include <string>

namespace {

using GetFactory = void* (*)(const char*, void*, void*);

struct RealComponent {
    GetFactory get_factory = nullptr;
    kyso::loader::Explanation why_not; // filled when get_factory is null
};

std::string own_directory() {
    Dl_info info{};
    if (!dladdr(reinterpret_cast<void*>(&own_directory), &info) || !info.dli_fname)
        return ".";
    std::string path = info.dli_fname;
    size_t slash = path.rfind('/');
    return slash == std::string::npos ? "." : path.substr(0, slash);
}

RealComponent open_real_component() {
    const std::string dir = own_directory();
    RealComponent real;
    // RTLD_LOCAL: its libraries (OpenSSL, libpng…) stay private to it, as its link options ask.
    void* handle = dlopen((dir + "/libkyso_uno.so").c_str(), RTLD_NOW | RTLD_LOCAL);
    std::string error;
    if (handle) {
        // Looked up in the real library's own scope, never this loader's symbol of the same name.
        real.get_factory = reinterpret_cast<GetFactory>(dlsym(handle, "component_getFactory"));
        if (real.get_factory)
            return real;
        error = "component_getFactory not found";
    } else {
        const char* message = dlerror();
        error = message ? message : "dlopen failed";
    }
    auto missing = kyso::loader::unavailable(kyso::loader::read_requirements(dir + "/libraries.txt"));
    real.why_not = kyso::loader::explain(missing, error, KYSO_VERSION);
    return real;
}

const RealComponent& real_component() {
    static const RealComponent real = open_real_component(); // once, thread-safe
    return real;
}

} // namespace

extern "C" SAL_DLLPUBLIC_EXPORT void* SAL_CALL component_getFactory(const char* name, void* service_manager,
                                                                   void* registry_key) {
    const RealComponent& real = real_component();
    if (real.get_factory)
        return real.get_factory(name, service_manager, registry_key);
    return kyso::loader::explaining_factory(name, service_manager, registry_key, real.why_not);
}

extern "C" SAL_DLLPUBLIC_EXPORT void SAL_CALL component_getImplementationEnvironment(const char** env_type_name,
                                                                                   uno_Environment**) {
    *env_type_name = CPPU_CURRENT_LANGUAGE_BINDING_NAME;
}
