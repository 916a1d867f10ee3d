// Verifies every signature of a PDF: byte-range invariants, digest, CMS signature, chain to a
// trust anchor at signing time, certificate validity and key usage; and what follows the last
// signature (unsigned revisions).
#pragma once

#include "core/crypto/cms_check.hpp"
#include "core/pdf/signature_scan.hpp"

#include <string>
#include <vector>

namespace kyso {

/// One signature's verdict.
struct SignatureVerdict {
    ScannedSignature pdf;
    CmsReport cms;
    bool covers_whole_file = false;
    int revision = 0; ///< 1-based revision that the signature closes

    /// The signed bytes are intact and the signature over them is mathematically valid.
    bool integrity_ok() const { return pdf.byte_range_ok && cms.digest_ok && cms.signature_ok; }
    /// Integrity, plus a trusted chain and a certificate valid for signing at /M.
    bool valid() const { return pdf.byte_range_ok && cms.valid(); }
    /// Every problem, one per line.
    std::string problems_text() const;
};

/// The whole file's verdict.
struct VerifyReport {
    std::string path;
    size_t file_size = 0;
    size_t revisions = 0;
    size_t unsigned_tail_bytes = 0; ///< bytes after the end of the last signature's coverage
    std::vector<SignatureVerdict> signatures;

    /// At least one signature, and every one valid.
    bool all_valid() const;
};

/// Verifies the PDF at `path` against `trust`.
VerifyReport verify_pdf(const std::string& path, const TrustStore& trust);

} // namespace kyso
