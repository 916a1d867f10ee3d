// `--tsa` on the role commands (issue 6): sign-official, issue, sign-attachment and copy take
// the same time-stamp options as `kyso sign` and behave the same — a signature time-stamp from
// the TSA (PAdES B-T), or a refusal that writes nothing when the TSA cannot be reached, unless
// signing without one is explicitly allowed. Through the CLI, with the SoftHSM2 test token and
// the test TSA of tests/ltv/ltv-servers.sh.
#include "core/workflow/verify_document.hpp"
#include "pdf_tests/sign_helpers.hpp"
#include "support/pdf_structure.hpp"
#include "support/process.hpp"
#include "ltv/ltv_env.hpp"
#include "support/test_env.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>

namespace kyso::test {
namespace {

namespace fs = std::filesystem;
using Strings = std::vector<std::string>;

const std::map<std::string, std::string>& env() { return ltv_services(); }

class RoleTsa : public ::testing::Test {
protected:
    void SetUp() override {
        if (env().count("KYSO_LTV_TSA") == 0)
            GTEST_SKIP() << "ltv services not running (fixture.ltv did not produce ltv.env)";
        dir_ = TestEnv::get().scratch().string();
    }

    std::string path(const std::string& name) const { return dir_ + "/" + name; }

    /// kyso COMMAND ARGS… --token … --cert CERT --pin-env … --module SoftHSM2
    RunResult kyso(Strings args, const std::string& cert) const {
        const TestEnv& t = TestEnv::get();
        args.insert(args.begin(), t.kyso_bin);
        for (const std::string& a : Strings{"--token", t.token_label, "--cert", cert, "--pin-env", "KYSO_TEST_USER_PIN",
                                            "--module", t.softhsm_module})
            args.push_back(a);
        return run(args);
    }

    Strings tsa(const std::string& url) const { return {"--tsa", url, "--tsa-trust", env().at("KYSO_LTV_CA")}; }

    /// The official's signature (time-stamped too) on the demo decision, ready to be issued.
    std::string signed_draft() {
        std::string prepared = path("du-thao.pdf"), signed_pdf = path("da-ky.pdf");
        RunResult prepare = run({TestEnv::get().kyso_bin, "prepare", TestEnv::get().demo("quyet-dinh.pdf"), "-o", prepared});
        EXPECT_EQ(prepare.status, 0) << prepare.err;
        Strings args{"sign-official", prepared, "-o", signed_pdf, "--signature-image", make_signature_png(dir_)};
        for (const std::string& a : tsa(env().at("KYSO_LTV_TSA")))
            args.push_back(a);
        RunResult official = kyso(args, "binh");
        EXPECT_EQ(official.status, 0) << official.out << official.err;
        EXPECT_NE(official.out.find("PAdES B-T"), std::string::npos) << official.out;
        return signed_pdf;
    }

    Strings issue_args(const std::string& in, const std::string& out) const {
        return {"issue",        in, "-o", out, "--number", "4", "--symbol", "QĐ-UBND", "--seal-image", make_seal_png(dir_),
                "--trust", TestEnv::get().root_ca()};
    }

    static Strings plus(Strings a, const Strings& b) {
        a.insert(a.end(), b.begin(), b.end());
        return a;
    }

    size_t files_in_dir() const { return static_cast<size_t>(std::distance(fs::directory_iterator(dir_), fs::directory_iterator())); }

    VerifyReport verify(const std::string& pdf) const {
        return verify_pdf(pdf, TrustStore({TestEnv::get().root_ca(), env().at("KYSO_LTV_CA")}));
    }

    std::string dir_;
};

TEST_F(RoleTsa, IssueWithTsaGivesBT) {
    std::string signed_pdf = signed_draft();
    std::string issued = path("ban-hanh.pdf");
    RunResult issue = kyso(plus(issue_args(signed_pdf, issued), tsa(env().at("KYSO_LTV_TSA"))), "ubnd");
    ASSERT_EQ(issue.status, 0) << issue.out << issue.err;
    EXPECT_NE(issue.out.find("Dấu thời gian / Time-stamp: có / yes (PAdES B-T)"), std::string::npos) << issue.out;

    VerifyReport report = verify(issued);
    ASSERT_EQ(report.signatures.size(), 2u);
    for (const SignatureVerdict& s : report.signatures) {
        EXPECT_TRUE(s.valid()) << s.pdf.field_name << ": " << s.problems_text();
        EXPECT_TRUE(s.cms.timestamp_ok) << s.pdf.field_name << ": " << s.problems_text();
        EXPECT_NE(s.cms.tsa_name.find("kyso LTV TEST TSA"), std::string::npos) << s.cms.tsa_name;
        EXPECT_EQ(s.level, "B-T") << s.pdf.field_name;
    }
    EXPECT_EQ(report.signatures[1].pdf.field_name, "kyso_org");

    RunResult cli = run({TestEnv::get().kyso_bin, "verify", issued, "--trust", TestEnv::get().root_ca(), "--trust",
                         env().at("KYSO_LTV_CA"), "--json"});
    EXPECT_EQ(cli.status, 0) << cli.out << cli.err;
    EXPECT_NE(cli.out.find("\"field\":\"kyso_org\""), std::string::npos);
    EXPECT_EQ(cli.out.find("\"level\":\"B-B\""), std::string::npos) << cli.out;
    ValidatorVerdicts pdfsig = run_pdfsig(issued);
    EXPECT_EQ(pdfsig.pdfsig_signatures, 2) << pdfsig.pdfsig_text;
    EXPECT_EQ(pdfsig.pdfsig_valid, 2) << pdfsig.pdfsig_text;
}

TEST_F(RoleTsa, IssueWithUnreachableTsaRefusesAndWritesNothing) {
    std::string signed_pdf = signed_draft();
    std::string issued = path("ban-hanh.pdf");
    Strings dead = tsa(env().at("KYSO_LTV_DEAD") + "/tsa");
    dead.insert(dead.end(), {"--tsa-timeout", "2"});
    Strings args = plus(issue_args(signed_pdf, issued), dead); // writes the seal image
    size_t before = files_in_dir();
    RunResult refused = kyso(args, "ubnd");
    EXPECT_EQ(refused.status, 9) << refused.out << refused.err;
    EXPECT_NE(refused.err.find("Không liên lạc được với máy chủ cấp dấu thời gian (TSA)"), std::string::npos) << refused.err;
    EXPECT_NE(refused.err.find("time-stamp server (TSA)"), std::string::npos) << refused.err;
    EXPECT_EQ(refused.out.find("Đã ký / Signed"), std::string::npos) << refused.out;
    EXPECT_FALSE(fs::exists(issued));
    EXPECT_EQ(files_in_dir(), before) << "no output and no temporary file may be left";

    // Only when the user says so: the signature without a time-stamp, with a warning.
    dead.push_back("--allow-no-timestamp");
    RunResult allowed = kyso(plus(issue_args(signed_pdf, issued), dead), "ubnd");
    ASSERT_EQ(allowed.status, 0) << allowed.out << allowed.err;
    EXPECT_NE(allowed.err.find("KHÔNG có dấu thời gian"), std::string::npos) << allowed.err;
    EXPECT_NE(allowed.out.find("không / none (PAdES B-B)"), std::string::npos) << allowed.out;
    VerifyReport report = verify(issued);
    ASSERT_EQ(report.signatures.size(), 2u);
    EXPECT_TRUE(report.signatures[1].valid()) << report.signatures[1].problems_text();
    EXPECT_EQ(report.signatures[1].level, "B-B");
}

TEST_F(RoleTsa, CopyWithTsaGivesBT) {
    std::string copy = path("sao-y.pdf");
    RunResult result = kyso(plus({"copy", TestEnv::get().corpus("lo-classic.pdf"), "-o", copy, "--form", "SAO Y", "--org",
                                  "Văn phòng UBND tỉnh An Giang"},
                                 tsa(env().at("KYSO_LTV_TSA"))),
                            "ubnd");
    ASSERT_EQ(result.status, 0) << result.out << result.err;
    VerifyReport report = verify(copy);
    ASSERT_EQ(report.signatures.size(), 1u);
    EXPECT_EQ(report.signatures[0].level, "B-T") << report.signatures[0].problems_text();
}

TEST_F(RoleTsa, RoleCommandsOfferTheTsaOptions) {
    for (const char* command : {"sign-official", "issue", "sign-attachment", "copy"}) {
        RunResult help = run({TestEnv::get().kyso_bin, command, "--help"});
        for (const char* option : {"--tsa ", "--tsa-trust", "--tsa-timeout", "--allow-no-timestamp"})
            EXPECT_NE(help.out.find(option), std::string::npos) << command << " lacks " << option;
    }
    // As with kyso sign: the companions of --tsa alone are a usage error, before any PIN.
    RunResult alone = run({TestEnv::get().kyso_bin, "copy", TestEnv::get().corpus("lo-classic.pdf"), "-o",
                           path("x.pdf"), "--form", "SAO Y", "--org", "X", "--allow-no-timestamp", "--token", "t",
                           "--cert", "c"});
    EXPECT_EQ(alone.status, 2) << alone.err;
    EXPECT_NE(alone.err.find("--allow-no-timestamp và --tsa-trust cần --tsa URL"), std::string::npos) << alone.err;
}

} // namespace
} // namespace kyso::test
