// Revocation data for long-term signatures (PAdES B-LT): fetching an OCSP response or a CRL for
// a certificate from the URLs the certificate itself names (AIA, CRL distribution point), and
// judging a certificate offline against responses and CRLs embedded earlier (the PDF's DSS).
#pragma once

#include "core/crypto/ossl.hpp"

#include <string>
#include <vector>

namespace kyso {

/// One piece of revocation evidence, DER.
struct RevocationEvidence {
    ossl::Bytes der;
    bool is_ocsp = false; ///< OCSPResponse; otherwise a CertificateList (CRL)
    std::string source;   ///< the URL it came from
};

/// Fetches the current status of `cert`, issued by `issuer`: OCSP first (AIA), then the CRL
/// (distribution point). The evidence is checked (signature by the issuer or its delegated
/// responder chaining to `trust`, nonce, freshness) before it is returned. Throws
/// CertificateRejected when the certificate is revoked, SigningFailed when no service answers
/// usefully within `timeout_seconds` each.
RevocationEvidence fetch_revocation(X509* cert, X509* issuer, X509_STORE* trust, int timeout_seconds);

/// What embedded evidence says about a certificate: Unknown when a responder that speaks about
/// it does not know it (OCSP "unknown"), NotFound when no evidence speaks about it at all.
enum class RevocationStatus { Unknown, Good, Revoked, NotFound };

/// The status of `cert` (issued by `issuer`) according to the first OCSP response or CRL in the
/// lists that speaks about it and verifies; `detail` says which and, when revoked, since when.
RevocationStatus revocation_status_offline(X509* cert, X509* issuer, const std::vector<ossl::Bytes>& ocsps,
                                           const std::vector<ossl::Bytes>& crls, X509_STORE* trust,
                                           std::string& detail);

} // namespace kyso
