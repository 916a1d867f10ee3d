// RFC 3161 time-stamp client: asks a TSA (Vietnam's government TSA, or any RFC 3161 URL) for a
// token over some bytes, and accepts the answer only when it is provably for this request.
#pragma once

#include "core/crypto/ossl.hpp"

#include <openssl/x509.h>

#include <string>

namespace kyso {

/// Where to ask and how long to wait.
struct TsaConfig {
    std::string url;         ///< http://… of an RFC 3161 service
    int timeout_seconds = 15; ///< bounds the whole exchange: a slow TSA fails, it never hangs
};

/// Requests a time-stamp token over SHA-256(`data`) and returns it (DER ContentInfo). The
/// answer is verified before it is returned: status granted, version, the message imprint and
/// the nonce of this request, the TSA's signature and a chain to `trust` for a certificate
/// whose (critical) extended key usage is timeStamping. Throws SigningFailed otherwise.
ossl::Bytes request_timestamp(const TsaConfig& tsa, const ossl::Bytes& data, X509_STORE* trust);

/// The same for bytes already hashed: `sha256_digest` is SHA-256 of the data (a document
/// time-stamp's byte ranges, too large to hold in memory), checked the same way.
ossl::Bytes request_timestamp_for_digest(const TsaConfig& tsa, const ossl::Bytes& sha256_digest, X509_STORE* trust);

} // namespace kyso
