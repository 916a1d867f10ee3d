// PAdES baseline B CMS (SubFilter ETSI.CAdES.detached): a detached SignedData over the digest
// of the PDF's byte ranges, with exactly the signed attributes contentType, messageDigest and
// ESS signingCertificateV2 — and no signingTime (the time lives in the signature dictionary's /M).
#pragma once

#include "core/crypto/key_signer.hpp"

#include <functional>
#include <optional>

namespace kyso {

/// Obtains an RFC 3161 token over the SignerInfo's signature value (PAdES B-T); returns none
/// when the signature may go out without one (the caller's policy decides).
using SignatureTimestamper = std::function<std::optional<ossl::Bytes>(const ossl::Bytes& signature_value)>;

/// id-aa-signatureTimeStampToken: the unsigned attribute that carries the token.
inline constexpr const char* kOidSignatureTimeStampToken = "1.2.840.113549.1.9.16.2.14";

/// Builds the DER SignedData for a SHA-256 `content_digest`, signing with `signer`.
ossl::Bytes build_pades_cms(const ossl::Bytes& content_digest, const KeySigner& signer);

/// The same, then adds the signature-time-stamp unsigned attribute when `timestamper` (if set)
/// returns a token.
ossl::Bytes build_pades_cms(const ossl::Bytes& content_digest, const KeySigner& signer,
                            const SignatureTimestamper& timestamper);

/// Size of the CMS `build_pades_cms` will produce, found by a dry run with a placeholder
/// signature of the key's maximum size; the token is not touched.
size_t pades_cms_size(const KeySigner& signer);

/// The dry-run size plus room for a time-stamp token of up to `token_reserve` bytes in its
/// unsigned attribute (the token's size is only known once the TSA answers).
size_t pades_cms_size(const KeySigner& signer, size_t token_reserve);

} // namespace kyso
