#include "core/workflow/signature_form.hpp"

#include "core/workflow/verify_document.hpp"

namespace kyso {
namespace {

constexpr const char* kCadesDetached = "ETSI.CAdES.detached";

} // namespace

std::string signature_form(const SignatureVerdict& verdict) {
    if (verdict.document_timestamp)
        return {};
    if (!verdict.level.empty())
        return "PAdES " + verdict.level;
    const std::string& sub_filter = verdict.pdf.sub_filter;
    if (sub_filter == kCadesDetached)
        return std::string("CAdES (") + kCadesDetached + ")";
    return "CMS (" + (sub_filter.empty() ? std::string("?") : sub_filter) + ")";
}

std::vector<Notice> profile_notes(const SignatureVerdict& verdict) {
    std::vector<Notice> notes;
    const CmsReport& cms = verdict.cms;
    // Only an intact ETSI.CAdES.detached signature claims a baseline profile it may miss;
    // adbe.pkcs7.detached (PAdES Part 2, ISO 32000) allows signingTime, CMSAlgorithmProtection,
    // Adobe's revocation archive and the rest.
    if (verdict.document_timestamp || !cms.parsed || verdict.pdf.sub_filter != kCadesDetached || cms.pades_attributes)
        return notes;
    const std::string why_vi = " — không theo hồ sơ PAdES baseline (ETSI EN 319 142-1); chữ ký vẫn được kiểm tra đầy đủ.";
    const std::string why_en = " — not a PAdES baseline profile (ETSI EN 319 142-1); the signature is still fully checked.";
    if (!cms.signed_attributes) {
        notes.push_back({"SignerInfo không có thuộc tính được ký (chữ ký trực tiếp trên mã băm nội dung)" + why_vi,
                         "the SignerInfo has no signed attributes (the content digest is signed directly)" + why_en});
        return notes;
    }
    if (!cms.ess_signing_certificate_v2)
        notes.push_back({"thiếu thuộc tính ESS signingCertificateV2" + why_vi, "no ESS signingCertificateV2 attribute" + why_en});
    for (const std::string& attribute : cms.other_signed_attributes)
        notes.push_back({"thuộc tính được ký " + attribute + why_vi, "signed attribute " + attribute + why_en});
    return notes;
}

void describe_form(SignatureVerdict& verdict) {
    verdict.form = signature_form(verdict);
    for (Notice& note : profile_notes(verdict))
        verdict.cms.notes.push_back(std::move(note));
}

} // namespace kyso
