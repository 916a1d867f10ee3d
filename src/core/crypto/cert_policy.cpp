#include "core/crypto/cert_policy.hpp"

#include "core/crypto/cms_check.hpp"
#include "core/crypto/ossl.hpp"
#include "core/error.hpp"

#include <openssl/x509v3.h>

namespace kyso {

void require_signing_certificate(const X509* cert, std::time_t now, const NoticeSink& notices) {
    X509* x = const_cast<X509*>(cert); // OpenSSL's getters are not const-correct
    std::string who = ossl::common_name(X509_get_subject_name(x));
    std::string until = iso8601(X509_get0_notAfter(x)).substr(0, 10);
    std::string from = iso8601(X509_get0_notBefore(x)).substr(0, 10);
    if (X509_cmp_time(X509_get0_notAfter(x), &now) < 0)
        throw Error(ErrorCode::CertificateRejected,
                    "Chứng thư số của \"" + who + "\" đã hết hạn từ " + until +
                        ". Cần làm thủ tục gia hạn hoặc cấp mới chứng thư số.",
                    "The certificate of \"" + who + "\" expired on " + until +
                        ". It must be renewed before signing.");
    if (X509_cmp_time(X509_get0_notBefore(x), &now) > 0)
        throw Error(ErrorCode::CertificateRejected,
                    "Chứng thư số của \"" + who + "\" chưa có hiệu lực (từ " + from + ").",
                    "The certificate of \"" + who + "\" is not valid yet (from " + from + ").");
    if (X509_check_ca(x) != 0)
        throw Error(ErrorCode::CertificateRejected,
                    "Chứng thư số \"" + who + "\" là của tổ chức cấp chứng thư, không dùng để ký văn bản.",
                    "\"" + who + "\" is a CA certificate, not one for signing documents.");
    if ((X509_get_extension_flags(x) & EXFLAG_KUSAGE) &&
        !(X509_get_key_usage(x) & (KU_DIGITAL_SIGNATURE | KU_NON_REPUDIATION)))
        throw Error(ErrorCode::CertificateRejected,
                    "Chứng thư số của \"" + who + "\" không được phép dùng để ký số (thiếu digitalSignature/nonRepudiation).",
                    "The certificate of \"" + who + "\" may not be used for signatures (no digitalSignature/nonRepudiation key usage).");
    std::time_t soon = now + static_cast<std::time_t>(kExpiryWarningDays) * 24 * 3600;
    if (notices && X509_cmp_time(X509_get0_notAfter(x), &soon) < 0)
        notices({"Chứng thư số của \"" + who + "\" sẽ hết hạn ngày " + until +
                     ". Hãy làm thủ tục gia hạn sớm.",
                 "The certificate of \"" + who + "\" expires on " + until + ". Request its renewal soon."});
}

} // namespace kyso
