#include "core/workflow/verdict.hpp"

#include "core/workflow/verify_document.hpp"

#include <openssl/x509_vfy.h>

#include <algorithm>

namespace kyso {
namespace {

const char* const kTrustAdviceVi =
    "Nếu tin cậy đơn vị cấp chứng thư, hãy thêm chứng thư CA phát hành bằng --trust (dòng lệnh) hoặc trong "
    "Cài đặt (tiện ích LibreOffice).";
const char* const kTrustAdviceEn =
    "If you trust the issuer, add the issuing CA with --trust (command line) or in Settings (LibreOffice extension).";

struct VerdictWords {
    const char* code;
    const char* vi;
    const char* en;
};

// In the order of the enum.
constexpr VerdictWords kWords[] = {
    {"valid", "HỢP LỆ", "VALID"},
    {"untrusted", "TOÀN VẸN, CHƯA XÁC THỰC ĐƯỢC NGƯỜI KÝ", "INTACT, SIGNER NOT CONFIRMED"},
    {"invalid", "KHÔNG HỢP LỆ", "NOT VALID"},
    {"unsigned", "KHÔNG CÓ CHỮ KÝ SỐ", "NO SIGNATURE"},
};

const VerdictWords& words(Verdict verdict) { return kWords[static_cast<size_t>(verdict)]; }

class Grounds {
public:
    explicit Grounds(Judgement& judgement) : judgement_(judgement) {}
    void add(Verdict verdict, const char* code, const char* vi, const char* en, const char* advice_vi = "",
             const char* advice_en = "") {
        judgement_.grounds.push_back({verdict, code, vi, en, advice_vi, advice_en});
    }

private:
    Judgement& judgement_;
};

// Validity in time. Judged at the proven time (a verified time-stamp) the certificate must have
// been valid, else the signature is invalid; judged now, a certificate that is not valid yet never
// was, while one that has expired may well have been valid when it signed: only a time-stamp could
// say, so the signer is not confirmed.
void judge_time(const CmsReport& cms, bool timestamp_token, Grounds& grounds) {
    bool chain_expired = cms.chain_error == X509_V_ERR_CERT_HAS_EXPIRED;
    bool chain_not_yet = cms.chain_error == X509_V_ERR_CERT_NOT_YET_VALID;
    // ISO 8601 UTC strings of one format compare as the times they name.
    bool signer_not_yet = !cms.certificate_valid_at_signing_time && !cms.not_before.empty() &&
                          !cms.validation_time.empty() && cms.validation_time < cms.not_before;
    bool not_yet = signer_not_yet || chain_not_yet;
    bool expired = (!cms.certificate_valid_at_signing_time && !signer_not_yet) || chain_expired;
    if (!not_yet && !expired)
        return;
    if (cms.validation_time_proven)
        grounds.add(Verdict::Invalid, "not_valid_at_proven_time",
                    timestamp_token ? "chứng thư của máy chủ dấu thời gian không có hiệu lực tại thời điểm đóng dấu"
                                    : "chứng thư không có hiệu lực tại thời điểm ký mà dấu thời gian chứng minh",
                    timestamp_token ? "the TSA certificate was not valid at the time-stamp's time"
                                    : "the certificate was not valid at the signing time the time-stamp proves");
    else if (not_yet)
        grounds.add(Verdict::Invalid, "not_yet_valid", "chứng thư chưa có hiệu lực", "the certificate is not valid yet");
    else
        grounds.add(Verdict::Untrusted, "expired_unproven",
                    "chứng thư đã hết hạn và không có dấu thời gian chứng minh chữ ký được tạo khi chứng thư còn hiệu lực",
                    "the certificate has expired and no time-stamp proves the signature was made while it was valid",
                    "Đề nghị người ký ký lại bằng chứng thư còn hiệu lực, kèm dấu thời gian (--tsa).",
                    "Ask the signer to sign again with a valid certificate and a time-stamp (--tsa).");
}

} // namespace

Judgement judge(const SignatureVerdict& s) {
    Judgement judgement;
    Grounds grounds(judgement);
    const CmsReport& cms = s.cms;
    bool token = s.document_timestamp;
    if (!s.pdf.byte_range_ok) {
        grounds.add(Verdict::Invalid, "byte_range", "vùng dữ liệu được ký (/ByteRange) không hợp lệ",
                    "the signed byte range (/ByteRange) is not sound");
    } else if (!cms.parsed) {
        grounds.add(Verdict::Invalid, "cms_unreadable",
                    token ? "không đọc được dấu thời gian tài liệu" : "không đọc được dữ liệu chữ ký (CMS)",
                    token ? "the document time-stamp cannot be read" : "the signature data (CMS) cannot be read");
    } else {
        // A form the standards forbid (or unknown algorithms) is the reason; the digest and the
        // signature could not be judged as such, so they are not named as changed or broken.
        if (!cms.form_allowed)
            grounds.add(Verdict::Invalid, "cms_form_not_allowed",
                        "dữ liệu chữ ký (CMS) có dạng mà tiêu chuẩn không cho phép hoặc kyso không biết",
                        "the signature data (CMS) has a form the standards forbid or kyso does not know");
        if (!cms.ess_ok)
            grounds.add(Verdict::Invalid, "signer_binding",
                        "thuộc tính signingCertificateV2 trỏ tới chứng thư khác chứng thư người ký",
                        "the signingCertificateV2 attribute names another certificate than the signer's");
        if (!cms.digest_ok && cms.form_allowed)
            grounds.add(Verdict::Invalid, "bytes_changed", "nội dung được ký đã bị thay đổi", "the signed bytes were changed");
        if (!cms.signature_ok && cms.form_allowed)
            grounds.add(Verdict::Invalid, "signature_broken", "chữ ký số không đúng", "the signature does not verify");
        if (cms.timestamp_broken())
            grounds.add(Verdict::Invalid, "timestamp_broken", "dấu thời gian của chữ ký bị hỏng",
                        "the signature time-stamp is broken");
        if (!cms.digest_strong)
            grounds.add(Verdict::Invalid, "weak_digest", "dùng thuật toán băm yếu", "a weak digest algorithm is used");
        if (!cms.key_usage_ok)
            grounds.add(Verdict::Invalid, "key_usage",
                        token ? "chứng thư của máy chủ dấu thời gian không dành cho đóng dấu thời gian"
                              : "chứng thư không được phép dùng để ký",
                        token ? "the TSA certificate is not for time-stamping" : "the certificate may not sign");
        if (!modifications_allowed(s.modifications))
            grounds.add(Verdict::Invalid, "forbidden_change", "văn bản bị sửa đổi không được phép sau khi ký",
                        "the document was changed in a forbidden way after signing");
        if (s.revoked)
            grounds.add(Verdict::Invalid, "revoked", "chứng thư đã bị thu hồi", "the certificate was revoked");
        judge_time(cms, token, grounds);
        bool time_error = cms.chain_error == X509_V_ERR_CERT_HAS_EXPIRED || cms.chain_error == X509_V_ERR_CERT_NOT_YET_VALID;
        if (!cms.chain_ok && !time_error)
            grounds.add(Verdict::Untrusted, "untrusted_chain",
                        token ? "chứng thư của máy chủ dấu thời gian không dẫn tới chứng thư gốc tin cậy"
                              : "chuỗi chứng thư không dẫn tới chứng thư gốc tin cậy",
                        token ? "the TSA certificate does not chain to a trust anchor"
                              : "the certificate chain reaches no trust anchor",
                        kTrustAdviceVi, kTrustAdviceEn);
        if (s.revocation == RevocationStatus::Unknown)
            grounds.add(Verdict::Untrusted, "revocation_unknown",
                        "không xác định được tình trạng thu hồi của chứng thư (OCSP trả lời \"unknown\")",
                        "the certificate's revocation status is unknown (OCSP answered \"unknown\")",
                        "Hỏi đơn vị cấp chứng thư về tình trạng của chứng thư.",
                        "Ask the issuing CA about the certificate's status.");
    }
    std::stable_partition(judgement.grounds.begin(), judgement.grounds.end(),
                          [](const VerdictGround& g) { return g.verdict == Verdict::Invalid; });
    for (const VerdictGround& g : judgement.grounds)
        judgement.verdict = std::max(judgement.verdict, g.verdict);
    return judgement;
}

Verdict file_verdict(const VerifyReport& report) {
    if (std::none_of(report.signatures.begin(), report.signatures.end(),
                     [](const SignatureVerdict& s) { return !s.document_timestamp; }))
        return Verdict::NoSignature;
    Verdict worst = Verdict::Valid;
    for (const SignatureVerdict& s : report.signatures)
        worst = std::max(worst, judge(s).verdict);
    return worst;
}

const char* verdict_code(Verdict verdict) { return words(verdict).code; }
const char* verdict_vi(Verdict verdict) { return words(verdict).vi; }
const char* verdict_en(Verdict verdict) { return words(verdict).en; }

std::string grounds_text(const Judgement& judgement, bool vietnamese) {
    std::string text;
    for (const VerdictGround& g : judgement.grounds)
        text += (text.empty() ? "" : "; ") + (vietnamese ? g.vi : g.en);
    return text;
}

} // namespace kyso
