// Independent, byte-level reading of a PDF's revision chain, for checks that must not trust
// kyso's own parser: every startxref, the kind of each cross-reference section and its /Prev.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace kyso::test {

struct XrefSection {
    size_t offset = 0;            ///< the startxref value
    bool is_stream = false;       ///< cross-reference stream (else classic table)
    std::optional<size_t> prev;   ///< its /Prev
};

/// One entry per "startxref" in the file, in file order.
std::vector<XrefSection> xref_sections(const std::string& bytes);

/// Output of the independent validators.
struct ValidatorVerdicts {
    int pdfsig_signatures = 0;
    int pdfsig_valid = 0;
    std::string pdfsig_text;
};

/// Runs `pdfsig` and counts "Signature is Valid." per signature (pdfsig exits 0 even on a
/// digest mismatch, so its text is what counts).
ValidatorVerdicts run_pdfsig(const std::string& pdf);

/// Runs `qpdf --check`; true when it reports no errors or warnings.
bool qpdf_check_clean(const std::string& pdf, std::string* text = nullptr);

/// One "sig" line of the PDFBox checker, as key=value pairs.
struct PdfBoxSignature {
    std::string line;
    bool all_ok() const;  ///< byterange, digest, signature, chain (or skipped) and attrs ok
    std::string get(const std::string& key) const;
};

/// Runs the PDFBox checker with the test root as trust anchor.
std::vector<PdfBoxSignature> run_pdfbox(const std::string& pdf, int* exit_status = nullptr);

} // namespace kyso::test
