// Long-term signatures against real services on 127.0.0.1 (tests/ltv/ltv-servers.sh): an
// RFC 3161 TSA (`openssl ts -reply`), an OCSP responder (`openssl ocsp`) and a CRL, over a PKI
// of their own that names those URLs. Signing uses the PKI's software keys (the token's PKI has
// no AIA/CRL URLs); everything else is the product's own code path.
#include "core/crypto/tsa_client.hpp"
#include "core/error.hpp"
#include "core/pdf/dss.hpp"
#include "core/workflow/document_timestamp.hpp"
#include "core/workflow/ltv.hpp"
#include "core/workflow/sign_document.hpp"
#include "core/workflow/verify_document.hpp"
#include "support/files.hpp"
#include "support/pdf_structure.hpp"
#include "support/process.hpp"
#include "ltv/ltv_env.hpp"
#include "support/test_env.hpp"

#include <gtest/gtest.h>
#include <openssl/pem.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>

namespace kyso::test {
namespace {

namespace fs = std::filesystem;

const std::map<std::string, std::string>& env() { return ltv_services(); }

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
    // Nothing listens there: OpenSSL retries the refused connection until the timeout.
    expect_tsa_refused(env().at("KYSO_LTV_DEAD") + "/tsa", "connect timeout");
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
    // The server answers after 30 s; only the client's own 3 s bound reports a transfer timeout
    // (no wall clock needed, so a loaded machine cannot make this pass or fail).
    expect_tsa_refused(env().at("KYSO_LTV_BASE") + "/tsa-slow", "transfer timeout");
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

// A signature whose embedded validation data says its certificate was revoked is invalid, at
// any level: before issue 12 only B-T signatures had their DSS consulted, so this B-B one (no
// time-stamp) with the CA's CRL listing it verified as valid, exit 0.
TEST_F(Ltv, RevokedCertificateInTheEmbeddedDataMakesTheSignatureInvalid) {
    SignResult signed_file = sign_pdf(options("revoked-bb.pdf", ""), pki_signer("revoked"));
    DssContent add;
    std::string crl = test::read_file(env().at("KYSO_LTV_DIR") + "/ca.crl.der");
    add.crls.emplace_back(crl.begin(), crl.end());
    std::string with_crl = (dir_ / "revoked-crl.pdf").string();
    test::write_file(with_crl, test::read_file(signed_file.output) + build_dss_update(signed_file.output, add));

    RunResult json = run({TestEnv::get().kyso_bin, "verify", with_crl, "--trust", env().at("KYSO_LTV_CA"), "--json"});
    EXPECT_EQ(json.status, 1) << json.out << json.err;
    EXPECT_NE(json.out.find("\"verdict\":\"invalid\",\"all_valid\""), std::string::npos) << json.out;
    EXPECT_NE(json.out.find("\"revocation\":\"revoked\""), std::string::npos) << json.out;
    EXPECT_NE(json.out.find("\"code\":\"revoked\""), std::string::npos) << json.out;
    RunResult text = run({TestEnv::get().kyso_bin, "verify", with_crl, "--trust", env().at("KYSO_LTV_CA")});
    EXPECT_EQ(text.status, 1) << text.out;
    EXPECT_NE(text.out.find("=> KHÔNG HỢP LỆ / NOT VALID"), std::string::npos) << text.out;
    EXPECT_NE(text.out.find("chứng thư đã bị thu hồi / the certificate was revoked"), std::string::npos) << text.out;

    // The same signature without the CRL: revocation not checked (offline), the signature valid.
    RunResult plain = run({TestEnv::get().kyso_bin, "verify", signed_file.output, "--trust", env().at("KYSO_LTV_CA"),
                           "--json"});
    EXPECT_EQ(plain.status, 0) << plain.out;
    EXPECT_NE(plain.out.find("\"revocation\":\"not_checked\""), std::string::npos) << plain.out;
}

// kyso ltv refuses a signature that is not valid, naming its verdict: here intact, but its CA is
// not among the trust anchors given.
TEST_F(Ltv, UntrustedSignatureIsRefusedWithItsVerdict) {
    SignResult signed_file = sign_pdf(options("untrusted-ltv.pdf", ""), pki_signer("signer"));
    LtvOptions ltv{signed_file.output, (dir_ / "lt.pdf").string(), {TestEnv::get().root_ca()}, 3};
    try {
        add_validation_data(ltv);
        FAIL() << "long-term data added for a signature whose CA is not trusted";
    } catch (const Error& error) {
        EXPECT_EQ(error.code(), ErrorCode::VerificationFailed);
        EXPECT_NE(error.vietnamese().find("TOÀN VẸN, CHƯA XÁC THỰC ĐƯỢC NGƯỜI KÝ"), std::string::npos) << error.describe();
        EXPECT_NE(error.english().find("INTACT, SIGNER NOT CONFIRMED"), std::string::npos) << error.describe();
        EXPECT_NE(error.english().find("--trust"), std::string::npos) << error.describe();
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

// PAdES B-LTA (issue 6): `kyso ltv --tsa` seals the signatures and their DSS with a document
// time-stamp in one more incremental update.
class LtvArchive : public Ltv {
protected:
    // A B-T signature, then the DSS and a document time-stamp from the test TSA.
    std::string make_lta(LtvResult* result = nullptr) {
        SignResult signed_file = sign_pdf(options("bt.pdf", env().at("KYSO_LTV_TSA")), pki_signer("signer"));
        LtvOptions ltv{signed_file.output, (dir_ / "lta.pdf").string(), {env().at("KYSO_LTV_CA")}, 3};
        ltv.archive_tsa = TsaConfig{env().at("KYSO_LTV_TSA"), 3};
        LtvResult written = add_validation_data(ltv);
        if (result)
            *result = written;
        return ltv.output;
    }

    RunResult pdfbox(const std::string& pdf) const {
        return run({TestEnv::get().pdfcheck, pdf, "--trust", env().at("KYSO_LTV_CA")});
    }
};

TEST_F(LtvArchive, DocumentTimestampMakesTheSignatureBLTA) {
    LtvResult result;
    std::string lta = make_lta(&result);
    EXPECT_TRUE(result.archive_timestamp);
    EXPECT_FALSE(result.timestamp_time.empty());
    EXPECT_NE(result.tsa_name.find("kyso LTV TEST TSA"), std::string::npos) << result.tsa_name;
    EXPECT_EQ(result.signatures, 1u) << "the time-stamp is not counted as a signature";
    ASSERT_EQ(result.levels.size(), 1u);
    EXPECT_EQ(result.levels[0], "B-LTA");

    // Appended after the DSS: an invisible field whose value is a /DocTimeStamp dictionary.
    std::string before = test::read_file((dir_ / "bt.pdf").string()), after = test::read_file(lta);
    EXPECT_EQ(after.compare(0, before.size(), before), 0) << "the signed revision was rewritten";
    size_t dss_at = after.find("/DSS", before.size());
    size_t stamp_at = after.find("/Type/DocTimeStamp/Filter/Adobe.PPKLite/SubFilter/ETSI.RFC3161", before.size());
    ASSERT_NE(dss_at, std::string::npos);
    ASSERT_NE(stamp_at, std::string::npos);
    EXPECT_GT(stamp_at, dss_at) << "the time-stamp must come after the validation data it seals";
    EXPECT_EQ(test::xref_sections(after).size(), 4u) << "original, signed revision, DSS, time-stamp";

    VerifyReport report = verify_pdf(lta, trust());
    ASSERT_EQ(report.signatures.size(), 2u);
    const SignatureVerdict& signature = report.signatures[0];
    const SignatureVerdict& stamp = report.signatures[1];
    EXPECT_FALSE(signature.document_timestamp);
    EXPECT_TRUE(signature.valid()) << signature.problems_text();
    EXPECT_EQ(signature.level, "B-LTA");
    EXPECT_TRUE(stamp.document_timestamp);
    EXPECT_TRUE(stamp.valid()) << stamp.problems_text();
    EXPECT_TRUE(stamp.cms.digest_ok && stamp.cms.signature_ok && stamp.cms.chain_ok && stamp.cms.key_usage_ok);
    EXPECT_TRUE(stamp.covers_whole_file);
    EXPECT_FALSE(stamp.pdf.visible);
    EXPECT_EQ(stamp.pdf.field_name, "DocTimeStamp1");
    EXPECT_TRUE(stamp.level.empty()) << "a time-stamp has no signer level";
    EXPECT_TRUE(report.all_valid());

    // The independent validators accept every signature. pdfsig (poppler 22.12) lists the
    // document time-stamp but cannot validate ETSI.RFC3161 at all ("Signature Type: unknown",
    // "Unable to validate this type of signature"): it must still find the signature valid and
    // report nothing invalid; the PDFBox checker verifies the time-stamp itself.
    test::ValidatorVerdicts pdfsig = test::run_pdfsig(lta);
    EXPECT_EQ(pdfsig.pdfsig_signatures, 2) << pdfsig.pdfsig_text;
    EXPECT_EQ(pdfsig.pdfsig_valid, 1) << pdfsig.pdfsig_text;
    EXPECT_NE(pdfsig.pdfsig_text.find("Signature Field Name: DocTimeStamp1"), std::string::npos) << pdfsig.pdfsig_text;
    for (const char* failure : {"Signature is Invalid", "Digest Mismatch", "Document isn't signed or corrupted data"})
        EXPECT_EQ(pdfsig.pdfsig_text.find(failure), std::string::npos) << pdfsig.pdfsig_text;
    RunResult checker = pdfbox(lta);
    EXPECT_EQ(checker.status, 0) << checker.out << checker.err;
    EXPECT_NE(checker.out.find("subfilter=ETSI.RFC3161"), std::string::npos) << checker.out;
    EXPECT_NE(checker.out.find("RESULT: 2 signatures, 2 valid"), std::string::npos) << checker.out << checker.err;

    // kyso verify names it a time-stamp, not a signer, and the signature B-LTA.
    RunResult text = run({TestEnv::get().kyso_bin, "verify", lta, "--trust", env().at("KYSO_LTV_CA")});
    EXPECT_EQ(text.status, 0) << text.out << text.err;
    EXPECT_NE(text.out.find("(PAdES B-LTA)"), std::string::npos) << text.out;
    EXPECT_NE(text.out.find("Dấu thời gian tài liệu 1 / Document time-stamp 1"), std::string::npos) << text.out;
    EXPECT_NE(text.out.find("1 chữ ký / signatures, 1 hợp lệ / valid; 1 dấu thời gian tài liệu"), std::string::npos)
        << text.out;
    RunResult json = run({TestEnv::get().kyso_bin, "verify", lta, "--trust", env().at("KYSO_LTV_CA"), "--json"});
    EXPECT_EQ(json.status, 0) << json.out << json.err;
    EXPECT_NE(json.out.find("\"level\":\"B-LTA\""), std::string::npos) << json.out;
    EXPECT_NE(json.out.find("\"document_timestamps\":[\n {\"field\":\"DocTimeStamp1\""), std::string::npos) << json.out;
}

TEST_F(LtvArchive, TamperedDocumentTimestampIsReportedInvalid) {
    std::string lta = make_lta();
    // One byte inside the time-stamp's byte range, in its own dictionary: "/DocTimeStamp" ->
    // "/DocTimeStamP" keeps the file readable but changes what the token's imprint covers.
    std::string bytes = test::read_file(lta);
    size_t at = bytes.rfind("/Type/DocTimeStamp");
    ASSERT_NE(at, std::string::npos);
    at += std::string("/Type/DocTimeStam").size();
    bytes[at] = 'P';
    std::string tampered = (dir_ / "tampered.pdf").string();
    test::write_file(tampered, bytes);

    VerifyReport report = verify_pdf(tampered, trust());
    ASSERT_EQ(report.signatures.size(), 2u);
    const SignatureVerdict& stamp = report.signatures[1];
    EXPECT_TRUE(stamp.document_timestamp);
    EXPECT_FALSE(stamp.cms.digest_ok);
    EXPECT_FALSE(stamp.valid());
    EXPECT_NE(stamp.problems_text().find("message imprint does not match"), std::string::npos) << stamp.problems_text();
    EXPECT_TRUE(report.signatures[0].valid()) << "the signature's own bytes are untouched";
    EXPECT_EQ(report.signatures[0].level, "B-LT") << "a broken time-stamp seals nothing";
    EXPECT_FALSE(report.all_valid());

    RunResult text = run({TestEnv::get().kyso_bin, "verify", tampered, "--trust", env().at("KYSO_LTV_CA")});
    EXPECT_EQ(text.status, 1) << text.out << text.err;
    EXPECT_NE(text.out.find("imprint FAIL"), std::string::npos) << text.out;
    RunResult checker = pdfbox(tampered);
    EXPECT_EQ(checker.status, 1) << checker.out;
    EXPECT_NE(checker.out.find("subfilter=ETSI.RFC3161 signer=\"kyso LTV TEST TSA\" covers_whole_file=yes byterange=ok "
                               "digest=BAD"),
              std::string::npos)
        << checker.out;
}

TEST_F(LtvArchive, ValidationDataAddedAfterTheTimestampIsNotSealed) {
    // Time-stamped first, DSS afterwards: B-LT, but not B-LTA — the time-stamp does not cover it.
    SignResult signed_file = sign_pdf(options("bt.pdf", env().at("KYSO_LTV_TSA")), pki_signer("signer"));
    DocumentTimestampOptions stamp{signed_file.output, (dir_ / "ts.pdf").string(), {env().at("KYSO_LTV_TSA"), 3},
                                   {env().at("KYSO_LTV_CA")}};
    DocumentTimestampResult stamped = add_document_timestamp(stamp);
    EXPECT_EQ(stamped.field_name, "DocTimeStamp1");
    LtvOptions ltv{stamp.output, (dir_ / "lt.pdf").string(), {env().at("KYSO_LTV_CA")}, 3};
    LtvResult result = add_validation_data(ltv);
    ASSERT_EQ(result.levels.size(), 1u);
    EXPECT_EQ(result.levels[0], "B-LT");
    VerifyReport report = verify_pdf(ltv.output, trust());
    ASSERT_EQ(report.signatures.size(), 2u);
    EXPECT_TRUE(report.signatures[1].document_timestamp);
    EXPECT_TRUE(report.signatures[1].valid()) << report.signatures[1].problems_text();
    EXPECT_EQ(report.signatures[0].level, "B-LT");
}

// SHA-1 holds only with a proof of existence from before 2017 (issue 11). A PDF signed with SHA-1
// in March 2016 by a key that expired in 2017 (podofosign under faketime, fixture.ltv): alone it
// is not valid; a document time-stamp of June 2016 over it proves it existed then, and it is
// judged at that time; one of today proves nothing of the kind.
TEST_F(LtvArchive, Sha1SignatureSealedByADocumentTimestampOf2016IsValid) {
    const std::string root_2015 = env().at("KYSO_LTV_ROOT_2015");
    TrustStore trust_2015({root_2015});
    VerifyReport alone = verify_pdf(env().at("KYSO_LTV_SHA1_2016_PDF"), trust_2015);
    ASSERT_EQ(alone.signatures.size(), 1u);
    EXPECT_FALSE(alone.signatures[0].valid());
    EXPECT_NE(alone.signatures[0].problems_text().find("SHA1, a digest accepted only with a proof of existence"),
              std::string::npos)
        << alone.signatures[0].problems_text();

    DocumentTimestampOptions stamp{env().at("KYSO_LTV_SHA1_2016_PDF"), (dir_ / "sealed-2016.pdf").string(),
                                   {env().at("KYSO_LTV_TSA_2016"), 3}, {root_2015}};
    DocumentTimestampResult stamped = add_document_timestamp(stamp);
    EXPECT_EQ(stamped.time, "2016-06-01T10:00:00Z");
    VerifyReport sealed = verify_pdf(stamp.output, trust_2015);
    ASSERT_EQ(sealed.signatures.size(), 2u);
    const SignatureVerdict& signature = sealed.signatures[0];
    EXPECT_TRUE(sealed.signatures[1].document_timestamp);
    EXPECT_TRUE(sealed.signatures[1].valid()) << sealed.signatures[1].problems_text();
    EXPECT_TRUE(signature.valid()) << signature.problems_text();
    EXPECT_TRUE(signature.cms.digest_strong);
    EXPECT_TRUE(signature.cms.proven_by_document_timestamp);
    EXPECT_EQ(signature.cms.validation_time, "2016-06-01T10:00:00Z") << "judged when the time-stamp proves it existed";
    RunResult cli = run({TestEnv::get().kyso_bin, "verify", stamp.output, "--trust", root_2015});
    EXPECT_EQ(cli.status, 0) << cli.out << cli.err;
}

TEST_F(LtvArchive, Sha1SignatureSealedOnlyTodayStaysNotValid) {
    DocumentTimestampOptions stamp{env().at("KYSO_LTV_SHA1_2016_PDF"), (dir_ / "sealed-today.pdf").string(),
                                   {env().at("KYSO_LTV_TSA"), 3}, {env().at("KYSO_LTV_CA")}};
    add_document_timestamp(stamp);
    VerifyReport sealed = verify_pdf(stamp.output, TrustStore({env().at("KYSO_LTV_ROOT_2015"), env().at("KYSO_LTV_CA")}));
    ASSERT_EQ(sealed.signatures.size(), 2u);
    EXPECT_TRUE(sealed.signatures[1].valid()) << sealed.signatures[1].problems_text();
    EXPECT_FALSE(sealed.signatures[0].valid());
    EXPECT_FALSE(sealed.signatures[0].cms.digest_strong);
    EXPECT_NE(sealed.signatures[0].problems_text().find("SHA1, a digest accepted only with a proof of existence"),
              std::string::npos)
        << sealed.signatures[0].problems_text();
}

TEST_F(LtvArchive, UnreachableTsaIsAClearErrorAndWritesNothing) {
    SignResult signed_file = sign_pdf(options("bt.pdf", env().at("KYSO_LTV_TSA")), pki_signer("signer"));
    std::string out = (dir_ / "lta.pdf").string();
    RunResult cli = run({TestEnv::get().kyso_bin, "ltv", signed_file.output, "-o", out, "--trust",
                         env().at("KYSO_LTV_CA"), "--tsa", env().at("KYSO_LTV_DEAD") + "/tsa", "--tsa-timeout", "2"});
    EXPECT_EQ(cli.status, 9) << cli.out << cli.err;
    EXPECT_NE(cli.err.find("dấu thời gian tài liệu (PAdES B-LTA), nên không ghi tệp nào"), std::string::npos) << cli.err;
    EXPECT_NE(cli.err.find("time-stamp server (TSA)"), std::string::npos) << cli.err;
    EXPECT_FALSE(fs::exists(out));
    EXPECT_EQ(std::distance(fs::directory_iterator(dir_), fs::directory_iterator()), 1)
        << "only the signed input may remain: no output, no scratch or temporary file";
}

TEST_F(LtvArchive, CliLtvWithTsa) {
    SignResult signed_file = sign_pdf(options("bt.pdf", env().at("KYSO_LTV_TSA")), pki_signer("signer"));
    std::string out = (dir_ / "lta.pdf").string();
    RunResult ltv = run({TestEnv::get().kyso_bin, "ltv", signed_file.output, "-o", out, "--trust",
                         env().at("KYSO_LTV_CA"), "--tsa", env().at("KYSO_LTV_TSA")});
    ASSERT_EQ(ltv.status, 0) << ltv.out << ltv.err;
    EXPECT_NE(ltv.out.find("Dấu thời gian tài liệu / Document time-stamp: "), std::string::npos) << ltv.out;
    EXPECT_NE(ltv.out.find("Chữ ký / Signature 1: PAdES B-LTA"), std::string::npos) << ltv.out;
    RunResult help = run({TestEnv::get().kyso_bin, "ltv", "--help"});
    EXPECT_NE(help.out.find("--tsa"), std::string::npos) << help.out;
    EXPECT_NE(help.out.find("B-LTA"), std::string::npos) << help.out;
}

} // namespace
} // namespace kyso::test
