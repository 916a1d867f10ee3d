// One SignerInfo of a detached SignedData against the signed bytes: the algorithms it names and
// whether they agree, the content type, the digest, and the signature — over the signed
// attributes (which then carry the digest) or, without them, over the content digest itself
// (RFC 5652 §5.4). RSA PKCS#1 v1.5, RSASSA-PSS and ECDSA. PDF-agnostic, like check_cms.
#pragma once

#include "core/crypto/ossl.hpp"

#include <functional>
#include <string>
#include <vector>

namespace kyso {

/// Hashes the signed byte ranges with the given message digest.
using RangeDigester = std::function<ossl::Bytes(const EVP_MD*)>;

/// What one SignerInfo proves; a problem text explains every false.
struct SignerInfoCheck {
    X509* signer = nullptr;         ///< its certificate among the CMS's (not owned), or null
    const EVP_MD* md = nullptr;     ///< its digest algorithm, when known
    bool signed_attributes = false; ///< present; else the signature covers the content digest
    bool algorithms_ok = false;     ///< known, consistent with each other, content type id-data
    bool digest_ok = false;         ///< the signed bytes hash to what was signed
    bool signature_ok = false;      ///< the signature verifies with the certificate's key
    std::vector<std::string> problems;

    bool verified() const { return algorithms_ok && digest_ok && signature_ok; }
};

/// Checks `si` of `cms` (whose certificates are attached to its SignerInfos) against the bytes
/// that `digest_ranges` hashes.
SignerInfoCheck check_signer_info(CMS_ContentInfo* cms, CMS_SignerInfo* si, const RangeDigester& digest_ranges);

} // namespace kyso
