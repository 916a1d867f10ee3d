// The real token path: SoftHSM2 through libp11, loaded directly and through p11-kit's proxy.
#include "core/error.hpp"
#include "core/token/token.hpp"
#include "support/errors.hpp"
#include "support/signers.hpp"
#include "support/test_env.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace kyso {
namespace {

using test::TestEnv;

const TokenInfo* find_token(const std::vector<TokenInfo>& tokens, const std::string& label) {
    for (const TokenInfo& token : tokens)
        if (token.label == label)
            return &token;
    return nullptr;
}

using test::error_code_of;

TEST(Token, ListsTokensAndCertificatesWithoutLogin) {
    auto module = test::open_test_module();
    std::vector<TokenInfo> tokens = module->list_tokens();
    const TokenInfo* token = find_token(tokens, TestEnv::get().token_label);
    ASSERT_NE(token, nullptr);
    ASSERT_NE(find_token(tokens, TestEnv::get().empty_token_label), nullptr);
    auto binh = std::find_if(token->certificates.begin(), token->certificates.end(),
                             [](const TokenCertificate& c) { return c.label == "binh"; });
    ASSERT_NE(binh, token->certificates.end());
    EXPECT_EQ(binh->common_name, "Nguyễn Thanh Bình");
    EXPECT_EQ(binh->id_hex, "01");
    EXPECT_EQ(binh->key_type, "RSA 2048");
    EXPECT_EQ(binh->key_usage, "digitalSignature, nonRepudiation");
    EXPECT_TRUE(binh->can_sign);
    EXPECT_NE(binh->issuer.find("kyso TEST Issuing CA"), std::string::npos);
    auto ca = std::find_if(token->certificates.begin(), token->certificates.end(),
                           [](const TokenCertificate& c) { return c.label == "issuing-ca"; });
    ASSERT_NE(ca, token->certificates.end());
    EXPECT_FALSE(ca->can_sign);
}

TEST(Token, P11KitProxyIsTheDefaultAndFindsTheToken) {
    ::unsetenv("KYSO_PKCS11_MODULE");
    TestEnv::get();
    TokenModule module(resolve_module_path(""));
    EXPECT_NE(find_token(module.list_tokens(), TestEnv::get().token_label), nullptr);
}

TEST(Token, SignerCarriesTheChainFromTheToken) {
    auto module = test::open_test_module();
    KeySigner signer = test::token_signer(*module, "binh");
    ASSERT_EQ(signer.chain().size(), 2u) << "issuing CA, then root";
    EXPECT_EQ(ossl::common_name(X509_get_subject_name(signer.chain()[0].get())), "kyso TEST Issuing CA");
    EXPECT_EQ(ossl::common_name(X509_get_subject_name(signer.chain()[1].get())), "kyso TEST Root CA");
    ossl::Bytes signature = signer.sign(std::vector<unsigned char>{1, 2, 3});
    EXPECT_EQ(signature.size(), 256u);
}

// Issue 11.4: a one-signature command logs out and lets libp11 cleanse its PIN copy right after
// the signature, not when the process ends.
TEST(Token, ReleaseAfterSigningClosesTheTokenAfterOneSignature) {
    KeySigner signer = [] {
        auto module = test::open_test_module();
        return test::token_signer(*module, "binh"); // the signer is now the token's only owner
    }();
    signer.release_after_signing();
    size_t size = signer.max_signature_size();
    EXPECT_FALSE(signer.token_released());
    EXPECT_EQ(signer.sign(std::vector<unsigned char>{1, 2, 3}).size(), 256u);
    EXPECT_TRUE(signer.token_released());
    EXPECT_EQ(signer.max_signature_size(), size) << "still known for sizing after the release";
    EXPECT_EQ(error_code_of([&] { signer.sign(std::vector<unsigned char>{4}); }), ErrorCode::SigningFailed);
    // The token itself is fine: a new login signs again.
    auto module = test::open_test_module();
    EXPECT_EQ(test::token_signer(*module, "binh").sign(std::vector<unsigned char>{5}).size(), 256u);
}

TEST(Token, SelectsCertificatesByIdAndSubjectToo) {
    auto module = test::open_test_module();
    const std::string& token = TestEnv::get().token_label;
    KeySigner by_id = module->open_signer({token, "02"}, Secret(TestEnv::get().user_pin), false, {});
    EXPECT_EQ(ossl::common_name(X509_get_subject_name(by_id.certificate())), "Ủy ban nhân dân tỉnh An Giang");
    KeySigner by_subject = module->open_signer({token, "MST:1600000000"}, Secret(TestEnv::get().user_pin), false, {});
    EXPECT_EQ(X509_cmp(by_subject.certificate(), by_id.certificate()), 0);
}

TEST(Token, EcKeysSignThroughTheToken) {
    auto module = test::open_test_module();
    KeySigner signer = test::token_signer(*module, "binh-ec");
    EXPECT_TRUE(signer.is_ec());
    EXPECT_FALSE(signer.sign(std::vector<unsigned char>{9, 9}).empty());
}

TEST(Token, UnusableCertificatesAreRefusedBeforeThePinIsSpent) {
    auto module = test::open_test_module();
    const std::string& token = TestEnv::get().token_label;
    for (const char* label : {"expired", "notyet", "nokeyusage"}) {
        // A wrong PIN proves the refusal came first: a login attempt would say "incorrect PIN".
        EXPECT_EQ(error_code_of([&] { module->open_signer({token, label}, Secret("000000"), false, {}); }),
                  ErrorCode::CertificateRejected)
            << label;
    }
    EXPECT_FALSE(module->token_info(token).pin_count_low) << "no PIN try was used";
    // Wrong-PIN tests use their own token, so this flag is not touched concurrently.
}

TEST(Token, CaCertificatesAreNotSigningCertificates) {
    auto module = test::open_test_module();
    EXPECT_EQ(error_code_of([&] { test::token_signer(*module, "issuing-ca"); }), ErrorCode::CertificateRejected);
}

TEST(Token, ExpiringCertificateWarns) {
    auto module = test::open_test_module();
    std::vector<Notice> notices;
    KeySigner signer = module->open_signer({TestEnv::get().token_label, "binh-soon"}, Secret(TestEnv::get().user_pin),
                                           false, [&](const Notice& n) { notices.push_back(n); });
    ASSERT_EQ(notices.size(), 1u);
    EXPECT_NE(notices[0].vi.find("sẽ hết hạn"), std::string::npos);
}

TEST(Token, MissingTokenOrCertificateNamesWhatIsThere) {
    auto module = test::open_test_module();
    try {
        module->open_signer({"no-such-token", "binh"}, Secret("123456"), false, {});
        FAIL();
    } catch (const Error& error) {
        EXPECT_EQ(error.code(), ErrorCode::TokenNotFound);
        EXPECT_NE(error.english().find("kyso-test"), std::string::npos) << "lists the tokens present";
    }
    EXPECT_EQ(error_code_of([&] { test::token_signer(*module, "no-such-cert"); }), ErrorCode::TokenNotFound);
    EXPECT_EQ(error_code_of([&] {
                  module->open_signer({TestEnv::get().empty_token_label, "binh"}, Secret(TestEnv::get().user_pin), false, {});
              }),
              ErrorCode::TokenNotFound);
}

TEST(Token, MissingModuleSaysHowToFixIt) {
    try {
        TokenModule module("/nonexistent/libpkcs11.so");
        FAIL();
    } catch (const Error& error) {
        EXPECT_EQ(error.code(), ErrorCode::TokenNotFound);
        EXPECT_NE(error.english().find("--module"), std::string::npos);
    }
}

// On the token kept for PIN failures: SoftHSM never locks, but it does set "count low"
// after a failure, until a correct login clears it.
TEST(Token, WrongPinIsReportedAndTheLowCountFlagIsSeen) {
    const std::string& token = TestEnv::get().pin_token_label;
    {
        auto module = test::open_test_module();
        EXPECT_EQ(error_code_of([&] { module->open_signer({token, "binh"}, Secret("999999"), false, {}); }),
                  ErrorCode::TokenPinIncorrect);
    }
    auto module = test::open_test_module();
    EXPECT_TRUE(module->token_info(token).pin_count_low) << "SoftHSM sets CKF_USER_PIN_COUNT_LOW after a failure";
    std::vector<Notice> notices;
    KeySigner signer = module->open_signer({token, "binh"}, Secret(TestEnv::get().user_pin), false,
                                           [&](const Notice& n) { notices.push_back(n); });
    EXPECT_EQ(notices.size(), 1u) << "the user is warned before typing";
}

} // namespace
} // namespace kyso
