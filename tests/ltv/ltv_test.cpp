// Long-term signatures against real services on 127.0.0.1 (tests/ltv/ltv-servers.sh): an
// RFC 3161 TSA (`openssl ts -reply`), an OCSP responder (`openssl ocsp`) and a CRL, over a PKI
// of their own that names those URLs. Signing uses the PKI's software keys (the token's PKI has
// no AIA/CRL URLs); everything else is the product's own code path.
#include "core/crypto/tsa_client.hpp"
#include "core/error.hpp"
#include "core/workflow/ltv.hpp"
#include "core/workflow/sign_document.hpp"
#include "core/workflow/verify_document.hpp"
#include "support/process.hpp"
#include "support/test_env.hpp"

#include <gtest/gtest.h>
#include <openssl/pem.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>

namespace kyso::test {
namespace {

namespace fs = std::filesystem;

std::map<std::string, std::string> ltv_env() {
    std::map<std::string, std::string> env;
    std::ifstream in(TestEnv::get().work / "ltv" / "ltv.env");
    for (std::string line; std::getline(in, line);)
        if (auto eq = line.find('='); eq != std::string::npos)
            env[line.substr(0, eq)] = line.substr(eq + 1);
    return env;
}

const std::map<std::string, std::string>& env() {
    static const auto values = ltv_env();
    return values;
}

// The PKI's key and certificate `name` (signer, revoked, crlonly, deadocsp) as a software signer.
KeySigner pki_signer(const std::string& name) {
    std::string pki = env().at("KYSO_LTV_PKI");
    FILE* key_file = std::fopen((pki + "/" + name + ".key").c_str(), "r");
    EXPECT_NE(key_file, nullptr);
    ossl::PkeyPtr key(PEM_read_PrivateKey(key_file, nullptr, nullptr, nullptr));
    std::fclose(key_file);
    std::vector<ossl::X509Ptr> cert = ossl::read_pem_certificates(pki + "/" + name + ".pem");
    std::vector<ossl::X509Ptr> chain = ossl::read_pem_certificates(env().at("KYSO_LTV_CA"));
    return KeySigner(std::move(key), std::move(cert.at(0)), std::move(chain));
}

class Ltv : public ::testing::Test {
protected:
    void SetUp() override {
        if (env().count("KYSO_LTV_TSA") == 0)
            GTEST_SKIP() << "ltv services not running (fixture.ltv did not produce ltv.env)";
        dir_ = TestEnv::get().scratch();
    }

    SignOptions options(const std::string& output, const std::string& tsa_url) {
        SignOptions sign;
        sign.input = env().at("KYSO_LTV_PDF");
        sign.output = (dir_ / output).string();
        sign.reason = "Kiểm thử chữ ký dài hạn";
        if (!tsa_url.empty()) {
            sign.tsa = TsaConfig{tsa_url, 3};
            sign.tsa_trust = {env().at("KYSO_LTV_CA")};
        }
        return sign;
    }

    TrustStore trust() const { return TrustStore({env().at("KYSO_LTV_CA")}); }

    // Signs and expects a refusal mentioning `expected_cause`; nothing may be written.
    void expect_tsa_refused(const std::string& tsa_url, const std::string& expected_cause) {
        SignOptions sign = options("refused.pdf", tsa_url);
        try {
            sign_pdf(sign, pki_signer("signer"));
            FAIL() << "signing with " << tsa_url << " should have been refused";
        } catch (const Error& error) {
            EXPECT_EQ(error.code(), ErrorCode::SigningFailed);
            EXPECT_NE(error.describe().find("TSA"), std::string::npos) << error.describe();
            EXPECT_NE(error.cause().find(expected_cause), std::string::npos) << error.describe();
        }
        EXPECT_FALSE(fs::exists(sign.output));
        EXPECT_EQ(std::distance(fs::directory_iterator(dir_), fs::directory_iterator()), 0) << "a temporary file was left";
    }

    fs::path dir_;
};

TEST_F(Ltv, TimestampedSignatureReachesBT) {
    SignResult result = sign_pdf(options("bt.pdf", env().at("KYSO_LTV_TSA")), pki_signer("signer"));
    EXPECT_TRUE(result.timestamped);
    VerifyReport report = verify_pdf(result.output, trust());
    ASSERT_EQ(report.signatures.size(), 1u);
    const SignatureVerdict& s = report.signatures[0];
    EXPECT_TRUE(s.valid()) << s.problems_text();
    EXPECT_TRUE(s.cms.has_timestamp);
    EXPECT_TRUE(s.cms.timestamp_ok) << s.problems_text();
    EXPECT_NE(s.cms.tsa_name.find("kyso LTV TEST TSA"), std::string::npos);
    EXPECT_FALSE(s.cms.timestamp_time.empty());
    EXPECT_TRUE(s.cms.pades_attributes) << "the unsigned attribute must not disturb the signed ones";
    EXPECT_EQ(s.level, "B-T");
}

TEST_F(Ltv, TimestampFromAnUntrustedTsaIsRefused) {
    // The TSA chains to the LTV root only; the system store does not know it.
    SignOptions sign = options("untrusted.pdf", env().at("KYSO_LTV_TSA"));
    sign.tsa_trust.clear();
    EXPECT_THROW(sign_pdf(sign, pki_signer("signer")), Error);
    EXPECT_FALSE(fs::exists(sign.output));
}

TEST_F(Ltv, UnreachableTsaIsAClearErrorAndWritesNothing) {
    expect_tsa_refused(env().at("KYSO_LTV_DEAD") + "/tsa", "");
}

TEST_F(Ltv, UnreachableTsaSignsWithoutTimestampOnlyWhenAllowed) {
    SignOptions sign = options("no-tsa.pdf", env().at("KYSO_LTV_DEAD") + "/tsa");
    sign.allow_no_timestamp = true;
    std::vector<Notice> notices;
    SignResult result = sign_pdf(sign, pki_signer("signer"), [&](const Notice& n) { notices.push_back(n); });
    EXPECT_FALSE(result.timestamped);
    ASSERT_EQ(notices.size(), 1u);
    EXPECT_NE(notices[0].en.find("NO time-stamp"), std::string::npos) << notices[0].en;
    VerifyReport report = verify_pdf(result.output, trust());
    ASSERT_EQ(report.signatures.size(), 1u);
    EXPECT_TRUE(report.signatures[0].valid());
    EXPECT_FALSE(report.signatures[0].cms.has_timestamp);
    EXPECT_EQ(report.signatures[0].level, "B-B");
}

TEST_F(Ltv, SlowTsaIsCutOffAtTheTimeout) {
    auto start = std::chrono::steady_clock::now();
    expect_tsa_refused(env().at("KYSO_LTV_BASE") + "/tsa-slow", "");
    auto seconds = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now() - start).count();
    EXPECT_LT(seconds, 10) << "the 3 s TSA timeout did not bound the wait";
}

TEST_F(Ltv, TsaAnswerWithWrongNonceIsRefused) {
    expect_tsa_refused(env().at("KYSO_LTV_BASE") + "/tsa-wrong-nonce", "nonce mismatch");
}

TEST_F(Ltv, TsaAnswerWithWrongImprintIsRefused) {
    expect_tsa_refused(env().at("KYSO_LTV_BASE") + "/tsa-wrong-imprint", "message imprint mismatch");
}

TEST_F(Ltv, ValidationDataMakesTheSignatureBLTOffline) {
    SignResult signed_file = sign_pdf(options("bt.pdf", env().at("KYSO_LTV_TSA")), pki_signer("signer"));
    LtvOptions ltv{signed_file.output, (dir_ / "lt.pdf").string(), {env().at("KYSO_LTV_CA")}, 3};
    LtvResult result = add_validation_data(ltv);
    EXPECT_EQ(result.signatures, 1u);
    EXPECT_GE(result.certs, 3u) << "signer, TSA and root";
    EXPECT_GE(result.ocsps, 2u) << "one for the signer, one for the TSA";
    ASSERT_EQ(result.levels.size(), 1u);
    EXPECT_EQ(result.levels[0], "B-LT");

    // The earlier revision is kept byte for byte: the update is only appended.
    std::ifstream a(signed_file.output, std::ios::binary), b(ltv.output, std::ios::binary);
    std::string before((std::istreambuf_iterator<char>(a)), {}), after((std::istreambuf_iterator<char>(b)), {});
    ASSERT_GT(after.size(), before.size());
    EXPECT_EQ(after.compare(0, before.size(), before), 0);
    EXPECT_NE(after.find("/DSS", before.size()), std::string::npos);
    EXPECT_NE(after.find("/VRI", before.size()), std::string::npos);

    // Verification needs no service: the same result with the server's answers only in the PDF.
    VerifyReport report = verify_pdf(ltv.output, trust());
    ASSERT_EQ(report.signatures.size(), 1u);
    EXPECT_TRUE(report.signatures[0].valid()) << report.signatures[0].problems_text();
    EXPECT_EQ(report.signatures[0].level, "B-LT");
    EXPECT_EQ(report.dss_ocsps, result.ocsps);

    // And through the CLI, as a user would.
    RunResult cli = run({TestEnv::get().kyso_bin, "verify", ltv.output, "--trust", env().at("KYSO_LTV_CA"), "--json"});
    EXPECT_EQ(cli.status, 0) << cli.out << cli.err;
    EXPECT_NE(cli.out.find("\"level\":\"B-LT\""), std::string::npos) << cli.out;
}

TEST_F(Ltv, CrlIsUsedWhenTheCertificateNamesNoOcspResponder) {
    SignResult signed_file = sign_pdf(options("bt.pdf", env().at("KYSO_LTV_TSA")), pki_signer("crlonly"));
    LtvOptions ltv{signed_file.output, (dir_ / "lt.pdf").string(), {env().at("KYSO_LTV_CA")}, 3};
    LtvResult result = add_validation_data(ltv);
    EXPECT_EQ(result.crls, 1u);
    VerifyReport report = verify_pdf(ltv.output, trust());
    ASSERT_EQ(report.signatures.size(), 1u);
    EXPECT_EQ(report.signatures[0].level, "B-LT") << report.signatures[0].problems_text();
}

TEST_F(Ltv, RevokedCertificateIsRefusedAndNothingWritten) {
    SignResult signed_file = sign_pdf(options("revoked.pdf", env().at("KYSO_LTV_TSA")), pki_signer("revoked"));
    LtvOptions ltv{signed_file.output, (dir_ / "lt.pdf").string(), {env().at("KYSO_LTV_CA")}, 3};
    try {
        add_validation_data(ltv);
        FAIL() << "a revoked signer must be refused";
    } catch (const Error& error) {
        EXPECT_EQ(error.code(), ErrorCode::CertificateRejected);
        EXPECT_NE(error.english().find("revoked"), std::string::npos) << error.describe();
        EXPECT_NE(error.vietnamese().find("thu hồi"), std::string::npos) << error.describe();
    }
    EXPECT_FALSE(fs::exists(ltv.output));
}

TEST_F(Ltv, OcspResponderDownIsAClearErrorAndWritesNothing) {
    SignResult signed_file = sign_pdf(options("dead.pdf", env().at("KYSO_LTV_TSA")), pki_signer("deadocsp"));
    LtvOptions ltv{signed_file.output, (dir_ / "lt.pdf").string(), {env().at("KYSO_LTV_CA")}, 2};
    RunResult cli = run({TestEnv::get().kyso_bin, "ltv", signed_file.output, "-o", ltv.output, "--trust",
                         env().at("KYSO_LTV_CA"), "--timeout", "2"});
    EXPECT_EQ(cli.status, 9) << cli.out << cli.err;
    EXPECT_NE(cli.err.find("revocation data"), std::string::npos) << cli.err;
    EXPECT_NE(cli.err.find("thu hồi"), std::string::npos) << cli.err;
    EXPECT_FALSE(fs::exists(ltv.output));
}

TEST_F(Ltv, CliSignWithTsaThenLtv) {
    // The CLI needs a token for `kyso sign`; here the CLI path covered is `ltv` and `verify`.
    SignResult signed_file = sign_pdf(options("bt.pdf", env().at("KYSO_LTV_TSA")), pki_signer("signer"));
    std::string out = (dir_ / "lt.pdf").string();
    RunResult ltv = run({TestEnv::get().kyso_bin, "ltv", signed_file.output, "-o", out, "--trust", env().at("KYSO_LTV_CA")});
    ASSERT_EQ(ltv.status, 0) << ltv.out << ltv.err;
    EXPECT_NE(ltv.out.find("PAdES B-LT"), std::string::npos) << ltv.out;
    RunResult verify = run({TestEnv::get().kyso_bin, "verify", out, "--trust", env().at("KYSO_LTV_CA")});
    EXPECT_EQ(verify.status, 0) << verify.out << verify.err;
    EXPECT_NE(verify.out.find("PAdES B-LT"), std::string::npos) << verify.out;
    EXPECT_NE(verify.out.find("DSS"), std::string::npos) << verify.out;
}

} // namespace
} // namespace kyso::test
