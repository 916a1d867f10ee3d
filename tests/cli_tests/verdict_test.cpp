// The three verdicts of `kyso verify`, as a user meets them: hợp lệ (exit 0), toàn vẹn nhưng chưa
// xác thực được người ký (exit 11), không hợp lệ (exit 1), and a file with no signature (exit 12),
// in the text report and in --json. A sound signature from a CA the reader has not added must not
// read like a tampered file (issue 12: it printed "KHÔNG HỢP LỆ / NOT VALID" with exit 1).
#include "core/workflow/sign_document.hpp"
#include "pdf_tests/sign_helpers.hpp"
#include "support/files.hpp"
#include "support/process.hpp"
#include "support/signers.hpp"
#include "support/test_env.hpp"

#include <gtest/gtest.h>
#include <openssl/pem.h>

#include <cstdio>
#include <regex>

namespace kyso::test {
namespace {

constexpr int kValid = 0, kInvalid = 1, kUntrusted = 11, kNoSignature = 12;
constexpr long kYear = 365L * 24 * 3600;

const TestEnv& env() { return TestEnv::get(); }

bool contains(const std::string& text, const std::string& fragment) { return text.find(fragment) != std::string::npos; }

RunResult verify(const std::string& file, const std::string& trust, bool json) {
    std::vector<std::string> args{env().kyso_bin, "verify", file, "--trust", trust};
    if (json)
        args.push_back("--json");
    return run(args);
}

// The `"verdict":"…"` values of a --json report, the file's first, then each signature's.
std::vector<std::string> verdicts_of(const std::string& json) {
    std::vector<std::string> found;
    std::regex pattern("\"verdict\":\"([a-z]+)\",\"(all_valid|verdict_grounds)\"");
    for (auto it = std::sregex_iterator(json.begin(), json.end(), pattern); it != std::sregex_iterator(); ++it)
        found.push_back((*it)[1].str());
    return found;
}

// `kyso verify` in text and in JSON: both exit with `status`, and the JSON's verdicts (the file's,
// then each signature's) are `verdicts`.
struct Verified {
    RunResult text, json;
};
Verified verify_both(const std::string& file, const std::string& trust, int status,
                     const std::vector<std::string>& verdicts) {
    Verified result{verify(file, trust, false), verify(file, trust, true)};
    EXPECT_EQ(result.text.status, status) << result.text.out << result.text.err;
    EXPECT_EQ(result.json.status, status) << result.json.out << result.json.err;
    EXPECT_EQ(verdicts_of(result.json.out), verdicts) << result.json.out;
    return result;
}

std::string write_certificate(const std::string& path, const X509* certificate) {
    FILE* file = std::fopen(path.c_str(), "w");
    EXPECT_NE(file, nullptr) << path;
    PEM_write_X509(file, const_cast<X509*>(certificate));
    std::fclose(file);
    return path;
}

class Verdicts : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ = env().scratch().string();
        signed_ = dir_ + "/da-ky.pdf";
        sign_with("binh", env().corpus("lo-classic.pdf"), signed_);
    }
    std::string dir_, signed_;
};

TEST_F(Verdicts, TrustedSignatureIsValid) {
    Verified v = verify_both(signed_, env().root_ca(), kValid, {"valid", "valid"});
    EXPECT_TRUE(contains(v.json.out, "\"verdict_grounds\":[]")) << v.json.out;
    EXPECT_TRUE(contains(v.text.out, "=> HỢP LỆ / VALID")) << v.text.out;
    EXPECT_TRUE(contains(v.text.out, "Kết luận / Verdict: HỢP LỆ / VALID (mã thoát / exit 0)")) << v.text.out;
}

TEST_F(Verdicts, SignerOutsideTheTrustListIsUntrustedNotInvalid) {
    KeySigner stranger = software_signer("Stranger CA");
    std::string stranger_pem = write_certificate(dir_ + "/stranger.pem", stranger.certificate());
    Verified v = verify_both(signed_, stranger_pem, kUntrusted, {"untrusted", "untrusted"});
    EXPECT_TRUE(contains(v.json.out, "\"code\":\"untrusted_chain\"")) << v.json.out;
    EXPECT_TRUE(contains(v.json.out, "\"digest_ok\":true")) << v.json.out;
    EXPECT_TRUE(contains(v.text.out, "=> TOÀN VẸN, CHƯA XÁC THỰC ĐƯỢC NGƯỜI KÝ / INTACT, SIGNER NOT CONFIRMED")) << v.text.out;
    EXPECT_FALSE(contains(v.text.out, "NOT VALID")) << v.text.out;
    EXPECT_FALSE(contains(v.text.out, "KHÔNG HỢP LỆ")) << v.text.out;
    EXPECT_TRUE(contains(v.text.out, "thêm chứng thư CA phát hành bằng --trust")) << v.text.out;
    EXPECT_TRUE(contains(v.text.out, "add the issuing CA with --trust")) << v.text.out;
}

TEST_F(Verdicts, ChangedByteIsInvalid) {
    flip_byte(signed_, 500); // inside the first page's objects: signed by the first range
    Verified v = verify_both(signed_, env().root_ca(), kInvalid, {"invalid", "invalid"});
    EXPECT_TRUE(contains(v.json.out, "\"code\":\"bytes_changed\"")) << v.json.out;
    EXPECT_TRUE(contains(v.text.out, "=> KHÔNG HỢP LỆ / NOT VALID")) << v.text.out;
    EXPECT_TRUE(contains(v.text.out, "nội dung được ký đã bị thay đổi / the signed bytes were changed")) << v.text.out;
}

TEST_F(Verdicts, ChangedByteStaysInvalidWhateverTheTrustList) {
    flip_byte(signed_, 500);
    KeySigner stranger = software_signer("Stranger CA");
    verify_both(signed_, write_certificate(dir_ + "/stranger.pem", stranger.certificate()), kInvalid,
                {"invalid", "invalid"});
}

// A PDF signed by a software key whose self-signed certificate is valid over [from, until]
// seconds from now, and that certificate as the only trust anchor.
struct SelfSigned {
    std::string pdf, anchor;
};
SelfSigned sign_self_signed(const std::string& dir, const std::string& name, long from, long until) {
    KeySigner signer = software_signer(name, false, from, until);
    SignOptions options;
    options.input = env().corpus("lo-classic.pdf");
    options.output = dir + "/" + name + ".pdf";
    sign_pdf(options, signer);
    return {options.output, write_certificate(dir + "/" + name + ".pem", signer.certificate())};
}

TEST_F(Verdicts, ExpiredCertificateWithoutTimeStampIsUntrusted) {
    // Valid from two years ago until a year ago, trusted: nothing proves it signed while valid.
    SelfSigned expired = sign_self_signed(dir_, "het-han", -2 * kYear, -kYear);
    Verified v = verify_both(expired.pdf, expired.anchor, kUntrusted, {"untrusted", "untrusted"});
    EXPECT_TRUE(contains(v.json.out, "\"code\":\"expired_unproven\"")) << v.json.out;
    EXPECT_FALSE(contains(v.json.out, "\"code\":\"untrusted_chain\"")) << "the chain is trusted; only time is missing\n"
                                                                      << v.json.out;
}

TEST_F(Verdicts, CertificateNotYetValidIsInvalid) {
    SelfSigned early = sign_self_signed(dir_, "chua-hieu-luc", kYear, 2 * kYear);
    Verified v = verify_both(early.pdf, early.anchor, kInvalid, {"invalid", "invalid"});
    EXPECT_TRUE(contains(v.json.out, "\"code\":\"not_yet_valid\"")) << v.json.out;
}

// Bad input (issue 12.5): a /Contents that is no CMS at all is invalid, with the reason in both
// languages, never a crash.
TEST_F(Verdicts, UnreadableCmsIsInvalidWithTheReasonInBothLanguages) {
    std::string bytes = read_file(signed_);
    size_t contents = bytes.rfind("/Contents<");
    ASSERT_NE(contents, std::string::npos);
    size_t start = contents + std::string("/Contents<").size();
    size_t end = bytes.find('>', start);
    bytes.replace(start, end - start, std::string(end - start, 'A')); // same length: the byte range stays sound
    write_file(signed_, bytes);
    Verified v = verify_both(signed_, env().root_ca(), kInvalid, {"invalid", "invalid"});
    EXPECT_TRUE(contains(v.json.out, "\"code\":\"cms_unreadable\"")) << v.json.out;
    EXPECT_TRUE(contains(v.text.out, "Dữ liệu chữ ký (/Contents) không phải CMS SignedData đọc được")) << v.text.out;
    EXPECT_TRUE(contains(v.text.out, "/Contents is not a CMS SignedData")) << v.text.out;
    EXPECT_TRUE(contains(v.json.out, "\"problems_vi\":[\"Dữ liệu chữ ký (/Contents) không phải CMS SignedData")) << v.json.out;
}

TEST(VerdictsUnsigned, FileWithoutSignatureSaysSoWithItsOwnExitStatus) {
    Verified v = verify_both(env().corpus("lo-classic.pdf"), env().root_ca(), kNoSignature, {"unsigned"});
    EXPECT_TRUE(contains(v.text.out, "KHÔNG CÓ CHỮ KÝ SỐ / NO SIGNATURE")) << v.text.out;
}

TEST(VerdictsHelp, HelpExplainsTheThreeVerdictsAndTheirExitStatuses) {
    RunResult help = run({env().kyso_bin, "verify", "--help"});
    EXPECT_EQ(help.status, 0);
    for (const char* fragment : {"HỢP LỆ / valid", "TOÀN VẸN, CHƯA XÁC THỰC ĐƯỢC NGƯỜI KÝ / untrusted",
                                 "KHÔNG HỢP LỆ / invalid", "0 hợp lệ / valid", "11 toàn vẹn", "1 không hợp lệ",
                                 "12 tệp không có chữ ký số", "2 sai cách dùng", "3 tệp không đọc được"})
        EXPECT_TRUE(contains(help.out, fragment)) << fragment << "\n" << help.out;
    RunResult usage = run({env().kyso_bin, "--help"});
    EXPECT_TRUE(contains(usage.out, "11 verify:")) << usage.out;
    EXPECT_TRUE(contains(usage.out, "12 verify:")) << usage.out;
}

} // namespace
} // namespace kyso::test
