#include "support/signers.hpp"

#include "support/test_env.hpp"

#include <openssl/x509v3.h>

namespace kyso::test {

std::unique_ptr<TokenModule> open_test_module() {
    return std::make_unique<TokenModule>(TestEnv::get().softhsm_module);
}

KeySigner token_signer(TokenModule& module, const std::string& label) {
    const TestEnv& env = TestEnv::get();
    return module.open_signer({env.token_label, label}, Secret(env.user_pin), false, {});
}

SoftwareIdentity software_identity(const std::string& common_name, bool ec, long valid_from, long valid_until,
                                   bool tsa) {
    ossl::PkeyPtr key(ec ? EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256")
                         : EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", static_cast<size_t>(2048)));
    return software_identity_for(common_name, std::move(key), valid_from, valid_until, tsa);
}

SoftwareIdentity software_identity_for(const std::string& common_name, ossl::PkeyPtr key, long valid_from,
                                       long valid_until, bool tsa) {
    ossl::X509Ptr cert(X509_new());
    X509_set_version(cert.get(), 2);
    ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), 4242);
    X509_gmtime_adj(X509_getm_notBefore(cert.get()), valid_from);
    X509_gmtime_adj(X509_getm_notAfter(cert.get()), valid_until);
    X509_NAME* name = X509_get_subject_name(cert.get());
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8, reinterpret_cast<const unsigned char*>(common_name.c_str()),
                               -1, -1, 0);
    X509_set_issuer_name(cert.get(), name);
    X509_set_pubkey(cert.get(), key.get());
    X509V3_CTX ctx;
    X509V3_set_ctx(&ctx, cert.get(), cert.get(), nullptr, nullptr, 0);
    int nid = tsa ? NID_ext_key_usage : NID_key_usage;
    if (X509_EXTENSION* ku = X509V3_EXT_conf_nid(nullptr, &ctx, nid, tsa ? "critical,timeStamping" : "critical,digitalSignature,nonRepudiation")) {
        X509_add_ext(cert.get(), ku, -1);
        X509_EXTENSION_free(ku);
    }
    X509_sign(cert.get(), key.get(), EVP_sha256());
    return {std::move(key), std::move(cert)};
}

KeySigner software_signer(const std::string& common_name, bool ec, long valid_from, long valid_until) {
    SoftwareIdentity identity = software_identity(common_name, ec, valid_from, valid_until);
    return KeySigner(std::move(identity.key), std::move(identity.certificate), {});
}

} // namespace kyso::test
