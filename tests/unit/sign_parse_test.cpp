// Signing parses its input once (issue 13): the checks made before the token is opened and the
// revision built after it share one PoDoFo load of the file, from the descriptor the unchanged
// prefix is then copied from. Before, `kyso sign` loaded the file twice.
#include "badinput/pdf_maker.hpp"
#include "support/files.hpp"
#include "support/signers.hpp"
#include "support/test_env.hpp"

#include "core/crypto/cms_check.hpp"
#include "core/pdf/loaded_pdf.hpp"
#include "core/pdf/pdf_tail.hpp"
#include "core/pdf/signature_scan.hpp"
#include "core/workflow/sign_document.hpp"
#include "core/workflow/verify_document.hpp"

#include <gtest/gtest.h>

#include <string>

namespace kyso {
namespace {

std::string write_pdf(const std::string& name) {
    test::PdfMaker pdf;
    pdf.add("<< /Type /Catalog /Pages 2 0 R >>");
    pdf.add("<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
    pdf.add("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << >> >>");
    std::string path = (test::TestEnv::get().scratch() / name).string();
    test::write_file(path, pdf.build());
    return path;
}

// As `kyso sign` does it: everything checked before the PIN, then signed.
TEST(SignParse, CheckedThenSignedLoadsTheInputOnce) {
    std::string path = write_pdf("sign-parse-once.pdf");
    KeySigner signer = test::software_signer("Một lần");
    SignOptions options{.input = path,
                        .output = path + ".signed.pdf",
                        .field_name = "KyMotLan",
                        .visible = VisibleSignature{.rect = {72, 72, 144, 48}, .text_lines = {"Đã ký"}}};
    unsigned long long before = pdf::LoadedPdf::documents_loaded();
    PreparedSigning prepared = prepare_signing(options);
    sign_pdf(std::move(prepared), signer);
    EXPECT_EQ(pdf::LoadedPdf::documents_loaded() - before, 1u);
    PdfSignatureScan scan = scan_signatures(options.output);
    ASSERT_EQ(scan.signatures.size(), 1u);
    EXPECT_EQ(scan.signatures[0].field_name, "KyMotLan");
}

// A form saved many times, or signed by many: PoDoFo follows /Prev under a recursion guard of
// 256 (two levels a revision), so a file of 128 revisions or more was refused as damaged
// ("InvalidXRef"), though pdfsig and qpdf read it and kyso accepts up to kMaxRevisions (256).
TEST(SignParse, ADocumentOfTwoHundredRevisionsIsSignedAndVerified) {
    std::string path = (test::TestEnv::get().scratch() / "two-hundred-revisions.pdf").string();
    test::write_file(path, test::one_page_with_updates(199));
    ASSERT_EQ(revision_ends(path).size(), 200u);
    KeySigner signer = test::software_signer("Hai trăm");
    SignOptions options{.input = path, .output = path + ".signed.pdf", .field_name = "KyHaiTram"};
    sign_pdf(options, signer);
    EXPECT_EQ(revision_ends(options.output).size(), 201u);
    VerifyReport report = verify_pdf(options.output, TrustStore::none(), VerifyDepth::IntegrityOnly);
    ASSERT_EQ(report.signatures.size(), 1u);
    EXPECT_TRUE(report.signatures[0].integrity_ok()) << report.signatures[0].problems_text();
}

} // namespace
} // namespace kyso
