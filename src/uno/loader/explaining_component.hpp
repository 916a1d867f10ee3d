// What the loader registers when the real component cannot be loaded: a protocol handler whose
// every vn.kyso: command tells the user what to install, and a vn.kyso.Kyso service whose
// creation fails with the same words. Only LibreOffice's own UNO libraries are used here.
#pragma once

#include "uno/loader/missing_libraries.hpp"

namespace kyso::loader {

/// A component_getFactory answer for the implementation `name` (kyso.components), explaining.
void* explaining_factory(const char* name, void* service_manager, void* registry_key, const Explanation& why);

} // namespace kyso::loader
