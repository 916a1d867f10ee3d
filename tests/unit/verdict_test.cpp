// The judgement behind the three verdicts, cause by cause: which facts make a signature invalid,
// which leave it intact with the signer not confirmed, and how a file's verdict is the worst one.
#include "core/workflow/verdict.hpp"
#include "core/workflow/verify_document.hpp"

#include <gtest/gtest.h>
#include <openssl/x509_vfy.h>

#include <functional>

namespace kyso {
namespace {

SignatureVerdict sound_signature() {
    SignatureVerdict s;
    s.pdf.byte_range_ok = true;
    s.cms.parsed = s.cms.digest_ok = s.cms.signature_ok = s.cms.chain_ok = true;
    s.cms.certificate_valid_at_signing_time = s.cms.key_usage_ok = s.cms.digest_strong = true;
    s.cms.not_before = "2025-01-01T00:00:00Z";
    s.cms.not_after = "2027-01-01T00:00:00Z";
    s.cms.validation_time = "2026-06-01T00:00:00Z";
    return s;
}

std::vector<std::string> codes(const Judgement& judgement) {
    std::vector<std::string> out;
    for (const VerdictGround& g : judgement.grounds)
        out.push_back(g.code);
    return out;
}

struct Case {
    const char* name;
    std::function<void(SignatureVerdict&)> change;
    Verdict verdict;
    std::vector<std::string> grounds;
};

void PrintTo(const Case& c, std::ostream* os) { *os << c.name; }

class Judge : public ::testing::TestWithParam<Case> {};

TEST_P(Judge, GivesTheVerdictAndNamesEachCause) {
    SignatureVerdict s = sound_signature();
    GetParam().change(s);
    Judgement judgement = judge(s);
    EXPECT_EQ(judgement.verdict, GetParam().verdict);
    EXPECT_EQ(codes(judgement), GetParam().grounds);
    for (const VerdictGround& g : judgement.grounds) {
        EXPECT_FALSE(g.vi.empty()) << g.code;
        EXPECT_FALSE(g.en.empty()) << g.code;
    }
}

void expire_now(SignatureVerdict& s) {
    s.cms.certificate_valid_at_signing_time = false;
    s.cms.validation_time = "2028-01-01T00:00:00Z";
    s.cms.chain_ok = false;
    s.cms.chain_error = X509_V_ERR_CERT_HAS_EXPIRED;
}

INSTANTIATE_TEST_SUITE_P(
    Causes, Judge,
    ::testing::Values(
        Case{"sound", [](SignatureVerdict&) {}, Verdict::Valid, {}},
        Case{"byte_range", [](SignatureVerdict& s) { s.pdf.byte_range_ok = false; }, Verdict::Invalid, {"byte_range"}},
        Case{"cms_unreadable", [](SignatureVerdict& s) { s.cms.parsed = false; }, Verdict::Invalid, {"cms_unreadable"}},
        Case{"bytes_changed", [](SignatureVerdict& s) { s.cms.digest_ok = false; }, Verdict::Invalid, {"bytes_changed"}},
        Case{"cms_form_not_allowed",
             [](SignatureVerdict& s) {
                 s.cms.form_allowed = false; // a digest mismatch: digest and signature not judged as such
                 s.cms.digest_ok = s.cms.signature_ok = false;
             },
             Verdict::Invalid, {"cms_form_not_allowed"}},
        Case{"signer_binding", [](SignatureVerdict& s) { s.cms.ess_ok = false; }, Verdict::Invalid, {"signer_binding"}},
        Case{"signature_broken", [](SignatureVerdict& s) { s.cms.signature_ok = false; }, Verdict::Invalid,
             {"signature_broken"}},
        Case{"timestamp_broken", [](SignatureVerdict& s) { s.cms.has_timestamp = true; }, Verdict::Invalid,
             {"timestamp_broken"}},
        Case{"weak_digest", [](SignatureVerdict& s) { s.cms.digest_strong = false; }, Verdict::Invalid, {"weak_digest"}},
        Case{"key_usage", [](SignatureVerdict& s) { s.cms.key_usage_ok = false; }, Verdict::Invalid, {"key_usage"}},
        Case{"forbidden_change",
             [](SignatureVerdict& s) {
                 ModificationFinding f;
                 f.allowed = false;
                 s.modifications.push_back(f);
             },
             Verdict::Invalid, {"forbidden_change"}},
        Case{"revoked",
             [](SignatureVerdict& s) {
                 s.revoked = true;
                 s.revocation = RevocationStatus::Revoked;
             },
             Verdict::Invalid, {"revoked"}},
        Case{"untrusted_chain",
             [](SignatureVerdict& s) {
                 s.cms.chain_ok = false;
                 s.cms.chain_error = X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY;
             },
             Verdict::Untrusted, {"untrusted_chain"}},
        Case{"revocation_unknown", [](SignatureVerdict& s) { s.revocation = RevocationStatus::Unknown; },
             Verdict::Untrusted, {"revocation_unknown"}},
        Case{"revocation_not_checked", [](SignatureVerdict& s) { s.revocation = RevocationStatus::NotFound; },
             Verdict::Valid, {}},
        Case{"expired_unproven", expire_now, Verdict::Untrusted, {"expired_unproven"}},
        Case{"expired_at_proven_time",
             [](SignatureVerdict& s) {
                 expire_now(s);
                 s.cms.validation_time_proven = true;
             },
             Verdict::Invalid, {"not_valid_at_proven_time"}},
        Case{"issuer_expired_at_proven_time",
             [](SignatureVerdict& s) {
                 s.cms.validation_time_proven = true;
                 s.cms.chain_ok = false;
                 s.cms.chain_error = X509_V_ERR_CERT_HAS_EXPIRED;
             },
             Verdict::Invalid, {"not_valid_at_proven_time"}},
        Case{"not_yet_valid",
             [](SignatureVerdict& s) {
                 s.cms.certificate_valid_at_signing_time = false;
                 s.cms.validation_time = "2024-01-01T00:00:00Z";
                 s.cms.chain_ok = false;
                 s.cms.chain_error = X509_V_ERR_CERT_NOT_YET_VALID;
             },
             Verdict::Invalid, {"not_yet_valid"}},
        Case{"invalid_outranks_untrusted",
             [](SignatureVerdict& s) {
                 s.cms.chain_ok = false;
                 s.cms.digest_ok = false;
             },
             Verdict::Invalid, {"bytes_changed", "untrusted_chain"}}),
    [](const ::testing::TestParamInfo<Case>& info) { return std::string(info.param.name); });

TEST(FileVerdict, IsTheWorstOfItsEntries) {
    VerifyReport report;
    EXPECT_EQ(file_verdict(report), Verdict::NoSignature);
    SignatureVerdict stamp = sound_signature();
    stamp.document_timestamp = true;
    report.signatures.push_back(stamp);
    EXPECT_EQ(file_verdict(report), Verdict::NoSignature) << "a document time-stamp alone signs nothing";
    report.signatures.insert(report.signatures.begin(), sound_signature());
    EXPECT_EQ(file_verdict(report), Verdict::Valid);
    report.signatures[1].cms.chain_ok = false; // the TSA is not trusted
    EXPECT_EQ(file_verdict(report), Verdict::Untrusted);
    report.signatures.push_back(sound_signature());
    report.signatures.back().cms.digest_ok = false;
    EXPECT_EQ(file_verdict(report), Verdict::Invalid);
    EXPECT_FALSE(report.all_valid());
}

TEST(FileVerdict, CodesAndWordsAreStable) {
    EXPECT_STREQ(verdict_code(Verdict::Valid), "valid");
    EXPECT_STREQ(verdict_code(Verdict::Untrusted), "untrusted");
    EXPECT_STREQ(verdict_code(Verdict::Invalid), "invalid");
    EXPECT_STREQ(verdict_code(Verdict::NoSignature), "unsigned");
    EXPECT_STREQ(verdict_vi(Verdict::Untrusted), "TOÀN VẸN, CHƯA XÁC THỰC ĐƯỢC NGƯỜI KÝ");
    EXPECT_STREQ(verdict_en(Verdict::Invalid), "NOT VALID");
}

} // namespace
} // namespace kyso
