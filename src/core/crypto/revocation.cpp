#include "core/crypto/revocation.hpp"

#include "core/crypto/cms_check.hpp"
#include "core/crypto/http_fetch.hpp"
#include "core/error.hpp"

#include <openssl/err.h>
#include <openssl/ocsp.h>
#include <openssl/x509v3.h>

namespace kyso {
namespace {

using OcspRequestPtr = std::unique_ptr<OCSP_REQUEST, ossl::Deleter<OCSP_REQUEST_free>>;
using OcspResponsePtr = std::unique_ptr<OCSP_RESPONSE, ossl::Deleter<OCSP_RESPONSE_free>>;
using OcspBasicPtr = std::unique_ptr<OCSP_BASICRESP, ossl::Deleter<OCSP_BASICRESP_free>>;
using OcspIdPtr = std::unique_ptr<OCSP_CERTID, ossl::Deleter<OCSP_CERTID_free>>;
using CrlPtr = std::unique_ptr<X509_CRL, ossl::Deleter<X509_CRL_free>>;

const HttpService kOcspService{"máy chủ OCSP", "OCSP responder"};
const HttpService kCrlService{"máy chủ danh sách thu hồi (CRL)", "CRL server"};
constexpr long kClockSkewSeconds = 300;

struct Verdict {
    bool speaks = false; ///< the evidence is about this certificate and verifies
    RevocationStatus status = RevocationStatus::Unknown;
    std::string detail;
};

std::string subject_of(const X509* cert) { return ossl::name_to_string(X509_get_subject_name(cert)); }

// An OCSP response about `cert`: successful, signed by the issuer or a delegated responder
// that chains to `trust`, with a single response for this certificate.
Verdict judge_ocsp(const ossl::Bytes& der, X509* cert, X509* issuer, X509_STORE* trust, OCSP_REQUEST* request) {
    Verdict verdict;
    const unsigned char* p = der.data();
    OcspResponsePtr response(d2i_OCSP_RESPONSE(nullptr, &p, static_cast<long>(der.size())));
    if (!response || OCSP_response_status(response.get()) != OCSP_RESPONSE_STATUS_SUCCESSFUL) {
        verdict.detail = "OCSP response unreadable or not successful";
        return verdict;
    }
    OcspBasicPtr basic(OCSP_response_get1_basic(response.get()));
    if (!basic) {
        verdict.detail = "OCSP response without a basic response";
        return verdict;
    }
    if (request && OCSP_check_nonce(request, basic.get()) <= 0) {
        verdict.detail = "OCSP nonce does not match the request";
        return verdict;
    }
    STACK_OF(X509)* untrusted = sk_X509_new_null();
    sk_X509_push(untrusted, issuer);
    int verified = OCSP_basic_verify(basic.get(), untrusted, trust, 0);
    sk_X509_free(untrusted);
    if (verified <= 0) {
        verdict.detail = "OCSP response signature does not verify: " + ossl::drain_errors();
        return verdict;
    }
    OcspIdPtr id(OCSP_cert_to_id(EVP_sha1(), cert, issuer));
    int status = -1, reason = -1;
    ASN1_GENERALIZEDTIME *revoked_at = nullptr, *this_update = nullptr, *next_update = nullptr;
    if (!id || OCSP_resp_find_status(basic.get(), id.get(), &status, &reason, &revoked_at, &this_update,
                                     &next_update) != 1) {
        verdict.detail = "OCSP response is about another certificate";
        return verdict;
    }
    // A fresh answer is required when fetching; embedded ones are judged as of when they were made.
    if (request && OCSP_check_validity(this_update, next_update, kClockSkewSeconds, -1) != 1) {
        verdict.detail = "OCSP response is not current: " + ossl::drain_errors();
        return verdict;
    }
    verdict.speaks = true;
    if (status == V_OCSP_CERTSTATUS_GOOD) {
        verdict.status = RevocationStatus::Good;
        verdict.detail = "OCSP good (" + iso8601(this_update) + ")";
    } else if (status == V_OCSP_CERTSTATUS_REVOKED) {
        verdict.status = RevocationStatus::Revoked;
        verdict.detail = "OCSP: revoked since " + iso8601(revoked_at);
    } else {
        verdict.detail = "OCSP: status unknown";
    }
    return verdict;
}

// A CRL issued and signed by `issuer`.
Verdict judge_crl(const ossl::Bytes& der, X509* cert, X509* issuer) {
    Verdict verdict;
    const unsigned char* p = der.data();
    CrlPtr crl(d2i_X509_CRL(nullptr, &p, static_cast<long>(der.size())));
    if (!crl) {
        verdict.detail = "CRL unreadable";
        return verdict;
    }
    if (X509_NAME_cmp(X509_CRL_get_issuer(crl.get()), X509_get_subject_name(issuer)) != 0) {
        verdict.detail = "CRL from another issuer";
        return verdict;
    }
    if (X509_CRL_verify(crl.get(), X509_get0_pubkey(issuer)) != 1) {
        verdict.detail = "CRL signature does not verify";
        ERR_clear_error();
        return verdict;
    }
    verdict.speaks = true;
    X509_REVOKED* entry = nullptr;
    if (X509_CRL_get0_by_cert(crl.get(), &entry, cert) == 1) {
        verdict.status = RevocationStatus::Revoked;
        verdict.detail = "CRL: revoked since " + iso8601(X509_REVOKED_get0_revocationDate(entry));
    } else {
        verdict.status = RevocationStatus::Good;
        verdict.detail = "CRL: not listed (" + iso8601(X509_CRL_get0_lastUpdate(crl.get())) + ")";
    }
    return verdict;
}

std::vector<std::string> ocsp_urls(X509* cert) {
    std::vector<std::string> urls;
    STACK_OF(OPENSSL_STRING)* list = X509_get1_ocsp(cert);
    for (int i = 0; i < sk_OPENSSL_STRING_num(list); ++i)
        urls.emplace_back(sk_OPENSSL_STRING_value(list, i));
    X509_email_free(list);
    return urls;
}

std::vector<std::string> crl_urls(X509* cert) {
    std::vector<std::string> urls;
    auto* points = static_cast<STACK_OF(DIST_POINT)*>(X509_get_ext_d2i(cert, NID_crl_distribution_points, nullptr, nullptr));
    for (int i = 0; i < sk_DIST_POINT_num(points); ++i) {
        DIST_POINT* point = sk_DIST_POINT_value(points, i);
        if (!point->distpoint || point->distpoint->type != 0)
            continue;
        GENERAL_NAMES* names = point->distpoint->name.fullname;
        for (int j = 0; j < sk_GENERAL_NAME_num(names); ++j) {
            GENERAL_NAME* name = sk_GENERAL_NAME_value(names, j);
            if (name->type == GEN_URI)
                urls.emplace_back(reinterpret_cast<const char*>(ASN1_STRING_get0_data(name->d.uniformResourceIdentifier)),
                                  ASN1_STRING_length(name->d.uniformResourceIdentifier));
        }
    }
    sk_DIST_POINT_pop_free(points, DIST_POINT_free);
    return urls;
}

[[noreturn]] void revoked(X509* cert, const std::string& detail) {
    throw Error(ErrorCode::CertificateRejected,
                "Chứng thư \"" + subject_of(cert) + "\" đã bị thu hồi (" + detail +
                    "); không thể bổ sung dữ liệu xác thực dài hạn cho chữ ký dùng chứng thư này.",
                "The certificate \"" + subject_of(cert) + "\" has been revoked (" + detail +
                    "); long-term validation data cannot be added for a signature made with it.");
}

} // namespace

RevocationEvidence fetch_revocation(X509* cert, X509* issuer, X509_STORE* trust, int timeout_seconds) {
    std::string failures;
    for (const std::string& url : ocsp_urls(cert)) {
        OcspRequestPtr request(OCSP_REQUEST_new());
        OCSP_CERTID* id = OCSP_cert_to_id(EVP_sha1(), cert, issuer);
        if (!request || !id || !OCSP_request_add0_id(request.get(), id) ||
            OCSP_request_add1_nonce(request.get(), nullptr, -1) != 1)
            throw Error(ErrorCode::Internal, "Không tạo được yêu cầu OCSP.", "Cannot build the OCSP request.",
                        ossl::drain_errors());
        unsigned char* der = nullptr;
        int len = i2d_OCSP_REQUEST(request.get(), &der);
        ossl::Bytes body(der, der + std::max(len, 0));
        OPENSSL_free(der);
        try {
            ossl::Bytes answer = http_exchange(url, &body, "application/ocsp-request", "application/ocsp-response",
                                               timeout_seconds, kOcspService);
            Verdict verdict = judge_ocsp(answer, cert, issuer, trust, request.get());
            if (verdict.status == RevocationStatus::Revoked)
                revoked(cert, verdict.detail);
            if (verdict.status == RevocationStatus::Good)
                return {std::move(answer), true, url};
            failures += url + ": " + verdict.detail + "; ";
        } catch (const Error& error) {
            if (error.code() == ErrorCode::CertificateRejected)
                throw;
            failures += url + ": " + error.english() + " " + error.cause() + "; ";
        }
    }
    for (const std::string& url : crl_urls(cert)) {
        try {
            ossl::Bytes answer = http_exchange(url, nullptr, nullptr, nullptr, timeout_seconds, kCrlService);
            Verdict verdict = judge_crl(answer, cert, issuer);
            if (verdict.status == RevocationStatus::Revoked)
                revoked(cert, verdict.detail);
            if (verdict.status == RevocationStatus::Good)
                return {std::move(answer), false, url};
            failures += url + ": " + verdict.detail + "; ";
        } catch (const Error& error) {
            if (error.code() == ErrorCode::CertificateRejected)
                throw;
            failures += url + ": " + error.english() + " " + error.cause() + "; ";
        }
    }
    if (failures.empty())
        failures = "the certificate names no OCSP responder and no CRL distribution point";
    throw Error(ErrorCode::SigningFailed,
                "Không lấy được thông tin thu hồi (OCSP/CRL) cho chứng thư \"" + subject_of(cert) +
                    "\": máy chủ không trả lời hoặc trả lời không dùng được. Tệp kết quả không được ghi.",
                "Could not obtain revocation data (OCSP/CRL) for \"" + subject_of(cert) +
                    "\": the services did not answer usefully. No output was written.",
                failures);
}

RevocationStatus revocation_status_offline(X509* cert, X509* issuer, const std::vector<ossl::Bytes>& ocsps,
                                           const std::vector<ossl::Bytes>& crls, X509_STORE* trust,
                                           std::string& detail) {
    for (const ossl::Bytes& der : ocsps) {
        Verdict verdict = judge_ocsp(der, cert, issuer, trust, nullptr);
        if (verdict.speaks) {
            detail = verdict.detail;
            return verdict.status;
        }
    }
    for (const ossl::Bytes& der : crls) {
        Verdict verdict = judge_crl(der, cert, issuer);
        if (verdict.speaks) {
            detail = verdict.detail;
            return verdict.status;
        }
    }
    ERR_clear_error();
    detail = "no embedded OCSP response or CRL for this certificate";
    return RevocationStatus::NotFound;
}

} // namespace kyso
