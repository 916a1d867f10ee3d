#include "core/crypto/signer_info_check.hpp"

#include <openssl/err.h>
#include <openssl/rsa.h>

#include <algorithm>
#include <optional>

namespace kyso {
namespace {

using PkeyCtxPtr = std::unique_ptr<EVP_PKEY_CTX, ossl::Deleter<EVP_PKEY_CTX_free>>;
using AlgorPtr = std::unique_ptr<X509_ALGOR, ossl::Deleter<X509_ALGOR_free>>;

// RSASSA-PSS parameters (RFC 4055 §3.1); absent fields take the defaults SHA-1, MGF1 with
// SHA-1, salt 20, trailer 1.
struct PssParameters {
    const EVP_MD* hash = EVP_sha1();
    const EVP_MD* mgf1_hash = EVP_sha1();
    int salt_length = 20;
};

std::optional<PssParameters> pss_parameters(const X509_ALGOR* algorithm) {
    int type = V_ASN1_UNDEF;
    const void* value = nullptr;
    X509_ALGOR_get0(nullptr, &type, &value, algorithm);
    if (type != V_ASN1_SEQUENCE)
        return std::nullopt;
    std::unique_ptr<RSA_PSS_PARAMS, ossl::Deleter<RSA_PSS_PARAMS_free>> params(static_cast<RSA_PSS_PARAMS*>(
        ASN1_item_unpack(static_cast<const ASN1_STRING*>(value), ASN1_ITEM_rptr(RSA_PSS_PARAMS))));
    if (!params)
        return std::nullopt;
    PssParameters out;
    if (params->hashAlgorithm)
        out.hash = EVP_get_digestbyobj(params->hashAlgorithm->algorithm);
    if (params->maskGenAlgorithm) {
        if (OBJ_obj2nid(params->maskGenAlgorithm->algorithm) != NID_mgf1 ||
            params->maskGenAlgorithm->parameter == nullptr ||
            params->maskGenAlgorithm->parameter->type != V_ASN1_SEQUENCE)
            return std::nullopt;
        AlgorPtr mgf1_hash(static_cast<X509_ALGOR*>(
            ASN1_item_unpack(params->maskGenAlgorithm->parameter->value.sequence, ASN1_ITEM_rptr(X509_ALGOR))));
        out.mgf1_hash = mgf1_hash ? EVP_get_digestbyobj(mgf1_hash->algorithm) : nullptr;
    }
    if (params->saltLength)
        out.salt_length = static_cast<int>(ASN1_INTEGER_get(params->saltLength));
    if (!out.hash || !out.mgf1_hash || out.salt_length < 0 ||
        (params->trailerField && ASN1_INTEGER_get(params->trailerField) != 1))
        return std::nullopt;
    return out;
}

// The key type a signature algorithm is for (NID_rsaEncryption, NID_X9_62_id_ecPublicKey, ...)
// and the digest it names itself (NID_undef when, like rsaEncryption, it names none); false for
// an algorithm kyso does not know.
bool signature_algorithm_parts(int nid, int& key_nid, int& digest_nid) {
    digest_nid = NID_undef;
    if (nid == NID_rsaEncryption || nid == NID_rsassaPss) {
        key_nid = NID_rsaEncryption;
        return true;
    }
    if (nid == NID_X9_62_id_ecPublicKey) { // some signers name the key instead of ecdsa-with-SHAx
        key_nid = NID_X9_62_id_ecPublicKey;
        return true;
    }
    return nid != NID_undef && OBJ_find_sigid_algs(nid, &digest_nid, &key_nid) == 1;
}

int key_nid_of(EVP_PKEY* key) {
    switch (EVP_PKEY_get_base_id(key)) {
    case EVP_PKEY_RSA:
    case EVP_PKEY_RSA_PSS: return NID_rsaEncryption;
    case EVP_PKEY_EC: return NID_X9_62_id_ecPublicKey;
    default: return EVP_PKEY_get_base_id(key);
    }
}

// The AlgorithmIdentifiers of a CMSAlgorithmProtection attribute (RFC 6211):
// SEQUENCE { digestAlgorithm, [1] IMPLICIT signatureAlgorithm OPTIONAL, [2] macAlgorithm OPTIONAL }.
struct AlgorithmProtection {
    AlgorPtr digest, signature;
};

std::optional<AlgorithmProtection> algorithm_protection(CMS_SignerInfo* si) {
    ASN1_OBJECT* oid = OBJ_txt2obj("1.2.840.113549.1.9.52", 1);
    const ASN1_STRING* value =
        static_cast<const ASN1_STRING*>(CMS_signed_get0_data_by_OBJ(si, oid, -3, V_ASN1_SEQUENCE));
    ASN1_OBJECT_free(oid);
    if (!value)
        return std::nullopt;
    const unsigned char* p = ASN1_STRING_get0_data(value);
    long total = ASN1_STRING_length(value);
    // The SEQUENCE's content: its elements one after another.
    long length = 0;
    int tag = 0, xclass = 0;
    if (ASN1_get_object(&p, &length, &tag, &xclass, total) & 0x80 || tag != V_ASN1_SEQUENCE)
        return AlgorithmProtection{};
    const unsigned char* end = p + length;
    AlgorithmProtection out;
    out.digest.reset(d2i_X509_ALGOR(nullptr, &p, end - p));
    while (out.digest && p < end) {
        const unsigned char* element = p;
        long element_length = 0;
        if (ASN1_get_object(&p, &element_length, &tag, &xclass, end - p) & 0x80)
            break;
        if (xclass == V_ASN1_CONTEXT_SPECIFIC && tag == 1) {
            // [1] IMPLICIT: the same content under a SEQUENCE tag.
            ossl::Bytes as_sequence(element, p + element_length);
            as_sequence[0] = 0x30;
            const unsigned char* q = as_sequence.data();
            out.signature.reset(d2i_X509_ALGOR(nullptr, &q, static_cast<long>(as_sequence.size())));
        }
        p += element_length;
    }
    ERR_clear_error();
    return out;
}

bool same_algorithm(const ASN1_OBJECT* a, const ASN1_OBJECT* b) { return a && b && OBJ_cmp(a, b) == 0; }

// Are the digest and signature algorithms known and consistent, and is the content PDF data?
bool check_algorithms(CMS_ContentInfo* cms, CMS_SignerInfo* si, SignerInfoCheck& check) {
    X509_ALGOR* digest_alg = nullptr;
    X509_ALGOR* signature_alg = nullptr;
    CMS_SignerInfo_get0_algs(si, nullptr, nullptr, &digest_alg, &signature_alg);
    const ASN1_OBJECT* digest_oid = nullptr;
    const ASN1_OBJECT* signature_oid = nullptr;
    X509_ALGOR_get0(&digest_oid, nullptr, nullptr, digest_alg);
    X509_ALGOR_get0(&signature_oid, nullptr, nullptr, signature_alg);
    bool ok = true;

    check.md = EVP_get_digestbyobj(digest_oid);
    if (!check.md) {
        check.problems.push_back("unknown digest algorithm " + ossl::oid_name(digest_oid));
        ok = false;
    }
    int key_nid = NID_undef, named_digest = NID_undef;
    int signature_nid = OBJ_obj2nid(signature_oid);
    if (!signature_algorithm_parts(signature_nid, key_nid, named_digest)) {
        check.problems.push_back("unknown signature algorithm " + ossl::oid_name(signature_oid));
        return false;
    }
    if (signature_nid == NID_rsassaPss) {
        std::optional<PssParameters> pss = pss_parameters(signature_alg);
        if (!pss) {
            check.problems.push_back("unreadable RSASSA-PSS parameters");
            return false;
        }
        named_digest = EVP_MD_get_type(pss->hash);
    }
    if (check.md && named_digest != NID_undef && named_digest != EVP_MD_get_type(check.md)) {
        check.problems.push_back(std::string("digest algorithm mismatch: the SignerInfo names ") +
                                 EVP_MD_get0_name(check.md) + ", its signature algorithm " +
                                 ossl::oid_name(signature_oid));
        ok = false;
    }
    EVP_PKEY* key = check.signer ? X509_get0_pubkey(check.signer) : nullptr;
    if (check.signer && !key) {
        check.problems.push_back("the signer's certificate holds no readable public key");
        ok = false;
    } else if (key && key_nid_of(key) != key_nid) {
        check.problems.push_back("signature algorithm does not fit the signer's key: " + ossl::oid_name(signature_oid));
        ok = false;
    }
    if (std::optional<AlgorithmProtection> protection = algorithm_protection(si)) {
        bool digest_same = protection->digest && same_algorithm(protection->digest->algorithm, digest_oid);
        bool signature_same = !protection->signature || same_algorithm(protection->signature->algorithm, signature_oid);
        if (!digest_same || !signature_same) {
            check.problems.push_back("digest algorithm mismatch: the CMSAlgorithmProtection attribute names other "
                                     "algorithms than the SignerInfo");
            ok = false;
        }
    }

    // A PDF signature signs bytes of the file: eContentType id-data, and with signed attributes
    // a contentType attribute saying the same (RFC 5652 §5.3, §11.1).
    const ASN1_OBJECT* content_type = CMS_get0_eContentType(cms);
    if (OBJ_obj2nid(content_type) != NID_pkcs7_data) {
        check.problems.push_back("wrong content type: the CMS signs " + ossl::oid_name(content_type) +
                                 ", a PDF signature signs data (1.2.840.113549.1.7.1)");
        ok = false;
    }
    if (check.signed_attributes) {
        const ASN1_OBJECT* signed_type = static_cast<const ASN1_OBJECT*>(
            CMS_signed_get0_data_by_OBJ(si, OBJ_nid2obj(NID_pkcs9_contentType), -3, V_ASN1_OBJECT));
        if (!signed_type) {
            check.problems.push_back("wrong content type: the signed attributes have no contentType");
            ok = false;
        } else if (OBJ_cmp(signed_type, content_type) != 0) {
            check.problems.push_back("wrong content type: the signed contentType " + ossl::oid_name(signed_type) +
                                     " is not the content's " + ossl::oid_name(content_type));
            ok = false;
        }
    }
    return ok;
}

// Without signed attributes the signature is over the content digest itself.
bool verify_over_digest(EVP_PKEY* key, const X509_ALGOR* signature_alg, const EVP_MD* md, const ossl::Bytes& digest,
                        const ASN1_OCTET_STRING* signature) {
    PkeyCtxPtr ctx(EVP_PKEY_CTX_new(key, nullptr));
    if (!ctx || EVP_PKEY_verify_init(ctx.get()) != 1)
        return false;
    const ASN1_OBJECT* oid = nullptr;
    X509_ALGOR_get0(&oid, nullptr, nullptr, signature_alg);
    if (OBJ_obj2nid(oid) == NID_rsassaPss) {
        std::optional<PssParameters> pss = pss_parameters(signature_alg);
        if (!pss || EVP_PKEY_CTX_set_rsa_padding(ctx.get(), RSA_PKCS1_PSS_PADDING) != 1 ||
            EVP_PKEY_CTX_set_rsa_mgf1_md(ctx.get(), pss->mgf1_hash) != 1 ||
            EVP_PKEY_CTX_set_rsa_pss_saltlen(ctx.get(), pss->salt_length) != 1)
            return false;
    }
    if (EVP_PKEY_CTX_set_signature_md(ctx.get(), md) != 1)
        return false;
    return EVP_PKEY_verify(ctx.get(), ASN1_STRING_get0_data(signature), static_cast<size_t>(ASN1_STRING_length(signature)),
                           digest.data(), digest.size()) == 1;
}

} // namespace

SignerInfoCheck check_signer_info(CMS_ContentInfo* cms, CMS_SignerInfo* si, const RangeDigester& digest_ranges) {
    SignerInfoCheck check;
    X509_ALGOR* signature_alg = nullptr;
    CMS_SignerInfo_get0_algs(si, nullptr, &check.signer, nullptr, &signature_alg);
    check.signed_attributes = CMS_signed_get_attr_count(si) > 0;
    check.algorithms_ok = check_algorithms(cms, si, check);
    if (!check.signer || !check.md) {
        ERR_clear_error();
        return check;
    }
    ossl::Bytes actual = digest_ranges(check.md);

    if (check.signed_attributes) {
        const ASN1_OCTET_STRING* signed_digest = static_cast<const ASN1_OCTET_STRING*>(
            CMS_signed_get0_data_by_OBJ(si, OBJ_nid2obj(NID_pkcs9_messageDigest), -3, V_ASN1_OCTET_STRING));
        check.digest_ok = signed_digest && static_cast<size_t>(ASN1_STRING_length(signed_digest)) == actual.size() &&
                          std::equal(actual.begin(), actual.end(), ASN1_STRING_get0_data(signed_digest));
        if (!check.digest_ok)
            check.problems.push_back(signed_digest ? "the signed bytes were changed: digest does not match"
                                                   : "the signed attributes have no messageDigest");
        check.signature_ok = CMS_SignerInfo_verify(si) == 1;
        if (!check.signature_ok)
            check.problems.push_back("the CMS signature does not verify: " + ossl::drain_errors());
    } else {
        // One check for both: the signature either holds over these bytes' digest or not.
        bool holds = check.algorithms_ok && verify_over_digest(X509_get0_pubkey(check.signer), signature_alg, check.md,
                                                               actual, CMS_SignerInfo_get0_signature(si));
        check.digest_ok = check.signature_ok = holds;
        if (!holds && check.algorithms_ok)
            check.problems.push_back("the signature over the content digest (no signed attributes) does not verify: "
                                     "the signed bytes were changed or the signature is broken");
    }
    ERR_clear_error();
    return check;
}

} // namespace kyso
