// Issue 12.3: every well-formed CMS the standards allow is accepted — no signed attributes,
// several SignerInfos, BER with indefinite lengths, RSA-PSS, ECDSA P-256 and P-384, extra
// attributes such as signingTime — and what they forbid is refused with its reason:
// encapsulated content, a digest algorithm mismatch, a wrong content type, an unknown algorithm.
// The CMS are made by OpenSSL's own CMS_sign (the code behind `openssl cms -sign`).
#include "core/crypto/cms_check.hpp"
#include "core/workflow/signature_form.hpp"
#include "core/workflow/verify_document.hpp"
#include "core/workflow/verify_text.hpp"
#include "support/anchors.hpp"
#include "support/digests.hpp"
#include "support/signers.hpp"

#include <gtest/gtest.h>
#include <openssl/cms.h>
#include <openssl/rsa.h>

#include <algorithm>

namespace kyso {
namespace {

constexpr long kYear = 365L * 24 * 3600;
const std::string kContent = "the signed byte ranges of a PDF";

test::SoftwareIdentity identity(const std::string& name, const char* type, const char* parameter) {
    ossl::PkeyPtr key(std::string(type) == "RSA"
                          ? EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", static_cast<size_t>(2048))
                          : EVP_PKEY_Q_keygen(nullptr, nullptr, type, parameter));
    return test::software_identity_for(name, std::move(key), -3600, kYear);
}

struct Signer {
    const test::SoftwareIdentity* who;
    const EVP_MD* md = EVP_sha256();
    bool pss = false;
    bool carry_certificate = true;
};

ossl::Bytes to_der(CMS_ContentInfo* cms) {
    unsigned char* der = nullptr;
    int length = i2d_CMS_ContentInfo(cms, &der);
    EXPECT_GT(length, 0) << ossl::drain_errors();
    ossl::Bytes out(der, der + std::max(length, 0));
    OPENSSL_free(der);
    return out;
}

// A SignedData over kContent by `signers`, not yet finalised; `flags` adds CMS_NOATTR etc.
ossl::CmsPtr partial_cms(const std::vector<Signer>& signers, unsigned flags) {
    unsigned common = CMS_BINARY | CMS_PARTIAL | flags;
    ossl::CmsPtr cms(CMS_sign(nullptr, nullptr, nullptr, nullptr, common));
    for (const Signer& s : signers) {
        unsigned own = CMS_NOSMIMECAP | (flags & CMS_NOATTR) | (s.pss ? CMS_KEY_PARAM : 0) |
                       (s.carry_certificate ? 0 : CMS_NOCERTS);
        CMS_SignerInfo* si = CMS_add1_signer(cms.get(), s.who->certificate.get(), s.who->key.get(), s.md, own);
        EXPECT_TRUE(si) << ossl::drain_errors();
        if (si && s.pss) {
            EVP_PKEY_CTX* ctx = CMS_SignerInfo_get0_pkey_ctx(si);
            EXPECT_EQ(EVP_PKEY_CTX_set_rsa_padding(ctx, RSA_PKCS1_PSS_PADDING), 1);
            EXPECT_EQ(EVP_PKEY_CTX_set_rsa_pss_saltlen(ctx, RSA_PSS_SALTLEN_DIGEST), 1);
        }
    }
    return cms;
}

void finalise(CMS_ContentInfo* cms, unsigned flags) {
    ossl::BioPtr data(BIO_new_mem_buf(kContent.data(), static_cast<int>(kContent.size())));
    EXPECT_EQ(CMS_final(cms, data.get(), nullptr, CMS_BINARY | flags), 1) << ossl::drain_errors();
}

ossl::Bytes signed_cms(const std::vector<Signer>& signers, unsigned flags = CMS_DETACHED) {
    ossl::CmsPtr cms = partial_cms(signers, flags);
    finalise(cms.get(), flags);
    return to_der(cms.get());
}

std::vector<const X509*> certificates_of(const std::vector<Signer>& signers) {
    std::vector<const X509*> out;
    for (const Signer& s : signers)
        out.push_back(s.who->certificate.get());
    return out;
}

CmsReport check(const ossl::Bytes& cms, const std::vector<Signer>& anchors, const std::string& content = kContent) {
    test::Anchors trust(certificates_of(anchors));
    return check_cms(cms, test::digester_of(content), trust.store(), std::nullopt);
}

std::string all_problems(const CmsReport& report) { return ::testing::PrintToString(report.problems); }

bool mentions(const CmsReport& report, const std::string& words) {
    return std::any_of(report.problems.begin(), report.problems.end(),
                       [&](const std::string& p) { return p.find(words) != std::string::npos; });
}

bool noted(const CmsReport& report, const std::string& words) {
    return std::any_of(report.notes.begin(), report.notes.end(),
                       [&](const Notice& n) { return n.en.find(words) != std::string::npos && !n.vi.empty(); });
}

// The forms the standards allow, each valid and intact for an untouched content, and broken
// for a changed one.
struct AllowedForm {
    const char* name;
    const char* key_type;
    const char* key_parameter;
    bool pss;
    unsigned flags;
    const EVP_MD* (*md)();
};

class Allowed : public ::testing::TestWithParam<AllowedForm> {};

TEST_P(Allowed, VerifiesAndAChangedContentDoesNot) {
    const AllowedForm& form = GetParam();
    test::SoftwareIdentity who = identity(std::string("Người ký ") + form.name, form.key_type, form.key_parameter);
    std::vector<Signer> signers{{&who, form.md(), form.pss}};
    ossl::Bytes cms = signed_cms(signers, CMS_DETACHED | form.flags);
    CmsReport report = check(cms, signers);
    EXPECT_TRUE(report.digest_ok) << all_problems(report);
    EXPECT_TRUE(report.signature_ok) << all_problems(report);
    EXPECT_TRUE(report.valid()) << all_problems(report);
    EXPECT_EQ(report.signed_attributes, !(form.flags & CMS_NOATTR));

    CmsReport changed = check(cms, signers, kContent + " (changed)");
    EXPECT_FALSE(changed.valid());
    EXPECT_FALSE(changed.problems.empty());
}

INSTANTIATE_TEST_SUITE_P(
    Forms, Allowed,
    ::testing::Values(AllowedForm{"RsaNoSignedAttributes", "RSA", nullptr, false, CMS_NOATTR, EVP_sha256},
                      AllowedForm{"RsaPss", "RSA", nullptr, true, 0, EVP_sha256},
                      AllowedForm{"RsaPssNoSignedAttributes", "RSA", nullptr, true, CMS_NOATTR, EVP_sha384},
                      AllowedForm{"EcdsaP256", "EC", "P-256", false, 0, EVP_sha256},
                      AllowedForm{"EcdsaP384", "EC", "P-384", false, 0, EVP_sha384},
                      AllowedForm{"EcdsaP384NoSignedAttributes", "EC", "P-384", false, CMS_NOATTR, EVP_sha384},
                      AllowedForm{"Sha512", "RSA", nullptr, false, 0, EVP_sha512}),
    [](const auto& info) { return std::string(info.param.name); });

// BER: the constructed elements of the outer `depth` levels (ContentInfo, SignedData and its
// fields) re-encoded with indefinite lengths; deeper ones (certificates, SignerInfos) stay DER.
// (OpenSSL's streaming output, `openssl cms -sign -stream`, always encapsulates the content.)
ossl::Bytes with_indefinite_lengths(const ossl::Bytes& der, int depth) {
    ossl::Bytes out;
    for (size_t i = 0; i < der.size();) {
        unsigned char tag = der[i];
        size_t header = 2, length = der[i + 1];
        if (length & 0x80) {
            size_t octets = length & 0x7f;
            length = 0;
            for (size_t k = 0; k < octets; ++k)
                length = length << 8 | der[i + 2 + k];
            header += octets;
        }
        if ((tag & 0x20) && depth > 0) {
            ossl::Bytes inner = with_indefinite_lengths(
                ossl::Bytes(der.begin() + static_cast<long>(i + header), der.begin() + static_cast<long>(i + header + length)),
                depth - 1);
            out.insert(out.end(), {tag, 0x80});
            out.insert(out.end(), inner.begin(), inner.end());
            out.insert(out.end(), {0x00, 0x00});
        } else {
            out.insert(out.end(), der.begin() + static_cast<long>(i), der.begin() + static_cast<long>(i + header + length));
        }
        i += header + length;
    }
    return out;
}

TEST(CmsForms, BerWithIndefiniteLengthsVerifies) {
    test::SoftwareIdentity who = identity("BER", "RSA", nullptr);
    std::vector<Signer> signers{{&who}};
    ossl::Bytes ber = with_indefinite_lengths(signed_cms(signers), 4);
    ASSERT_EQ(static_cast<int>(ber[1]), 0x80);
    ber.resize(ber.size() + 100, 0); // as /Contents pads it
    CmsReport report = check(ber, signers);
    EXPECT_TRUE(report.valid()) << all_problems(report);
}

// The SignerInfos are a SET OF: DER sorts them, so the tests find them by their certificates.
CMS_SignerInfo* signer_info_of(CMS_ContentInfo* cms, const test::SoftwareIdentity& who) {
    STACK_OF(CMS_SignerInfo)* infos = CMS_get0_SignerInfos(cms);
    for (int i = 0; i < sk_CMS_SignerInfo_num(infos); ++i)
        if (CMS_SignerInfo_cert_cmp(sk_CMS_SignerInfo_value(infos, i), who.certificate.get()) == 0)
            return sk_CMS_SignerInfo_value(infos, i);
    return nullptr;
}

TEST(CmsForms, TwoSignerInfosBothCarriedAreBothChecked) {
    test::SoftwareIdentity first = identity("Thứ nhất", "RSA", nullptr);
    test::SoftwareIdentity second = identity("Thứ hai", "EC", "P-256");
    std::vector<Signer> signers{{&first}, {&second}};
    CmsReport report = check(signed_cms(signers), signers);
    EXPECT_TRUE(report.valid()) << all_problems(report);
    EXPECT_EQ(report.signer_infos, 2u);
    EXPECT_EQ(report.signer_info_index, 1u) << "the first that verifies";
    EXPECT_TRUE(noted(report, "SignerInfo 1 (" + report.signer_name + ") is the signature checked"));
}

TEST(CmsForms, SignerInfoWithoutItsCertificateIsSkippedAndTheOneWhoseCertificateSignedIsChecked) {
    test::SoftwareIdentity absent = identity("Không kèm chứng thư", "RSA", nullptr);
    test::SoftwareIdentity present = identity("Có chứng thư", "RSA", nullptr);
    std::vector<Signer> signers{{&absent, EVP_sha256(), false, false}, {&present}};
    CmsReport report = check(signed_cms(signers), {{&present}});
    EXPECT_TRUE(report.valid()) << all_problems(report);
    EXPECT_EQ(report.signer_name, "Có chứng thư");
    EXPECT_TRUE(noted(report, "of 2 names a certificate the CMS does not carry: not checked"));
}

TEST(CmsForms, ABrokenSecondSignerInfoBreaksTheSignature) {
    test::SoftwareIdentity first = identity("Đúng", "RSA", nullptr);
    test::SoftwareIdentity second = identity("Hỏng", "RSA", nullptr);
    std::vector<Signer> signers{{&first}, {&second}};
    ossl::CmsPtr cms = partial_cms(signers, CMS_DETACHED);
    finalise(cms.get(), CMS_DETACHED);
    CMS_SignerInfo* broken = signer_info_of(cms.get(), second);
    ASSERT_TRUE(broken);
    ASN1_OCTET_STRING* signature = CMS_SignerInfo_get0_signature(broken);
    ossl::Bytes flipped(ASN1_STRING_get0_data(signature), ASN1_STRING_get0_data(signature) + ASN1_STRING_length(signature));
    flipped[10] ^= 0x01;
    ASN1_STRING_set(signature, flipped.data(), static_cast<int>(flipped.size()));
    CmsReport report = check(to_der(cms.get()), signers);
    EXPECT_FALSE(report.valid());
    EXPECT_FALSE(report.signature_ok);
    EXPECT_EQ(report.signer_name, "Đúng");
    EXPECT_TRUE(mentions(report, "of 2 (Hỏng)")) << all_problems(report);
    EXPECT_TRUE(mentions(report, "another signer of the CMS does not verify")) << all_problems(report);
}

TEST(CmsForms, SigningTimeAndAlgorithmProtectionAreFacts) {
    // OpenSSL 3 adds signingTime (and, from 3.2, CMSAlgorithmProtection) to every SignerInfo.
    test::SoftwareIdentity who = identity("Có signingTime", "RSA", nullptr);
    std::vector<Signer> signers{{&who}};
    CmsReport report = check(signed_cms(signers), signers);
    EXPECT_TRUE(report.valid()) << all_problems(report);
    EXPECT_FALSE(report.pades_attributes);
    EXPECT_TRUE(std::any_of(report.other_signed_attributes.begin(), report.other_signed_attributes.end(),
                            [](const std::string& a) { return a.find("1.2.840.113549.1.9.5") != std::string::npos; }))
        << ::testing::PrintToString(report.other_signed_attributes);
    EXPECT_TRUE(report.problems.empty()) << all_problems(report);
}

// What the standards forbid: refused, with the reason in both languages.
void expect_refused(const CmsReport& report, const std::string& reason) {
    EXPECT_FALSE(report.valid());
    EXPECT_TRUE(mentions(report, reason)) << all_problems(report);
    for (const std::string& problem : report.problems)
        if (problem.find(reason) != std::string::npos)
            EXPECT_NE(problem_text(problem, true), problem) << "no Vietnamese for: " << problem;
}

TEST(CmsRefused, EncapsulatedContent) {
    test::SoftwareIdentity who = identity("Nội dung bên trong", "RSA", nullptr);
    std::vector<Signer> signers{{&who}};
    expect_refused(check(signed_cms(signers, 0), signers), "encapsulated content");
}

TEST(CmsRefused, SignatureAlgorithmNamingAnotherDigest) {
    test::SoftwareIdentity who = identity("Lệch thuật toán", "RSA", nullptr);
    std::vector<Signer> signers{{&who}};
    ossl::CmsPtr cms = partial_cms(signers, CMS_DETACHED);
    finalise(cms.get(), CMS_DETACHED);
    X509_ALGOR* signature_alg = nullptr;
    CMS_SignerInfo_get0_algs(sk_CMS_SignerInfo_value(CMS_get0_SignerInfos(cms.get()), 0), nullptr, nullptr, nullptr,
                             &signature_alg);
    X509_ALGOR_set0(signature_alg, OBJ_nid2obj(NID_sha384WithRSAEncryption), V_ASN1_NULL, nullptr);
    expect_refused(check(to_der(cms.get()), signers), "digest algorithm mismatch");
}

TEST(CmsRefused, AlgorithmProtectionNamingAnotherDigest) {
    test::SoftwareIdentity who = identity("Bảo vệ thuật toán lệch", "RSA", nullptr);
    std::vector<Signer> signers{{&who}};
    ossl::CmsPtr cms = partial_cms(signers, CMS_DETACHED);
    CMS_SignerInfo* si = sk_CMS_SignerInfo_value(CMS_get0_SignerInfos(cms.get()), 0);
    // SEQUENCE { sha512 AlgorithmIdentifier } while the SignerInfo uses SHA-256.
    const unsigned char protection[] = {0x30, 0x0d, 0x30, 0x0b, 0x06, 0x09, 0x60, 0x86, 0x48,
                                        0x01, 0x65, 0x03, 0x04, 0x02, 0x03};
    ASSERT_EQ(CMS_signed_add1_attr_by_txt(si, "1.2.840.113549.1.9.52", V_ASN1_SEQUENCE, protection,
                                          sizeof protection),
              1)
        << ossl::drain_errors();
    finalise(cms.get(), CMS_DETACHED);
    expect_refused(check(to_der(cms.get()), signers), "CMSAlgorithmProtection");
}

TEST(CmsForms, MatchingAlgorithmProtectionIsAccepted) {
    // As OpenSSL 3.2 and BouncyCastle write it: SEQUENCE { sha256, [1] rsaEncryption NULL }.
    test::SoftwareIdentity who = identity("Bảo vệ thuật toán", "RSA", nullptr);
    std::vector<Signer> signers{{&who}};
    ossl::CmsPtr cms = partial_cms(signers, CMS_DETACHED);
    CMS_SignerInfo* si = sk_CMS_SignerInfo_value(CMS_get0_SignerInfos(cms.get()), 0);
    const unsigned char protection[] = {0x30, 0x1c, 0x30, 0x0b, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65,
                                        0x03, 0x04, 0x02, 0x01, 0xa1, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48,
                                        0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};
    ASSERT_EQ(CMS_signed_add1_attr_by_txt(si, "1.2.840.113549.1.9.52", V_ASN1_SEQUENCE, protection,
                                          sizeof protection),
              1)
        << ossl::drain_errors();
    finalise(cms.get(), CMS_DETACHED);
    CmsReport report = check(to_der(cms.get()), signers);
    EXPECT_TRUE(report.valid()) << all_problems(report);
    EXPECT_TRUE(report.problems.empty()) << all_problems(report);
}

TEST(CmsRefused, WrongContentType) {
    test::SoftwareIdentity who = identity("Sai kiểu nội dung", "RSA", nullptr);
    std::vector<Signer> signers{{&who}};
    ossl::CmsPtr cms = partial_cms(signers, CMS_DETACHED);
    ASSERT_EQ(CMS_set1_eContentType(cms.get(), OBJ_nid2obj(NID_id_smime_ct_TSTInfo)), 1);
    finalise(cms.get(), CMS_DETACHED);
    expect_refused(check(to_der(cms.get()), signers), "wrong content type");
}

TEST(CmsRefused, UnknownDigestAndSignatureAlgorithms) {
    test::SoftwareIdentity who = identity("Thuật toán lạ", "RSA", nullptr);
    std::vector<Signer> signers{{&who}};
    for (bool digest : {true, false}) {
        ossl::CmsPtr cms = partial_cms(signers, CMS_DETACHED);
        finalise(cms.get(), CMS_DETACHED);
        X509_ALGOR* digest_alg = nullptr;
        X509_ALGOR* signature_alg = nullptr;
        CMS_SignerInfo_get0_algs(sk_CMS_SignerInfo_value(CMS_get0_SignerInfos(cms.get()), 0), nullptr, nullptr,
                                 &digest_alg, &signature_alg);
        X509_ALGOR_set0(digest ? digest_alg : signature_alg, OBJ_txt2obj("1.3.6.1.4.1.99999.1", 1), V_ASN1_UNDEF,
                        nullptr);
        expect_refused(check(to_der(cms.get()), signers),
                       digest ? "unknown digest algorithm 1.3.6.1.4.1.99999.1" : "unknown signature algorithm");
    }
}

// Bad input (issue 12.5): any one byte of a CMS changed — in forms that take other paths
// through the checks — never crashes, and whatever is not valid says why in both languages. With
// one signer nearly every byte counts; with two, a changed byte in one signer's certificate or
// identifier leaves that SignerInfo unmatched (noted, not checked) and the other one stands.
TEST(CmsBadInput, EveryChangedByteIsJudgedWithAReason) {
    test::SoftwareIdentity rsa = identity("Sửa một byte", "RSA", nullptr);
    test::SoftwareIdentity ec = identity("Sửa một byte EC", "EC", "P-384");
    const std::vector<std::vector<Signer>> forms{{{&rsa, EVP_sha256(), true}}, {{&ec, EVP_sha384()}},
                                                 {{&rsa, EVP_sha256(), true}, {&ec, EVP_sha384()}}};
    test::Anchors trust({rsa.certificate.get(), ec.certificate.get()});
    TrustStore store = trust.store();
    for (const std::vector<Signer>& signers : forms) {
        for (unsigned flags : {0u, unsigned(CMS_NOATTR)}) {
            ossl::Bytes cms = signed_cms(signers, CMS_DETACHED | flags);
            size_t tried = 0, refused = 0;
            for (size_t at = 0; at < cms.size(); at += 3, ++tried) {
                ossl::Bytes changed = cms;
                changed[at] ^= 0x5a;
                CmsReport report = check_cms(changed, test::digester_of(kContent), store, std::nullopt);
                if (report.valid())
                    continue;
                ++refused;
                ASSERT_FALSE(report.problems.empty()) << "byte " << at;
                for (const std::string& problem : report.problems)
                    EXPECT_NE(problem_text(problem, true), problem) << "no Vietnamese for: " << problem;
            }
            // Not covered with one signer: the SignedData's own list of digest algorithms.
            if (signers.size() == 1)
                EXPECT_GT(refused, tried * 95 / 100) << "one signer, flags " << flags;
        }
    }
}

// The form and the notes: a deviation from the profile the SubFilter names is a note.
SignatureVerdict intact_verdict(const std::string& sub_filter, std::vector<std::string> other_attributes) {
    SignatureVerdict v;
    v.pdf.sub_filter = sub_filter;
    v.cms.parsed = true;
    v.cms.signed_attributes = true;
    v.cms.ess_signing_certificate_v2 = true;
    v.cms.other_signed_attributes = std::move(other_attributes);
    v.cms.pades_attributes = v.cms.other_signed_attributes.empty();
    return v;
}

TEST(SignatureForm, AdobeDetachedWithSigningTimeIsACmsWithoutNotes) {
    SignatureVerdict v = intact_verdict("adbe.pkcs7.detached",
                                        {"signingTime (1.2.840.113549.1.9.5)", "1.2.840.113583.1.1.8",
                                         "1.2.840.113549.1.9.52"});
    describe_form(v);
    EXPECT_EQ(v.form, "CMS (adbe.pkcs7.detached)");
    EXPECT_TRUE(v.cms.notes.empty());
}

TEST(SignatureForm, CadesWithSigningTimeIsNotedNotRefused) {
    SignatureVerdict v = intact_verdict("ETSI.CAdES.detached", {"signingTime (1.2.840.113549.1.9.5)"});
    describe_form(v);
    EXPECT_EQ(v.form, "CAdES (ETSI.CAdES.detached)");
    ASSERT_EQ(v.cms.notes.size(), 1u);
    EXPECT_NE(v.cms.notes[0].en.find("signingTime"), std::string::npos);
    EXPECT_NE(v.cms.notes[0].vi.find("PAdES baseline"), std::string::npos);
    EXPECT_TRUE(v.cms.problems.empty());
}

TEST(SignatureForm, LevelNamesThePadesForm) {
    SignatureVerdict v = intact_verdict("ETSI.CAdES.detached", {});
    v.level = "B-T";
    describe_form(v);
    EXPECT_EQ(v.form, "PAdES B-T");
    EXPECT_TRUE(v.cms.notes.empty());
}

} // namespace
} // namespace kyso
