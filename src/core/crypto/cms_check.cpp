#include "core/crypto/cms_check.hpp"

#include "core/crypto/pades_cms.hpp"
#include "core/crypto/timestamp_check.hpp"
#include "core/error.hpp"

#include <openssl/err.h>
#include <openssl/ess.h>
#include <openssl/ts.h>
#include <openssl/x509v3.h>

#include <algorithm>

namespace kyso {
namespace {

using CertStack = ossl::CertStackPtr;

// Records which signed attributes the SignerInfo carries (the caller judges them against its
// profile) and checks an ESS signingCertificateV2 against the signer: one that names another
// certificate breaks the signature's binding to its signer.
void check_attributes(CMS_SignerInfo* si, X509* signer, CmsReport& report) {
    int count = CMS_signed_get_attr_count(si);
    report.signed_attributes = count > 0;
    bool content_type = false, message_digest = false;
    for (int i = 0; i < count; ++i) {
        X509_ATTRIBUTE* attr = CMS_signed_get_attr(si, i);
        int nid = OBJ_obj2nid(X509_ATTRIBUTE_get0_object(attr));
        if (nid == NID_pkcs9_contentType)
            content_type = true;
        else if (nid == NID_pkcs9_messageDigest)
            message_digest = true;
        else if (nid == NID_id_smime_aa_signingCertificateV2)
            report.ess_signing_certificate_v2 = true;
        else
            report.other_signed_attributes.push_back(ossl::oid_name(X509_ATTRIBUTE_get0_object(attr)));
    }
    if (report.ess_signing_certificate_v2) {
        bool cert_hash_ok = false;
        ASN1_STRING* value = static_cast<ASN1_STRING*>(CMS_signed_get0_data_by_OBJ(
            si, OBJ_nid2obj(NID_id_smime_aa_signingCertificateV2), -3, V_ASN1_SEQUENCE));
        if (value) {
            const unsigned char* p = ASN1_STRING_get0_data(value);
            ESS_SIGNING_CERT_V2* ss = d2i_ESS_SIGNING_CERT_V2(nullptr, &p, ASN1_STRING_length(value));
            if (ss) {
                CertStack chain(sk_X509_new_null());
                X509_up_ref(signer);
                sk_X509_push(chain.get(), signer);
                cert_hash_ok = OSSL_ESS_check_signing_certs(nullptr, ss, chain.get(), 1) > 0;
                ESS_SIGNING_CERT_V2_free(ss);
            }
            ERR_clear_error();
        }
        report.ess_ok = cert_hash_ok;
        if (!cert_hash_ok)
            report.problems.push_back("signingCertificateV2 does not match the signer certificate");
    }
    report.pades_attributes = content_type && message_digest && report.ess_signing_certificate_v2 && report.ess_ok &&
                              report.other_signed_attributes.empty();
}

void check_certificate(X509* signer, std::time_t at, CmsReport& report) {
    bool started = X509_cmp_time(X509_get0_notBefore(signer), &at) <= 0;
    bool ended = X509_cmp_time(X509_get0_notAfter(signer), &at) < 0;
    report.certificate_valid_at_signing_time = started && !ended;
    const char* when = report.validation_time_proven ? "at the time-stamp's time" : "now (no time-stamp proves an earlier time)";
    if (!started)
        report.problems.push_back(std::string("certificate not yet valid ") + when);
    if (ended)
        report.problems.push_back(std::string("certificate expired ") + when);

    uint32_t flags = X509_get_extension_flags(signer);
    if (!(flags & EXFLAG_KUSAGE))
        report.key_usage_ok = true; // no keyUsage extension: any use allowed
    else
        report.key_usage_ok = (X509_get_key_usage(signer) & (KU_DIGITAL_SIGNATURE | KU_NON_REPUDIATION)) != 0;
    if (!report.key_usage_ok)
        report.problems.push_back("certificate key usage allows neither digitalSignature nor nonRepudiation");
}

void check_chain(X509* signer, CertStack& certs, const TrustStore& trust, std::time_t at, CmsReport& report) {
    ossl::StoreCtxPtr ctx(X509_STORE_CTX_new());
    if (!ctx || X509_STORE_CTX_init(ctx.get(), trust.get(), signer, certs.get()) != 1) {
        report.problems.push_back("cannot set up chain check: " + ossl::drain_errors());
        return;
    }
    X509_STORE_CTX_set_time(ctx.get(), 0, at);
    report.chain_ok = X509_verify_cert(ctx.get()) == 1;
    report.chain_error = report.chain_ok ? 0 : X509_STORE_CTX_get_error(ctx.get());
    if (!report.chain_ok)
        report.problems.push_back(std::string("chain: ") +
                                  X509_verify_cert_error_string(X509_STORE_CTX_get_error(ctx.get())));
    ERR_clear_error();
}

// 1 January 2017 00:00 UTC: from then on SHA-1 no longer protects a new signature.
constexpr std::time_t kSha1Sunset = 1483228800;

// PAdES B-T: the signature-time-stamp token must be over this SignerInfo's signature value. It is
// judged exactly as a document time-stamp is (one RFC 3161 policy); returns its genTime, the
// proven time, when it verifies.
std::optional<std::time_t> check_timestamp(CMS_SignerInfo* si, const TrustStore& trust, CmsReport& report) {
    ASN1_OBJECT* tst_oid = OBJ_txt2obj(kOidSignatureTimeStampToken, 1);
    const ASN1_STRING* value =
        static_cast<const ASN1_STRING*>(CMS_unsigned_get0_data_by_OBJ(si, tst_oid, -3, V_ASN1_SEQUENCE));
    ASN1_OBJECT_free(tst_oid);
    if (!value)
        return std::nullopt;
    report.has_timestamp = true;
    const unsigned char* data = ASN1_STRING_get0_data(value);
    ossl::Bytes token(data, data + ASN1_STRING_length(value));
    const ASN1_OCTET_STRING* signature = CMS_SignerInfo_get0_signature(si);
    RangeDigester digest_signature = [signature](const EVP_MD* md) {
        ossl::Bytes out(EVP_MAX_MD_SIZE);
        unsigned int size = 0;
        EVP_Digest(ASN1_STRING_get0_data(signature), static_cast<size_t>(ASN1_STRING_length(signature)), out.data(),
                   &size, md, nullptr);
        out.resize(size);
        return out;
    };
    CmsReport stamp = check_document_timestamp(token, digest_signature, trust);
    report.timestamp_time = stamp.timestamp_time;
    report.tsa_name = stamp.tsa_name;
    report.timestamp_certificates = stamp.timestamp_certificates;
    report.timestamp_ok = stamp.valid();
    report.timestamp_intact = stamp.parsed && stamp.digest_ok && stamp.signature_ok && stamp.digest_strong;
    if (!report.timestamp_ok)
        for (const std::string& problem : stamp.problems)
            report.problems.push_back("signature time-stamp: " + problem);
    return report.timestamp_ok ? stamp.proven_time : std::nullopt;
}

// Every other SignerInfo whose certificate the CMS carries is a signature over the same bytes and
// must hold too; one naming an absent certificate cannot be checked, and says so.
void check_other_signer_infos(const std::vector<SignerInfoCheck>& checks, size_t chosen, CmsReport& report) {
    const std::string count = std::to_string(checks.size());
    if (checks.size() > 1)
        report.notes.push_back({"CMS có " + count + " SignerInfo; SignerInfo " + std::to_string(chosen + 1) +
                                    " (" + report.signer_name + ") là chữ ký được kiểm tra.",
                                "The CMS holds " + count + " SignerInfos; SignerInfo " + std::to_string(chosen + 1) +
                                    " (" + report.signer_name + ") is the signature checked."});
    for (size_t i = 0; i < checks.size(); ++i) {
        if (i == chosen)
            continue;
        const std::string which = "SignerInfo " + std::to_string(i + 1) + " of " + count;
        if (!checks[i].signer) {
            report.notes.push_back({"SignerInfo " + std::to_string(i + 1) + " trỏ tới một chứng thư không có trong CMS: "
                                        "không kiểm tra được.",
                                    which + " names a certificate the CMS does not carry: not checked."});
            continue;
        }
        if (checks[i].verified())
            continue;
        report.signature_ok = false;
        std::string why;
        for (const std::string& problem : checks[i].problems)
            why += (why.empty() ? "" : "; ") + problem;
        report.problems.push_back("another signer of the CMS does not verify: " + which + " (" +
                                  ossl::common_name(X509_get_subject_name(checks[i].signer)) + "): " + why);
    }
}

} // namespace

std::optional<std::time_t> to_time_t(const ASN1_TIME* time) {
    struct tm parts {};
    if (!time || ASN1_TIME_to_tm(time, &parts) != 1)
        return std::nullopt;
    return timegm(&parts);
}

std::string weak_digest_reason(const EVP_MD* md, std::optional<std::time_t> proven_time) {
    if (!md)
        return {};
    int type = EVP_MD_get_type(md);
    if (type == NID_md5 || type == NID_md5_sha1 || type == NID_md4 || type == NID_md2)
        return std::string(EVP_MD_get0_name(md)) + ", a broken digest that never protects a signature";
    if (type == NID_sha1 && !(proven_time && *proven_time < kSha1Sunset))
        return "SHA1, a digest accepted only with a proof of existence from before 2017";
    return {};
}

TrustStore::TrustStore(const std::vector<std::string>& pem_files)
    : store_(X509_STORE_new()), from_files_(!pem_files.empty()) {
    if (pem_files.empty()) {
        X509_STORE_set_default_paths(store_.get());
        ERR_clear_error();
        return;
    }
    for (const std::string& file : pem_files)
        for (ossl::X509Ptr& cert : ossl::read_pem_certificates(file))
            X509_STORE_add_cert(store_.get(), cert.get());
}

TrustStore TrustStore::none() { return TrustStore(NoAnchors{}); }

std::string iso8601(const ASN1_TIME* time) {
    struct tm parts {};
    if (ASN1_TIME_to_tm(time, &parts) != 1)
        return {};
    char buffer[32];
    std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &parts);
    return buffer;
}

void describe_signer(X509* signer, const STACK_OF(X509) * carried, CmsReport& report) {
    report.signer_subject = ossl::name_to_string(X509_get_subject_name(signer));
    report.signer_name = ossl::common_name(X509_get_subject_name(signer));
    report.signer_serial = ossl::serial_hex(signer);
    report.not_before = iso8601(X509_get0_notBefore(signer));
    report.not_after = iso8601(X509_get0_notAfter(signer));
    report.certificates.push_back(ossl::to_der(signer));
    for (int i = 0; i < sk_X509_num(carried); ++i)
        if (X509_cmp(sk_X509_value(carried, i), signer) != 0)
            report.certificates.push_back(ossl::to_der(sk_X509_value(carried, i)));
}

CmsReport check_cms(const ossl::Bytes& cms_der, const RangeDigester& digest_ranges,
                    const TrustStore& trust, std::optional<std::time_t> signing_time,
                    std::optional<std::time_t> covering_proof) {
    CmsReport report;
    const unsigned char* p = cms_der.data();
    ossl::CmsPtr cms(d2i_CMS_ContentInfo(nullptr, &p, static_cast<long>(cms_der.size())));
    if (!cms || OBJ_obj2nid(CMS_get0_type(cms.get())) != NID_pkcs7_signed) {
        report.problems.push_back("/Contents is not a CMS SignedData: " + ossl::drain_errors());
        return report;
    }
    // A PDF signature is detached: the signed bytes are the file's, never inside the CMS.
    ASN1_OCTET_STRING** content = CMS_get0_content(cms.get());
    if (content && *content) {
        report.form_allowed = false;
        report.problems.push_back("the CMS carries encapsulated content: a PDF signature must be detached");
    }
    STACK_OF(CMS_SignerInfo)* infos = CMS_get0_SignerInfos(cms.get());
    report.signer_infos = infos ? static_cast<size_t>(sk_CMS_SignerInfo_num(infos)) : 0;
    if (report.signer_infos == 0) {
        report.problems.push_back("the CMS holds no SignerInfo");
        return report;
    }
    CertStack certs = ossl::attach_signer_certificates(cms.get());
    std::vector<SignerInfoCheck> checks;
    for (size_t i = 0; i < report.signer_infos; ++i)
        checks.push_back(check_signer_info(cms.get(), sk_CMS_SignerInfo_value(infos, static_cast<int>(i)), digest_ranges));
    // The signature is the first SignerInfo that verifies, else the first whose certificate is here.
    auto chosen = std::find_if(checks.begin(), checks.end(), [](const SignerInfoCheck& c) { return c.signer && c.verified(); });
    if (chosen == checks.end())
        chosen = std::find_if(checks.begin(), checks.end(), [](const SignerInfoCheck& c) { return c.signer != nullptr; });
    if (chosen == checks.end()) {
        report.problems.push_back("the signer's certificate is not inside the CMS");
        for (const std::string& problem : checks.front().problems)
            report.problems.push_back(problem);
        return report;
    }
    size_t index = static_cast<size_t>(chosen - checks.begin());
    report.signer_info_index = index + 1;
    CMS_SignerInfo* si = sk_CMS_SignerInfo_value(infos, static_cast<int>(index));
    X509* signer = chosen->signer;
    const EVP_MD* md = chosen->md;
    report.parsed = true;
    describe_signer(signer, certs.get(), report);
    if (md)
        report.digest_algorithm = EVP_MD_get0_name(md);

    // 1-2. The digest of the byte ranges and the signature, with the algorithms they name.
    report.form_allowed = report.form_allowed && chosen->algorithms_ok;
    report.digest_ok = chosen->algorithms_ok && chosen->digest_ok;
    report.signature_ok = chosen->algorithms_ok && chosen->signature_ok;
    report.problems.insert(report.problems.end(), chosen->problems.begin(), chosen->problems.end());
    check_other_signer_infos(checks, index, report);

    check_attributes(si, signer, report);

    // 3. The validation time: the earliest proof of existence — the signature's own time-stamp or
    // a document time-stamp over it — else now. /M is the signer's claim; a claim later than the
    // proof is flagged.
    std::optional<std::time_t> proven = check_timestamp(si, trust, report);
    if (covering_proof && (!proven || *covering_proof < *proven)) {
        proven = covering_proof;
        report.proven_by_document_timestamp = true;
        report.notes.push_back({"Chữ ký được kiểm tra tại thời điểm của dấu thời gian tài liệu phủ lên nó (bằng chứng "
                                "chữ ký đã tồn tại lúc đó).",
                                "The signature is judged at the time of a document time-stamp over it (the proof "
                                "that it existed then)."});
    }
    report.proven_time = proven;
    report.validation_time_proven = proven.has_value();
    std::time_t at = proven.value_or(std::time(nullptr));
    std::unique_ptr<ASN1_TIME, ossl::Deleter<ASN1_TIME_free>> at_asn1(ASN1_TIME_set(nullptr, at));
    report.validation_time = iso8601(at_asn1.get());
    if (proven && signing_time && *signing_time > *proven)
        report.problems.push_back("the signing time /M is later than the time-stamp that proves the signature existed");

    // 4. Digest strength at that time, in the SignerInfo's digest and signature algorithms.
    std::string weak = weak_digest_reason(md, proven);
    X509_ALGOR* signature_alg = nullptr;
    CMS_SignerInfo_get0_algs(si, nullptr, nullptr, nullptr, &signature_alg);
    int signature_digest = NID_undef;
    if (weak.empty() && signature_alg &&
        OBJ_find_sigid_algs(OBJ_obj2nid(signature_alg->algorithm), &signature_digest, nullptr) == 1)
        weak = weak_digest_reason(EVP_get_digestbynid(signature_digest), proven);
    report.digest_strong = weak.empty();
    if (!report.digest_strong)
        report.problems.push_back("the signature uses " + weak);

    check_certificate(signer, at, report);
    check_chain(signer, certs, trust, at, report);
    return report;
}

} // namespace kyso
