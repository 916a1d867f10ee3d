// vn.kyso.Kyso: the scriptable API (idl/vn/kyso/XKyso.idl) for macros and tests. The same
// commands as the toolbar, always non-interactive, on documents named by URL; failures come
// back as vn::kyso::KysoException.
#pragma once

#include "uno/strings.hpp"

#include <com/sun/star/uno/XComponentContext.hpp>

namespace kyso::lo {

/// Implementation name in kyso.components.
constexpr const char* kServiceImplName = "vn.kyso.Kyso";

/// Factory function for component.cpp.
css::uno::Reference<css::uno::XInterface> SAL_CALL
create_kyso_service(const css::uno::Reference<css::uno::XComponentContext>& context);

} // namespace kyso::lo
