// kyso verify against tampering: a flipped byte in the signed ranges, a damaged signature
// value, bytes appended after signing, an untrusted chain, a placeholder that is too small.
#include "core/error.hpp"
#include "core/pdf/signature_revision.hpp"
#include "core/workflow/verify_document.hpp"
#include "pdf_tests/sign_helpers.hpp"
#include "support/files.hpp"
#include "support/pdf_structure.hpp"
#include "support/signers.hpp"
#include "support/test_env.hpp"

#include <gtest/gtest.h>
#include <openssl/pem.h>

namespace kyso {
namespace {

using test::TestEnv;

std::string signed_copy(const std::string& name = "signed.pdf") {
    std::string out = (TestEnv::get().scratch() / name).string();
    test::sign_with("binh", TestEnv::get().corpus("lo-classic.pdf"), out);
    return out;
}

TrustStore test_root() { return TrustStore({TestEnv::get().root_ca()}); }

TEST(Verify, FreshSignatureIsValid) {
    VerifyReport report = verify_pdf(signed_copy(), test_root());
    ASSERT_EQ(report.signatures.size(), 1u);
    const SignatureVerdict& sig = report.signatures[0];
    EXPECT_TRUE(sig.valid()) << sig.problems_text();
    EXPECT_TRUE(sig.cms.pades_attributes);
    EXPECT_EQ(sig.cms.signer_name, "Nguyễn Thanh Bình");
    EXPECT_EQ(sig.pdf.sub_filter, "ETSI.CAdES.detached");
    EXPECT_NE(sig.pdf.signing_time.find("+07'00'"), std::string::npos) << "Vietnam offset in /M";
    EXPECT_EQ(sig.revision, 2);
    EXPECT_TRUE(report.all_valid());
}

// Issue 16.5: the steps a shell shows while a file is verified; the revision analysis is one
// only when it runs, and the last report says the end.
TEST(Verify, ReportsItsStepsAndTheEnd) {
    std::vector<ProgressStep> steps;
    ProgressSink sink = [&](const ProgressStep& step) {
        steps.push_back(step);
        return true;
    };
    VerifyReport report = verify_pdf(signed_copy(), test_root(), VerifyDepth::IntegrityOnly, sink);
    EXPECT_TRUE(report.signatures.at(0).integrity_ok());
    ASSERT_EQ(steps.size(), 3u);
    EXPECT_EQ(steps[0].en, "Checking signature 1/1: Nguyễn Thanh Bình");
    EXPECT_EQ(steps[1].en, "Checking the long-term validation data…");
    EXPECT_EQ(steps[2].done, 2u);
    for (const ProgressStep& step : steps)
        EXPECT_EQ(step.total, 2u);
}

TEST(Verify, FlippedByteInsideTheSignedRangeBreaksTheDigest) {
    std::string path = signed_copy();
    test::flip_byte(path, 500); // inside the first page's objects: signed by range 1
    VerifyReport report = verify_pdf(path, test_root());
    ASSERT_EQ(report.signatures.size(), 1u);
    EXPECT_FALSE(report.signatures[0].cms.digest_ok);
    EXPECT_FALSE(report.all_valid());
    EXPECT_EQ(report.verdict(), Verdict::Invalid);
    EXPECT_EQ(test::run_pdfsig(path).pdfsig_valid, 0) << "pdfsig agrees";
}

TEST(Verify, DamagedSignatureValueIsCaught) {
    std::string path = signed_copy();
    std::string bytes = test::read_file(path);
    size_t contents = bytes.rfind("/Contents<");
    ASSERT_NE(contents, std::string::npos);
    // The signature value is the CMS's last element; the placeholder's zero padding follows it.
    size_t end = bytes.find('>', contents);
    size_t last = bytes.find_last_not_of('0', end - 1);
    size_t target = last - 10;
    bytes[target] = bytes[target] == 'A' ? 'B' : 'A';
    test::write_file(path, bytes);
    VerifyReport report = verify_pdf(path, test_root());
    ASSERT_EQ(report.signatures.size(), 1u);
    EXPECT_FALSE(report.signatures[0].valid());
    EXPECT_FALSE(report.signatures[0].cms.signature_ok && report.signatures[0].cms.digest_ok);
}

TEST(Verify, AppendedBytesAreReportedAsUnsigned) {
    std::string path = signed_copy();
    std::string bytes = test::read_file(path) + "% appended after signing\n";
    test::write_file(path, bytes);
    VerifyReport report = verify_pdf(path, test_root());
    ASSERT_EQ(report.signatures.size(), 1u);
    EXPECT_FALSE(report.signatures[0].covers_whole_file);
    EXPECT_EQ(report.unsigned_tail_bytes, std::string("% appended after signing\n").size());
}

TEST(Verify, UntrustedChainIsNotValid) {
    std::string dir = TestEnv::get().scratch().string();
    std::string path = signed_copy();
    // Trust only an unrelated certificate: the signature is intact but not trusted.
    KeySigner stranger = test::software_signer("Stranger CA");
    BIO* bio = BIO_new_file((dir + "/stranger.pem").c_str(), "w");
    PEM_write_bio_X509(bio, stranger.certificate());
    BIO_free(bio);
    VerifyReport report = verify_pdf(path, TrustStore({dir + "/stranger.pem"}));
    ASSERT_EQ(report.signatures.size(), 1u);
    EXPECT_TRUE(report.signatures[0].integrity_ok());
    EXPECT_FALSE(report.signatures[0].cms.chain_ok);
    EXPECT_FALSE(report.all_valid());
    EXPECT_EQ(report.signatures[0].verdict(), Verdict::Untrusted) << "intact: not the tampered file's verdict";
    EXPECT_EQ(report.verdict(), Verdict::Untrusted);
}

TEST(Verify, UnsignedPdfHasNothingValid) {
    VerifyReport report = verify_pdf(TestEnv::get().corpus("lo-classic.pdf"), test_root());
    EXPECT_TRUE(report.signatures.empty());
    EXPECT_FALSE(report.all_valid());
    EXPECT_EQ(report.verdict(), Verdict::NoSignature);
}

TEST(SignatureRevision, CmsLargerThanThePlaceholderIsAHardErrorNamingBothSizes) {
    SignatureRequest request;
    request.pdf_signing_time = "D:20261124100000+07'00'";
    request.contents_capacity = 100;
    SignatureRevision revision = build_signature_revision(TestEnv::get().corpus("lo-classic.pdf"), request);
    try {
        revision.set_contents(std::vector<unsigned char>(101, 0x30));
        FAIL();
    } catch (const Error& error) {
        EXPECT_EQ(error.code(), ErrorCode::SignatureTooLarge);
        EXPECT_NE(error.english().find("101"), std::string::npos);
        EXPECT_NE(error.english().find("100"), std::string::npos);
    }
}

} // namespace
} // namespace kyso
