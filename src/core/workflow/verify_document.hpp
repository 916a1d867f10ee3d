// Verifies every signature of a PDF: byte-range invariants, digest, CMS signature, chain to a
// trust anchor at signing time, certificate validity and key usage; and what follows the last
// signature (unsigned revisions).
#pragma once

#include "core/crypto/cms_check.hpp"
#include "core/crypto/revocation.hpp"
#include "core/pdf/signature_scan.hpp"
#include "core/progress.hpp"
#include "core/workflow/modification_check.hpp"
#include "core/workflow/verdict.hpp"

#include <string>
#include <vector>

namespace kyso {

/// One signature's verdict, or a document time-stamp's.
struct SignatureVerdict {
    ScannedSignature pdf;
    CmsReport cms;       ///< for a document time-stamp: the token, its TSA as the signer
    /// A document time-stamp (SubFilter ETSI.RFC3161, PAdES B-LTA): no signer, only a TSA.
    bool document_timestamp = false;
    bool covers_whole_file = false;
    int revision = 0; ///< 1-based revision that the signature closes
    /// PAdES level reached by an intact ETSI.CAdES.detached signature with the baseline attributes:
    /// "B-B", "B-T", "B-LT", "B-LTA"; empty otherwise (what it is then: `form`).
    std::string level;
    std::string form; ///< what the signature is: "PAdES B-T", "CMS (adbe.pkcs7.detached)" (signature_form.hpp)
    bool revoked = false; ///< the embedded validation data says a certificate was revoked
    /// What the embedded validation data (DSS) says about the certificates of the signer's and the
    /// TSA's paths, together: Revoked, Unknown (a responder does not know one), Good (good data for
    /// each), NotFound (no data for some: not checked, kyso verify works offline).
    RevocationStatus revocation = RevocationStatus::NotFound;
    std::vector<std::string> ltv_details; ///< what the embedded data says about each certificate
    std::vector<ModificationFinding> modifications; ///< what later revisions changed, judged

    /// The signed bytes are intact and the signature over them is mathematically valid.
    bool integrity_ok() const { return pdf.byte_range_ok && cms.digest_ok && cms.signature_ok; }
    /// Hợp lệ, không hợp lệ, or intact with the signer not confirmed, and why (see verdict.hpp).
    Judgement judgement() const { return judge(*this); }
    Verdict verdict() const { return judge(*this).verdict; }
    /// The verdict is Valid: integrity, a trusted chain, a certificate valid for signing at the
    /// validation time, not revoked, only allowed later changes.
    bool valid() const { return verdict() == Verdict::Valid; }
    /// Every problem, one per line.
    std::string problems_text() const;
};

/// The whole file's verdict.
struct VerifyReport {
    std::string path;
    size_t file_size = 0;
    size_t revisions = 0;
    size_t unsigned_tail_bytes = 0; ///< bytes after the end of the last signature's coverage
    size_t dss_certs = 0, dss_ocsps = 0, dss_crls = 0; ///< validation data embedded (DSS)
    std::vector<SignatureVerdict> signatures; ///< and document time-stamps, in file order

    /// The worst verdict of its entries; NoSignature when only document time-stamps (or nothing) are there.
    Verdict verdict() const { return file_verdict(*this); }
    /// At least one signature (not only document time-stamps), and every entry valid.
    bool all_valid() const { return verdict() == Verdict::Valid; }
};

/// Verifies the PDF at `path` against `trust`, offline: revocation comes only from the DSS.
/// How much verify_pdf does: everything, or only what the read-back after signing needs
/// (byte ranges, digests, signatures) — the revision-by-revision modification analysis parses
/// every revision and reads the whole file once more (about 1.5 s and 80 MB on a 60 MB file).
enum class VerifyDepth { Full, IntegrityOnly };

/// `progress` hears of each signature, the revision analysis and the long-term data in turn,
/// and may stop the verification between them (it only reads: kyso::Cancelled is thrown).
VerifyReport verify_pdf(const std::string& path, const TrustStore& trust, VerifyDepth depth = VerifyDepth::Full,
                        const ProgressSink& progress = {});

} // namespace kyso
