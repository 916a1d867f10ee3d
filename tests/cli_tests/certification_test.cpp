// Certified documents (DocMDP, issue 5): a certification signature made independently of kyso
// (PDFBox, through tests/pdfbox MakePadesSample --certify P) on lo-classic.pdf.
//   P=1 forbids any change: every signing command refuses it before the PIN is read (an unset
//       --pin-env variable would fail differently), and so does the core's sign path; verify
//       names the certification, and flags a later revision (made by PDFBox, which does not
//       refuse) as breaking it.
//   P=2 and P=3 allow signing: kyso signs, and both signatures verify.
// Before the fix, kyso signed a P=1 document and verify said nothing of the certification.
#include "support/files.hpp"
#include "support/process.hpp"
#include "support/signers.hpp"
#include "support/test_env.hpp"

#include "core/error.hpp"
#include "core/workflow/sign_document.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

namespace kyso::test {
namespace {

namespace fs = std::filesystem;
using Strings = std::vector<std::string>;

constexpr int kOk = 0, kNotValid = 1, kBadInput = 3;
constexpr const char* kUnsetPin = "KYSO_CERTIFICATION_TEST_UNSET_PIN";
const Strings kRefusal{"đã được chứng thực (DocMDP P=1), không cho phép thay đổi hay ký thêm",
                       "is certified (DocMDP P=1) against any change"};

const TestEnv& env() { return TestEnv::get(); }
bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

std::string p12_password() {
    std::ifstream in(env().source / "token" / "test-token.env");
    for (std::string line; std::getline(in, line);)
        if (line.rfind("KYSO_TEST_P12_PASS=", 0) == 0)
            return line.substr(19);
    return {};
}

/// `in` signed by PDFBox with binh's key into `out`; `certify` P > 0 makes it a certification.
RunResult pdfbox_sign(const std::string& in, const std::string& out, const std::string& field, int certify = 0) {
    Strings argv{env().pdfcheck, "--make-sample", in, out, env().pki_file("binh.p12"), p12_password(), "--field", field};
    if (certify)
        argv.insert(argv.end(), {"--certify", std::to_string(certify)});
    return run(argv);
}

class Certification : public ::testing::Test {
protected:
    fs::path dir_;

    void SetUp() override {
        if (env().pdfcheck.empty())
            GTEST_SKIP() << "no PDFBox checker (tests/pdfbox) to make the certified input with";
        dir_ = env().scratch();
    }

    std::string path(const std::string& name) const { return (dir_ / name).string(); }

    /// lo-classic.pdf certified with permission `p` by PDFBox (field "ChungThuc").
    std::string certified(int p) const {
        std::string out = path("certified-p" + std::to_string(p) + ".pdf");
        RunResult r = pdfbox_sign(env().corpus("lo-classic.pdf"), out, "ChungThuc", p);
        EXPECT_EQ(r.status, 0) << r.err;
        return out;
    }

    RunResult kyso(Strings args, const Strings& extra_env = {}) const {
        args.insert(args.begin(), env().kyso_bin);
        return run(args, extra_env);
    }

    RunResult verify(const std::string& file) const {
        return kyso({"verify", file, "--trust", env().root_ca()});
    }
};

TEST_F(Certification, NoChangesIsRefusedByEverySigningCommandBeforeThePin) {
    std::string in = certified(1);
    std::string before = sha256_file(in);
    RunResult check = verify(in);
    EXPECT_EQ(check.status, kOk) << check.out << check.err;
    EXPECT_TRUE(contains(check.out, "Chữ ký chứng thực / Certification signature: DocMDP P=1")) << check.out;

    std::string png = path("ky.png");
    write_png(png, 300, 100, blue_signature_pixels(300, 100), 300);
    const Strings token{"--token", env().token_label, "--cert", "binh", "--pin-env", kUnsetPin};
    const std::vector<Strings> commands{
        {"sign", "--page", "1", "--rect", "330,90,200,70", "--text", "Ký thử"},
        {"sign", "--invisible"},
        {"sign-official", "--signature-image", png},
        {"sign-attachment", "--number", "7", "--symbol", "QĐ-UBND"},
        {"copy", "--form", "SAO Y", "--org", "Văn phòng UBND tỉnh An Giang"},
        {"issue", "--number", "7", "--symbol", "QĐ-UBND", "--seal-image", png},
    };
    ::unsetenv(kUnsetPin);
    for (Strings args : commands) {
        std::string out = path("out.pdf");
        args.insert(args.begin() + 1, {in, "-o", out});
        args.insert(args.end(), token.begin(), token.end());
        RunResult r = kyso(args);
        SCOPED_TRACE(args[0] + ": exit " + std::to_string(r.status) + "\n" + r.err);
        EXPECT_EQ(r.status, kBadInput) << "the PIN was asked (or another check came first)";
        for (const std::string& fragment : kRefusal)
            EXPECT_TRUE(contains(r.err, fragment)) << fragment;
        EXPECT_FALSE(contains(r.err, kUnsetPin)) << "the PIN was read before the refusal";
        EXPECT_FALSE(fs::exists(out));
    }
    for (const auto& entry : fs::directory_iterator(dir_))
        EXPECT_FALSE(contains(entry.path().filename().string(), ".kyso-")) << entry.path();
    EXPECT_EQ(sha256_file(in), before);
}

// The core refuses too, for a caller (the extension) that goes straight to sign_pdf.
TEST_F(Certification, NoChangesIsRefusedByTheCoreSignPath) {
    std::string in = certified(1);
    std::unique_ptr<TokenModule> module = open_test_module();
    KeySigner signer = token_signer(*module, "binh");
    SignOptions options;
    options.input = in;
    options.output = path("out.pdf");
    try {
        sign_pdf(options, signer);
        ADD_FAILURE() << "a DocMDP P=1 document was signed";
    } catch (const Error& error) {
        EXPECT_EQ(error.code(), ErrorCode::InputNotPdf);
        EXPECT_TRUE(contains(error.vietnamese(), kRefusal[0])) << error.vietnamese();
    }
    EXPECT_FALSE(fs::exists(options.output));
}

TEST_F(Certification, FormFillingAndAnnotationLevelsAllowSigning) {
    for (int p : {2, 3}) {
        SCOPED_TRACE("P=" + std::to_string(p));
        std::string in = certified(p);
        std::string out = path("signed-p" + std::to_string(p) + ".pdf");
        RunResult r = kyso({"sign", in, "-o", out, "--token", env().token_label, "--cert", "binh", "--pin-env",
                            "KYSO_TEST_USER_PIN", "--page", "1", "--rect", "330,90,200,70", "--text", "Ký thử"});
        ASSERT_EQ(r.status, kOk) << r.err;
        RunResult check = verify(out);
        EXPECT_EQ(check.status, kOk) << check.out << check.err;
        EXPECT_TRUE(contains(check.out, "Certification signature: DocMDP P=" + std::to_string(p))) << check.out;
        RunResult json = kyso({"verify", out, "--trust", env().root_ca(), "--json"});
        EXPECT_TRUE(contains(json.out, "\"certification\":" + std::to_string(p))) << json.out;
        EXPECT_TRUE(contains(json.out, "\"certification\":0")) << "kyso's own is an approval signature";
    }
}

TEST_F(Certification, ARevisionAfterANoChangesCertificationIsFlagged) {
    std::string in = certified(1);
    std::string later = path("later.pdf");
    RunResult r = pdfbox_sign(in, later, "Duyet"); // PDFBox signs what kyso refuses
    ASSERT_EQ(r.status, 0) << r.err;
    RunResult check = kyso({"verify", later, "--trust", env().root_ca(), "--json"});
    EXPECT_EQ(check.status, kNotValid) << check.out;
    EXPECT_TRUE(contains(check.out, "\"code\":\"certification_no_changes\"")) << check.out;
    RunResult text = verify(later);
    EXPECT_TRUE(contains(text.out, "không cho phép thay đổi (DocMDP P=1), nhưng phiên bản 3")) << text.out;
    EXPECT_TRUE(contains(text.out, "1 hợp lệ / valid")) << "the later approval signature itself is valid:\n" << text.out;
}

} // namespace
} // namespace kyso::test
