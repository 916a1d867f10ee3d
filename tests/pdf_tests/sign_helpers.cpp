#include "pdf_tests/sign_helpers.hpp"

#include "core/workflow/verify_document.hpp"
#include "support/files.hpp"
#include "support/pdf_structure.hpp"
#include "support/signers.hpp"
#include "support/test_env.hpp"

#include <gtest/gtest.h>

namespace kyso::test {

SignResult sign_with(const std::string& label, const std::string& in, const std::string& out,
                     const std::optional<VisibleSignature>& visible, const std::string& field) {
    auto module = open_test_module();
    KeySigner signer = token_signer(*module, label);
    SignOptions options;
    options.input = in;
    options.output = out;
    options.visible = visible;
    options.field_name = field;
    return sign_pdf(options, signer);
}

std::string make_signature_png(const std::string& dir) {
    std::string path = dir + "/chu-ky.png";
    write_png(path, 400, 160, blue_signature_pixels(400, 160), 300);
    return path;
}

std::string make_seal_png(const std::string& dir) {
    std::string path = dir + "/con-dau.png";
    write_png(path, 425, 425, red_seal_pixels(425), 300); // 425 px at 300 dpi = 36 mm
    return path;
}

IssueOptions issue_options(const std::string& input, const std::string& output, int number, const std::string& symbol,
                           const std::string& dir) {
    IssueOptions issue;
    issue.input = input;
    issue.output = output;
    issue.number = number;
    issue.symbol = symbol;
    issue.seal_image = make_seal_png(dir);
    issue.trust_anchors = {TestEnv::get().root_ca()};
    return issue;
}

void expect_sound_signed_update(const std::string& before, const std::string& after, int total_signatures) {
    std::string old_bytes = read_file(before);
    std::string new_bytes = read_file(after);

    // R4: the earlier revision is an exact prefix.
    ASSERT_GT(new_bytes.size(), old_bytes.size());
    EXPECT_EQ(new_bytes.compare(0, old_bytes.size(), old_bytes), 0) << "earlier bytes changed";

    // The new cross-reference section links back and is of the same kind.
    std::vector<XrefSection> old_sections = xref_sections(old_bytes);
    std::vector<XrefSection> new_sections = xref_sections(new_bytes);
    ASSERT_FALSE(old_sections.empty());
    ASSERT_EQ(new_sections.size(), old_sections.size() + 1);
    const XrefSection& last = new_sections.back();
    EXPECT_EQ(last.prev, old_sections.back().offset) << "/Prev must point at the previous section";
    EXPECT_EQ(last.is_stream, old_sections.back().is_stream) << "same cross-reference kind as before";

    std::string qpdf_text;
    EXPECT_TRUE(qpdf_check_clean(after, &qpdf_text)) << qpdf_text;

    ValidatorVerdicts pdfsig = run_pdfsig(after);
    EXPECT_EQ(pdfsig.pdfsig_signatures, total_signatures) << pdfsig.pdfsig_text;
    EXPECT_EQ(pdfsig.pdfsig_valid, total_signatures) << pdfsig.pdfsig_text;

    int status = 0;
    std::vector<PdfBoxSignature> pdfbox = run_pdfbox(after, &status);
    ASSERT_EQ(static_cast<int>(pdfbox.size()), total_signatures);
    for (const PdfBoxSignature& sig : pdfbox)
        if (sig.get("subfilter") == "ETSI.CAdES.detached")
            EXPECT_TRUE(sig.all_ok() && sig.get("chain") == "ok") << sig.line;
    EXPECT_EQ(pdfbox.back().get("covers_whole_file"), "yes");

    VerifyReport report = verify_pdf(after, TrustStore({TestEnv::get().root_ca()}));
    ASSERT_EQ(static_cast<int>(report.signatures.size()), total_signatures);
    for (const SignatureVerdict& sig : report.signatures) {
        EXPECT_TRUE(sig.integrity_ok()) << sig.pdf.field_name << ": " << sig.problems_text();
        if (sig.pdf.sub_filter == "ETSI.CAdES.detached")
            EXPECT_TRUE(sig.valid()) << sig.pdf.field_name << ": " << sig.problems_text();
    }
    EXPECT_TRUE(report.signatures.back().covers_whole_file);
    EXPECT_EQ(report.unsigned_tail_bytes, 0u);
}

} // namespace kyso::test
