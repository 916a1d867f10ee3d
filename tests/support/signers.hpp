// Signers for tests: a key on the SoftHSM2 test token (the real path), or a software key with
// a self-signed certificate for pure unit tests of the CMS code.
#pragma once

#include "core/crypto/key_signer.hpp"
#include "core/token/token.hpp"

#include <memory>
#include <string>

namespace kyso::test {

/// The SoftHSM2 module, loaded directly (tests of the p11-kit default load it by name).
std::unique_ptr<TokenModule> open_test_module();

/// A signer for certificate `label` on the test token, logged in with the test PIN.
KeySigner token_signer(TokenModule& module, const std::string& label);

/// A software RSA (or EC P-256) key with a self-signed certificate named `common_name`.
KeySigner software_signer(const std::string& common_name, bool ec = false);

} // namespace kyso::test
