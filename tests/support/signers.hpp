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

/// A software key and its self-signed certificate, valid from `valid_from` to `valid_until`
/// seconds relative to now; a TSA's certificate carries only a critical timeStamping key usage.
struct SoftwareIdentity {
    ossl::PkeyPtr key;
    ossl::X509Ptr certificate;
};
SoftwareIdentity software_identity(const std::string& common_name, bool ec, long valid_from, long valid_until,
                                   bool tsa = false);
/// The same for a key of any kind (an EC P-384 or RSA-PSS key, say).
SoftwareIdentity software_identity_for(const std::string& common_name, ossl::PkeyPtr key, long valid_from,
                                       long valid_until, bool tsa = false);

/// A software RSA (or EC P-256) key with a self-signed certificate named `common_name`, valid
/// from `valid_from` to `valid_until` seconds relative to now.
KeySigner software_signer(const std::string& common_name, bool ec = false, long valid_from = -3600,
                          long valid_until = 3600L * 24 * 365);

} // namespace kyso::test
