// When a signature is judged, and with which digests: certificate validity and the chain at the
// verified signature time-stamp's genTime (B-T) or now (B-B), never at the signer's /M; a broken
// time-stamp breaks the signature; MD5 never, SHA-1 only with a proof from before 2017.
#include "core/crypto/cms_check.hpp"
#include "core/crypto/pades_cms.hpp"
#include "support/anchors.hpp"
#include "support/digests.hpp"
#include "support/signers.hpp"

#include <gtest/gtest.h>
#include <openssl/cms.h>
#include <openssl/pem.h>
#include <openssl/ts.h>

#include <cstdio>
#include <filesystem>
#include <unistd.h>

namespace kyso {
namespace {

constexpr long kDay = 24L * 3600;
constexpr long kYear = 365 * kDay;

ossl::Bytes sha256_of(const std::string& text) {
    return ossl::sha256(reinterpret_cast<const unsigned char*>(text.data()), text.size());
}

bool mentions(const CmsReport& report, const std::string& word) {
    for (const std::string& problem : report.problems)
        if (problem.find(word) != std::string::npos)
            return true;
    return false;
}

using test::Anchors;

// OpenSSL's own RFC 3161 responder (the code behind `openssl ts -reply`), answering with genTime
// `gen_time` for a SHA-256 imprint of the data.
class InProcessTsa {
public:
    explicit InProcessTsa(std::time_t gen_time)
        : identity_(test::software_identity("Test TSA", false, -3 * kYear, kYear, true)), gen_time_(gen_time) {}
    const X509* certificate() const { return identity_.certificate.get(); }

    ossl::Bytes stamp(const ossl::Bytes& data) const {
        std::unique_ptr<TS_REQ, ossl::Deleter<TS_REQ_free>> request(TS_REQ_new());
        TS_REQ_set_version(request.get(), 1);
        std::unique_ptr<TS_MSG_IMPRINT, ossl::Deleter<TS_MSG_IMPRINT_free>> imprint(TS_MSG_IMPRINT_new());
        std::unique_ptr<X509_ALGOR, ossl::Deleter<X509_ALGOR_free>> algorithm(X509_ALGOR_new());
        X509_ALGOR_set_md(algorithm.get(), EVP_sha256());
        TS_MSG_IMPRINT_set_algo(imprint.get(), algorithm.get());
        ossl::Bytes hash = ossl::sha256(data.data(), data.size());
        TS_MSG_IMPRINT_set_msg(imprint.get(), hash.data(), static_cast<int>(hash.size()));
        TS_REQ_set_msg_imprint(request.get(), imprint.get());
        TS_REQ_set_cert_req(request.get(), 1);
        ossl::BioPtr request_bio(BIO_new(BIO_s_mem()));
        i2d_TS_REQ_bio(request_bio.get(), request.get());

        std::unique_ptr<TS_RESP_CTX, ossl::Deleter<TS_RESP_CTX_free>> ctx(TS_RESP_CTX_new());
        TS_RESP_CTX_set_signer_cert(ctx.get(), identity_.certificate.get());
        TS_RESP_CTX_set_signer_key(ctx.get(), identity_.key.get());
        TS_RESP_CTX_set_signer_digest(ctx.get(), EVP_sha256());
        TS_RESP_CTX_set_ess_cert_id_digest(ctx.get(), EVP_sha256());
        ASN1_OBJECT* policy = OBJ_txt2obj("1.2.3.4.1", 1);
        TS_RESP_CTX_set_def_policy(ctx.get(), policy);
        ASN1_OBJECT_free(policy);
        TS_RESP_CTX_add_md(ctx.get(), EVP_sha256());
        TS_RESP_CTX_set_time_cb(ctx.get(), &InProcessTsa::now, const_cast<std::time_t*>(&gen_time_));
        std::unique_ptr<TS_RESP, ossl::Deleter<TS_RESP_free>> response(
            TS_RESP_create_response(ctx.get(), request_bio.get()));
        EXPECT_TRUE(response);
        PKCS7* token = TS_RESP_get_token(response.get());
        EXPECT_TRUE(token) << ossl::drain_errors();
        unsigned char* der = nullptr;
        int length = i2d_PKCS7(token, &der);
        ossl::Bytes out(der, der + length);
        OPENSSL_free(der);
        return out;
    }

private:
    static int now(TS_RESP_CTX*, void* data, long* seconds, long* microseconds) {
        *seconds = static_cast<long>(*static_cast<std::time_t*>(data));
        *microseconds = 0;
        return 1;
    }
    test::SoftwareIdentity identity_;
    std::time_t gen_time_;
};

const std::time_t kNow = std::time(nullptr);

TEST(ValidationTime, ExpiredCertificateWithBackDatedSigningTimeIsNotValid) {
    // Valid from two years ago until a year ago; the signer writes a /M inside that window.
    KeySigner signer = test::software_signer("Hết hạn", false, -2 * kYear, -kYear);
    Anchors anchors({signer.certificate()});
    ossl::Bytes digest = sha256_of("ranges");
    ossl::Bytes cms = build_pades_cms(digest, signer);
    CmsReport report = check_cms(cms, [&](const EVP_MD*) { return digest; }, anchors.store(), kNow - 3 * kYear / 2);
    EXPECT_TRUE(report.digest_ok);
    EXPECT_TRUE(report.signature_ok);
    EXPECT_FALSE(report.validation_time_proven);
    EXPECT_FALSE(report.certificate_valid_at_signing_time);
    EXPECT_FALSE(report.valid()) << "a back-dated /M proves nothing";
    EXPECT_TRUE(mentions(report, "certificate expired now")) << ::testing::PrintToString(report.problems);
}

TEST(ValidationTime, CertificateExpiredAfterTheTimeStampIsValid) {
    KeySigner signer = test::software_signer("Ký khi còn hạn", false, -2 * kYear, -kYear);
    InProcessTsa tsa(kNow - 3 * kYear / 2);
    Anchors anchors({signer.certificate(), tsa.certificate()});
    ossl::Bytes digest = sha256_of("ranges");
    ossl::Bytes cms = build_pades_cms(digest, signer, [&](const ossl::Bytes& value) { return tsa.stamp(value); });
    CmsReport report = check_cms(cms, [&](const EVP_MD*) { return digest; }, anchors.store(), std::nullopt);
    EXPECT_TRUE(report.timestamp_ok) << ::testing::PrintToString(report.problems);
    EXPECT_TRUE(report.validation_time_proven);
    EXPECT_EQ(report.validation_time, report.timestamp_time);
    EXPECT_TRUE(report.certificate_valid_at_signing_time);
    EXPECT_TRUE(report.chain_ok) << ::testing::PrintToString(report.problems);
    EXPECT_TRUE(report.valid()) << ::testing::PrintToString(report.problems);
}

TEST(ValidationTime, SigningTimeLaterThanTheTimeStampIsFlagged) {
    KeySigner signer = test::software_signer("Ký", false, -2 * kYear, kYear);
    InProcessTsa tsa(kNow - kYear);
    Anchors anchors({signer.certificate(), tsa.certificate()});
    ossl::Bytes digest = sha256_of("ranges");
    ossl::Bytes cms = build_pades_cms(digest, signer, [&](const ossl::Bytes& value) { return tsa.stamp(value); });
    CmsReport report = check_cms(cms, [&](const EVP_MD*) { return digest; }, anchors.store(), kNow - kDay);
    EXPECT_TRUE(report.timestamp_ok);
    EXPECT_TRUE(mentions(report, "/M is later than the time-stamp")) << ::testing::PrintToString(report.problems);
}

TEST(ValidationTime, TimeStampFromAnUntrustedTsaProvesNothingButBreaksNothing) {
    KeySigner signer = test::software_signer("Ký", false, -kYear, kYear);
    InProcessTsa tsa(kNow - kDay);
    Anchors anchors({signer.certificate()});
    ossl::Bytes digest = sha256_of("ranges");
    ossl::Bytes cms = build_pades_cms(digest, signer, [&](const ossl::Bytes& value) { return tsa.stamp(value); });
    CmsReport report = check_cms(cms, [&](const EVP_MD*) { return digest; }, anchors.store(), std::nullopt);
    EXPECT_FALSE(report.timestamp_ok);
    EXPECT_FALSE(report.timestamp_broken());
    EXPECT_FALSE(report.validation_time_proven) << "judged now";
    EXPECT_TRUE(report.valid()) << ::testing::PrintToString(report.problems);
}

TEST(ValidationTime, BrokenTimeStampMakesTheSignatureNotValid) {
    KeySigner signer = test::software_signer("Ký", false, -kYear, kYear);
    InProcessTsa tsa(kNow - kDay);
    Anchors anchors({signer.certificate(), tsa.certificate()});
    ossl::Bytes digest = sha256_of("ranges");
    // The TSA's signature is the token's last bytes: one flipped bit breaks it.
    ossl::Bytes cms = build_pades_cms(digest, signer, [&](const ossl::Bytes& value) {
        ossl::Bytes token = tsa.stamp(value);
        token.back() ^= 0x01;
        return token;
    });
    CmsReport report = check_cms(cms, [&](const EVP_MD*) { return digest; }, anchors.store(), std::nullopt);
    EXPECT_TRUE(report.has_timestamp);
    EXPECT_FALSE(report.timestamp_ok);
    EXPECT_TRUE(report.digest_ok);
    EXPECT_TRUE(report.signature_ok);
    EXPECT_TRUE(report.timestamp_broken());
    EXPECT_FALSE(report.valid());
    EXPECT_TRUE(mentions(report, "signature time-stamp")) << ::testing::PrintToString(report.problems);
}

// A CMS signed by OpenSSL's own CMS_sign with the given digest, over `content`.
ossl::Bytes cms_with_digest(const test::SoftwareIdentity& identity, const EVP_MD* md, const std::string& content) {
    ossl::BioPtr data(BIO_new_mem_buf(content.data(), static_cast<int>(content.size())));
    ossl::CmsPtr cms(CMS_sign(nullptr, nullptr, nullptr, nullptr, CMS_DETACHED | CMS_BINARY | CMS_PARTIAL));
    EXPECT_TRUE(CMS_add1_signer(cms.get(), identity.certificate.get(), identity.key.get(), md, CMS_NOSMIMECAP))
        << ossl::drain_errors();
    EXPECT_EQ(CMS_final(cms.get(), data.get(), nullptr, CMS_DETACHED | CMS_BINARY), 1) << ossl::drain_errors();
    unsigned char* der = nullptr;
    int length = i2d_CMS_ContentInfo(cms.get(), &der);
    ossl::Bytes out(der, der + length);
    OPENSSL_free(der);
    return out;
}

class WeakDigest : public ::testing::TestWithParam<const char*> {};

TEST_P(WeakDigest, IsNotValidWithoutAnOldEnoughProof) {
    test::SoftwareIdentity identity = test::software_identity("Yếu", false, -kYear, kYear);
    Anchors anchors({identity.certificate.get()});
    const std::string content = "the signed byte ranges";
    const EVP_MD* md = EVP_get_digestbyname(GetParam());
    ossl::Bytes cms = cms_with_digest(identity, md, content);
    CmsReport report = check_cms(cms, test::digester_of(content), anchors.store(), std::nullopt);
    EXPECT_TRUE(report.digest_ok) << ::testing::PrintToString(report.problems);
    EXPECT_TRUE(report.signature_ok) << ::testing::PrintToString(report.problems);
    EXPECT_FALSE(report.digest_strong);
    EXPECT_FALSE(report.valid());
    EXPECT_TRUE(mentions(report, "the signature uses")) << ::testing::PrintToString(report.problems);
}

INSTANTIATE_TEST_SUITE_P(Md5AndSha1, WeakDigest, ::testing::Values("MD5", "SHA1"),
                         [](const auto& info) { return std::string(info.param); });

TEST(WeakDigestRule, Sha1NeedsAProofFromBefore2017AndMd5IsNeverAccepted) {
    std::time_t in_2016 = 1451606400 + 100 * kDay;
    std::time_t in_2018 = 1514764800;
    EXPECT_TRUE(weak_digest_reason(EVP_sha1(), in_2016).empty());
    EXPECT_FALSE(weak_digest_reason(EVP_sha1(), in_2018).empty());
    EXPECT_FALSE(weak_digest_reason(EVP_sha1(), std::nullopt).empty());
    EXPECT_FALSE(weak_digest_reason(EVP_md5(), in_2016).empty());
    EXPECT_TRUE(weak_digest_reason(EVP_sha256(), std::nullopt).empty());
    EXPECT_TRUE(weak_digest_reason(EVP_sha384(), std::nullopt).empty());
    EXPECT_TRUE(weak_digest_reason(EVP_sha512(), std::nullopt).empty());
}

// A document time-stamp over a signature (its genTime passed as the covering proof) is a proof
// of existence too: a SHA-1 signature of 2016, by a key that expired in 2017, holds with one from
// 2016 and is judged then.
TEST(ValidationTime, DocumentTimestampFrom2016ProvesASha1Signature) {
    const std::time_t in_2016 = 1451606400 + 150 * kDay;
    test::SoftwareIdentity identity = test::software_identity("Ký năm 2016", false, in_2016 - kYear - kNow,
                                                              in_2016 + kYear - kNow);
    Anchors anchors({identity.certificate.get()});
    const std::string content = "the signed byte ranges";
    ossl::Bytes cms = cms_with_digest(identity, EVP_sha1(), content);
    CmsReport alone = check_cms(cms, test::digester_of(content), anchors.store(), std::nullopt);
    EXPECT_FALSE(alone.valid());
    EXPECT_FALSE(alone.digest_strong);
    CmsReport sealed = check_cms(cms, test::digester_of(content), anchors.store(), std::nullopt, in_2016);
    EXPECT_TRUE(sealed.valid()) << ::testing::PrintToString(sealed.problems);
    EXPECT_TRUE(sealed.validation_time_proven);
    EXPECT_TRUE(sealed.proven_by_document_timestamp);
    EXPECT_EQ(sealed.proven_time, in_2016);
    CmsReport sealed_late = check_cms(cms, test::digester_of(content), anchors.store(), std::nullopt, 1514764800);
    EXPECT_FALSE(sealed_late.digest_strong) << "a proof from 2018 does not save SHA-1";
}

TEST(ValidationTime, OwnTimeStampEarlierThanTheDocumentTimestampStaysTheProof) {
    KeySigner signer = test::software_signer("Ký", false, -2 * kYear, kYear);
    InProcessTsa tsa(kNow - kYear);
    Anchors anchors({signer.certificate(), tsa.certificate()});
    ossl::Bytes digest = sha256_of("ranges");
    ossl::Bytes cms = build_pades_cms(digest, signer, [&](const ossl::Bytes& value) { return tsa.stamp(value); });
    CmsReport report = check_cms(cms, [&](const EVP_MD*) { return digest; }, anchors.store(), std::nullopt, kNow - kDay);
    EXPECT_TRUE(report.valid()) << ::testing::PrintToString(report.problems);
    EXPECT_FALSE(report.proven_by_document_timestamp);
    EXPECT_EQ(report.validation_time, report.timestamp_time);
}

// Bad CMS input: every truncation of a real signature, and one that leaves out the signer's
// certificate, is refused with a reason and never crashes.
TEST(CmsBadInput, EveryTruncationIsRefusedWithAReason) {
    KeySigner signer = test::software_signer("Cắt", true);
    ossl::Bytes digest = sha256_of("ranges");
    ossl::Bytes cms = build_pades_cms(digest, signer);
    for (size_t length = 0; length < cms.size(); length += 7) {
        ossl::Bytes cut(cms.begin(), cms.begin() + static_cast<long>(length));
        CmsReport report = check_cms(cut, [&](const EVP_MD*) { return digest; }, TrustStore::none(), std::nullopt);
        EXPECT_FALSE(report.valid()) << length;
        EXPECT_FALSE(report.problems.empty()) << length;
    }
}

TEST(CmsBadInput, MissingSignerCertificateIsNamed) {
    test::SoftwareIdentity identity = test::software_identity("Không kèm chứng thư", false, -kYear, kYear);
    const std::string content = "content";
    ossl::BioPtr data(BIO_new_mem_buf(content.data(), static_cast<int>(content.size())));
    ossl::CmsPtr cms(CMS_sign(identity.certificate.get(), identity.key.get(), nullptr, data.get(),
                              CMS_DETACHED | CMS_BINARY | CMS_NOCERTS));
    ASSERT_TRUE(cms) << ossl::drain_errors();
    unsigned char* der = nullptr;
    int length = i2d_CMS_ContentInfo(cms.get(), &der);
    ossl::Bytes bytes(der, der + length);
    OPENSSL_free(der);
    CmsReport report = check_cms(bytes, [&](const EVP_MD*) { return sha256_of(content); }, TrustStore::none(),
                                 std::nullopt);
    EXPECT_FALSE(report.parsed);
    EXPECT_TRUE(mentions(report, "certificate is not inside the CMS")) << ::testing::PrintToString(report.problems);
}

} // namespace
} // namespace kyso
