// The CMS kyso builds by hand, read back by OpenSSL: PAdES baseline attributes, no
// signingTime, a signature that verifies, and a size the dry run predicted.
#include "core/crypto/cms_check.hpp"
#include "core/crypto/ossl.hpp"
#include "core/crypto/pades_cms.hpp"
#include "support/signers.hpp"

#include <gtest/gtest.h>

namespace kyso {
namespace {

ossl::Bytes digest_of(const std::string& text) {
    return ossl::sha256(reinterpret_cast<const unsigned char*>(text.data()), text.size());
}

std::vector<int> signed_attribute_nids(const ossl::Bytes& der) {
    const unsigned char* p = der.data();
    ossl::CmsPtr cms(d2i_CMS_ContentInfo(nullptr, &p, static_cast<long>(der.size())));
    EXPECT_TRUE(cms);
    CMS_SignerInfo* si = sk_CMS_SignerInfo_value(CMS_get0_SignerInfos(cms.get()), 0);
    std::vector<int> nids;
    for (int i = 0; i < CMS_signed_get_attr_count(si); ++i)
        nids.push_back(OBJ_obj2nid(X509_ATTRIBUTE_get0_object(CMS_signed_get_attr(si, i))));
    std::sort(nids.begin(), nids.end());
    return nids;
}

class PadesCms : public ::testing::TestWithParam<bool> {};

TEST_P(PadesCms, HasExactlyTheBaselineAttributesAndVerifies) {
    KeySigner signer = test::software_signer("Nguyễn Thanh Bình", GetParam());
    ossl::Bytes digest = digest_of("the signed byte ranges");
    ossl::Bytes cms = build_pades_cms(digest, signer);

    std::vector<int> expected{NID_pkcs9_contentType, NID_pkcs9_messageDigest, NID_id_smime_aa_signingCertificateV2};
    std::sort(expected.begin(), expected.end());
    EXPECT_EQ(signed_attribute_nids(cms), expected) << "no signingTime, nothing else";

    CmsReport report = check_cms(cms, [&](const EVP_MD*) { return digest; }, TrustStore::none(), std::nullopt);
    EXPECT_TRUE(report.parsed);
    EXPECT_TRUE(report.digest_ok);
    EXPECT_TRUE(report.signature_ok);
    EXPECT_TRUE(report.pades_attributes) << ::testing::PrintToString(report.problems);
    EXPECT_TRUE(report.key_usage_ok);
    EXPECT_EQ(report.signer_name, "Nguyễn Thanh Bình");
}

TEST_P(PadesCms, DryRunSizeBoundsTheRealSize) {
    KeySigner signer = test::software_signer("Size", GetParam());
    size_t predicted = pades_cms_size(signer);
    for (int i = 0; i < 5; ++i) {
        size_t real = build_pades_cms(digest_of("data " + std::to_string(i)), signer).size();
        EXPECT_LE(real, predicted);
        if (!GetParam())
            EXPECT_EQ(real, predicted) << "RSA signatures have a fixed size";
    }
}

TEST_P(PadesCms, AnotherDigestIsReportedAsChangedBytes) {
    KeySigner signer = test::software_signer("Digest", GetParam());
    ossl::Bytes cms = build_pades_cms(digest_of("original"), signer);
    CmsReport report = check_cms(cms, [&](const EVP_MD*) { return digest_of("tampered"); }, TrustStore::none(), std::nullopt);
    EXPECT_FALSE(report.digest_ok);
    EXPECT_TRUE(report.signature_ok) << "the signed attributes themselves are intact";
    EXPECT_FALSE(report.valid());
}

INSTANTIATE_TEST_SUITE_P(RsaAndEc, PadesCms, ::testing::Values(false, true),
                         [](const auto& info) { return info.param ? "Ecdsa" : "Rsa"; });

TEST(CmsCheck, GarbageIsNotParsed) {
    CmsReport report = check_cms(ossl::Bytes{0x30, 0x03, 0x02, 0x01, 0x05}, [](const EVP_MD*) { return ossl::Bytes(); },
                                 TrustStore::none(), std::nullopt);
    EXPECT_FALSE(report.parsed);
    EXPECT_FALSE(report.valid());
    EXPECT_FALSE(report.problems.empty());
}

} // namespace
} // namespace kyso
