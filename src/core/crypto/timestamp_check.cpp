#include "core/crypto/timestamp_check.hpp"

#include <openssl/cms.h>
#include <openssl/err.h>
#include <openssl/ess.h>
#include <openssl/ts.h>
#include <openssl/x509v3.h>

#include <algorithm>
#include <ctime>

namespace kyso {
namespace {

using CertStack = ossl::CertStackPtr;
using TstInfoPtr = std::unique_ptr<TS_TST_INFO, ossl::Deleter<TS_TST_INFO_free>>;

// The signed-attribute value of `nid` as the DER of its SEQUENCE, or null.
const ASN1_STRING* signed_sequence(CMS_SignerInfo* si, int nid) {
    return static_cast<const ASN1_STRING*>(CMS_signed_get0_data_by_OBJ(si, OBJ_nid2obj(nid), -3, V_ASN1_SEQUENCE));
}

// RFC 3161 2.4.2 / RFC 5816: the token names its TSA certificate by hash in an ESS
// signing-certificate attribute (v1 or v2), so that another certificate for the same key cannot
// be substituted.
bool signing_certificate_bound(CMS_SignerInfo* si, X509* tsa) {
    ESS_SIGNING_CERT* v1 = nullptr;
    ESS_SIGNING_CERT_V2* v2 = nullptr;
    if (const ASN1_STRING* value = signed_sequence(si, NID_id_smime_aa_signingCertificate)) {
        const unsigned char* p = ASN1_STRING_get0_data(value);
        v1 = d2i_ESS_SIGNING_CERT(nullptr, &p, ASN1_STRING_length(value));
    }
    if (const ASN1_STRING* value = signed_sequence(si, NID_id_smime_aa_signingCertificateV2)) {
        const unsigned char* p = ASN1_STRING_get0_data(value);
        v2 = d2i_ESS_SIGNING_CERT_V2(nullptr, &p, ASN1_STRING_length(value));
    }
    bool bound = false;
    if (v1 || v2) {
        CertStack chain(sk_X509_new_null());
        X509_up_ref(tsa);
        sk_X509_push(chain.get(), tsa);
        bound = OSSL_ESS_check_signing_certs(v1, v2, chain.get(), 1) > 0;
    }
    ESS_SIGNING_CERT_free(v1);
    ESS_SIGNING_CERT_V2_free(v2);
    ERR_clear_error();
    return bound;
}

// RFC 3161 2.3: exactly the timeStamping purpose, in a critical extension.
bool timestamping_only(X509* tsa) {
    if (!(X509_get_extension_flags(tsa) & EXFLAG_XKUSAGE) || X509_get_extended_key_usage(tsa) != XKU_TIMESTAMP)
        return false;
    int at = X509_get_ext_by_NID(tsa, NID_ext_key_usage, -1);
    return at >= 0 && X509_EXTENSION_get_critical(X509_get_ext(tsa, at)) == 1;
}

} // namespace

CmsReport check_document_timestamp(const ossl::Bytes& token, const RangeDigester& digest_ranges,
                                   const TrustStore& trust) {
    CmsReport report;
    const unsigned char* p = token.data();
    ossl::CmsPtr cms(d2i_CMS_ContentInfo(nullptr, &p, static_cast<long>(token.size())));
    if (!cms || OBJ_obj2nid(CMS_get0_type(cms.get())) != NID_pkcs7_signed ||
        OBJ_obj2nid(CMS_get0_eContentType(cms.get())) != NID_id_smime_ct_TSTInfo) {
        report.problems.push_back("/Contents is not an RFC 3161 time-stamp token: " + ossl::drain_errors());
        return report;
    }
    ASN1_OCTET_STRING** content = CMS_get0_content(cms.get());
    TstInfoPtr info;
    if (content && *content) {
        const unsigned char* q = ASN1_STRING_get0_data(*content);
        info.reset(d2i_TS_TST_INFO(nullptr, &q, ASN1_STRING_length(*content)));
    }
    STACK_OF(CMS_SignerInfo)* infos = CMS_get0_SignerInfos(cms.get());
    if (!info || !infos || sk_CMS_SignerInfo_num(infos) != 1) {
        report.problems.push_back("the time-stamp token must hold one TSTInfo and exactly one SignerInfo");
        ERR_clear_error();
        return report;
    }
    CMS_SignerInfo* si = sk_CMS_SignerInfo_value(infos, 0);
    CertStack certs = ossl::attach_signer_certificates(cms.get());
    X509* tsa = nullptr;
    CMS_SignerInfo_get0_algs(si, nullptr, &tsa, nullptr, nullptr);
    if (!tsa) {
        report.problems.push_back("the TSA certificate is not inside the time-stamp token");
        return report;
    }
    report.parsed = true;
    describe_signer(tsa, certs.get(), report);
    report.tsa_name = report.signer_subject;
    for (int i = 0; i < sk_X509_num(certs.get()); ++i)
        report.timestamp_certificates.push_back(ossl::to_der(sk_X509_value(certs.get(), i)));
    const ASN1_GENERALIZEDTIME* gen_time = TS_TST_INFO_get_time(info.get());
    report.timestamp_time = iso8601(gen_time);
    std::optional<std::time_t> at = to_time_t(gen_time);
    report.proven_time = at;
    report.validation_time = report.timestamp_time;
    report.validation_time_proven = at.has_value();

    // 1. The message imprint: the digest of the byte ranges, with the algorithm the token names.
    TS_MSG_IMPRINT* imprint = TS_TST_INFO_get_msg_imprint(info.get());
    const ASN1_OBJECT* md_oid = nullptr;
    X509_ALGOR_get0(&md_oid, nullptr, nullptr, TS_MSG_IMPRINT_get_algo(imprint));
    const EVP_MD* md = EVP_get_digestbyobj(md_oid);
    if (!md) {
        report.problems.push_back("unknown digest algorithm in the time-stamp's message imprint");
    } else {
        report.digest_algorithm = EVP_MD_get0_name(md);
        ossl::Bytes actual = digest_ranges(md);
        const ASN1_OCTET_STRING* hashed = TS_MSG_IMPRINT_get_msg(imprint);
        report.digest_ok = static_cast<size_t>(ASN1_STRING_length(hashed)) == actual.size() &&
                           std::equal(actual.begin(), actual.end(), ASN1_STRING_get0_data(hashed));
        if (!report.digest_ok)
            report.problems.push_back("the time-stamped bytes were changed: the message imprint does not match");
    }

    // The token is its own proof of existence: its digests must have been strong at genTime.
    X509_ALGOR* signer_digest = nullptr;
    CMS_SignerInfo_get0_algs(si, nullptr, nullptr, &signer_digest, nullptr);
    std::string weak = weak_digest_reason(md, at);
    if (weak.empty() && signer_digest)
        weak = weak_digest_reason(EVP_get_digestbyobj(signer_digest->algorithm), at);
    report.digest_strong = weak.empty();
    if (!report.digest_strong)
        report.problems.push_back("the time-stamp uses " + weak);

    // 2. The TSA's signature over the TSTInfo (messageDigest and signature), bound to its certificate.
    report.signature_ok = CMS_verify(cms.get(), nullptr, nullptr, nullptr, nullptr, CMS_NO_SIGNER_CERT_VERIFY) == 1;
    if (!report.signature_ok)
        report.problems.push_back("the TSA's signature on the time-stamp does not verify: " + ossl::drain_errors());
    if (report.signature_ok && !signing_certificate_bound(si, tsa)) {
        report.signature_ok = false;
        report.problems.push_back("the time-stamp token does not bind the TSA certificate (ESS signing-certificate)");
    }
    report.pades_attributes = report.signature_ok;

    // 3. The TSA certificate: valid at genTime, for time-stamping only.
    // X509_cmp_time: -1 when the certificate's time is at or before `at`, 1 after, 0 on error.
    report.certificate_valid_at_signing_time = at && X509_cmp_time(X509_get0_notBefore(tsa), &*at) == -1 &&
                                               X509_cmp_time(X509_get0_notAfter(tsa), &*at) == 1;
    if (!report.certificate_valid_at_signing_time)
        report.problems.push_back("the TSA certificate was not valid at the time-stamp's time");
    report.key_usage_ok = timestamping_only(tsa);
    if (!report.key_usage_ok)
        report.problems.push_back("the TSA certificate lacks a critical extended key usage of timeStamping only");

    // 4. Its chain to a trust anchor at genTime, every certificate fit for time-stamping.
    ossl::StoreCtxPtr ctx(X509_STORE_CTX_new());
    if (!ctx || X509_STORE_CTX_init(ctx.get(), trust.get(), tsa, certs.get()) != 1 ||
        X509_STORE_CTX_set_purpose(ctx.get(), X509_PURPOSE_TIMESTAMP_SIGN) != 1) {
        report.problems.push_back("cannot set up the TSA chain check: " + ossl::drain_errors());
        return report;
    }
    if (at)
        X509_STORE_CTX_set_time(ctx.get(), 0, *at);
    report.chain_ok = X509_verify_cert(ctx.get()) == 1;
    report.chain_error = report.chain_ok ? 0 : X509_STORE_CTX_get_error(ctx.get());
    if (!report.chain_ok)
        report.problems.push_back(std::string("TSA chain: ") +
                                  X509_verify_cert_error_string(X509_STORE_CTX_get_error(ctx.get())));
    ERR_clear_error();
    return report;
}

} // namespace kyso
