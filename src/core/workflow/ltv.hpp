// Long-term signatures (PAdES B-LT, B-LTA): after signing, a further incremental update adds
// the validation data every signature needs — certificates, OCSP responses, CRLs — in the PDF's
// DSS, so the document still verifies offline after the certificates have expired; optionally a
// document time-stamp in one more update seals that data (B-LTA). And the verifier's side: which
// PAdES level (B-B, B-T, B-LT, B-LTA) a signature reaches with that data.
#pragma once

#include "core/crypto/cms_check.hpp"
#include "core/crypto/tsa_client.hpp"
#include "core/notice.hpp"
#include "core/pdf/dss.hpp"

#include <optional>
#include <string>
#include <vector>

namespace kyso {

struct SignatureVerdict;

/// What `kyso ltv` needs.
struct LtvOptions {
    std::string input;
    std::string output;
    std::vector<std::string> trust; ///< PEM anchors (signers' and TSA's); empty: the system store
    int timeout_seconds = 15;       ///< per OCSP/CRL exchange
    /// Set: a document time-stamp from this TSA after the DSS (PAdES B-LTA); its chain is checked
    /// against `trust`. An unreachable TSA then stops everything: nothing is written.
    std::optional<TsaConfig> archive_tsa;
};

/// What was added.
struct LtvResult {
    std::string output;
    size_t signatures = 0;                 ///< signatures, document time-stamps not counted
    size_t certs = 0, ocsps = 0, crls = 0; ///< items in the new DSS (old ones included)
    size_t bytes_added = 0;
    std::vector<std::string> levels;      ///< each signature's level in the output
    bool archive_timestamp = false;       ///< a document time-stamp was added
    std::string timestamp_time;           ///< its genTime, ISO 8601 UTC
    std::string tsa_name;                 ///< its TSA
};

/// Writes `options.output`: the input plus one update holding the DSS for every signature (and
/// document time-stamp), plus one with a document time-stamp when `archive_tsa` is set.
/// Every signature must verify first; a revoked certificate (CertificateRejected) or an
/// unreachable OCSP/CRL service or TSA (SigningFailed) stops it before anything is written.
LtvResult add_validation_data(const LtvOptions& options, const NoticeSink& notices = {});

/// Sets `verdict.level` (and `revoked`) from its CMS report and the embedded DSS: B-B for a
/// valid PAdES baseline signature, B-T with a valid signature time-stamp, B-LT when the DSS
/// holds good revocation data for every certificate of the signer's and the TSA's chains.
/// A document time-stamp gets no level.
void assess_long_term(SignatureVerdict& verdict, const DssContent& dss, const TrustStore& trust);

/// Raises B-LT signatures to B-LTA when a later, valid document time-stamp covers validation
/// data that makes them B-LT: the DSS as it stood in the time-stamp's revision (read from the
/// PDF at `path` of `file_size` bytes when the time-stamp is not the last revision).
void assess_archive_timestamps(std::vector<SignatureVerdict>& verdicts, const std::string& path, size_t file_size,
                               const DssContent& latest, const TrustStore& trust);

} // namespace kyso
