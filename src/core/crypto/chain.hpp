// Orders the certificates that go into the CMS: from the signer's issuer up to a root.
#pragma once

#include "core/crypto/ossl.hpp"

#include <vector>

namespace kyso {

/// Copies, from `candidates`, the issuer chain of `leaf` (issuer first, root last).
std::vector<ossl::X509Ptr> issuer_chain(const X509* leaf, const std::vector<const X509*>& candidates);

} // namespace kyso
