// PAdES baseline B CMS (SubFilter ETSI.CAdES.detached): a detached SignedData over the digest
// of the PDF's byte ranges, with exactly the signed attributes contentType, messageDigest and
// ESS signingCertificateV2 — and no signingTime (the time lives in the signature dictionary's /M).
#pragma once

#include "core/crypto/key_signer.hpp"

namespace kyso {

/// Builds the DER SignedData for a SHA-256 `content_digest`, signing with `signer`.
ossl::Bytes build_pades_cms(const ossl::Bytes& content_digest, const KeySigner& signer);

/// Size of the CMS `build_pades_cms` will produce, found by a dry run with a placeholder
/// signature of the key's maximum size; the token is not touched.
size_t pades_cms_size(const KeySigner& signer);

} // namespace kyso
