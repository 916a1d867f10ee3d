// Long-term signatures (PAdES B-LT): after signing, a further incremental update adds the
// validation data every signature needs — certificates, OCSP responses, CRLs — in the PDF's
// DSS, so the document still verifies offline after the certificates have expired. And the
// verifier's side: which PAdES level (B-B, B-T, B-LT) a signature reaches with that data.
#pragma once

#include "core/crypto/cms_check.hpp"
#include "core/notice.hpp"
#include "core/pdf/dss.hpp"

#include <string>
#include <vector>

namespace kyso {

struct SignatureVerdict;

/// What `kyso ltv` needs.
struct LtvOptions {
    std::string input;
    std::string output;
    std::vector<std::string> trust; ///< PEM anchors; empty: the system store
    int timeout_seconds = 15;       ///< per OCSP/CRL exchange
};

/// What was added.
struct LtvResult {
    std::string output;
    size_t signatures = 0;
    size_t certs = 0, ocsps = 0, crls = 0; ///< items in the new DSS (old ones included)
    size_t bytes_added = 0;
    std::vector<std::string> levels;      ///< each signature's level in the output
};

/// Writes `options.output`: the input plus one update holding the DSS for every signature.
/// Every signature must verify first; a revoked certificate (CertificateRejected) or an
/// unreachable OCSP/CRL service (SigningFailed) stops it before anything is written.
LtvResult add_validation_data(const LtvOptions& options, const NoticeSink& notices = {});

/// Sets `verdict.level` (and `revoked`) from its CMS report and the embedded DSS: B-B for a
/// valid PAdES baseline signature, B-T with a valid signature time-stamp, B-LT when the DSS
/// holds good revocation data for every certificate of the signer's and the TSA's chains.
void assess_long_term(SignatureVerdict& verdict, const DssContent& dss, const TrustStore& trust);

} // namespace kyso
