#include "core/workflow/state_line.hpp"

#include "core/pdf/pdf_date.hpp"
#include "core/workflow/roles.hpp"
#include "core/workflow/verify_document.hpp"

#include <cstdio>
#include <optional>

namespace kyso {
namespace {

// "03/12/2026", the Vietnam date of a PDF date; empty when it cannot be read.
std::string vietnam_day(const std::string& pdf_time) {
    std::optional<std::time_t> when = parse_pdf_date(pdf_time);
    if (!when)
        return {};
    CivilDate day = vietnam_date(*when);
    char text[40]; // room for any int
    std::snprintf(text, sizeof text, "%02d/%02d/%04d", day.day, day.month, day.year);
    return text;
}

// The first organisation's signature: it numbered and dated the document.
const SignatureVerdict* organisation_signature(const VerifyReport& report) {
    for (const SignatureVerdict& signature : report.signatures)
        if (signature.pdf.field_name == field_names::kOrganisation)
            return &signature;
    return nullptr;
}

void set_issued_headline(const VerifyReport& report, StateLine& line) {
    std::string number, day;
    if (const SignatureVerdict* organisation = organisation_signature(report)) {
        const std::string& reason = organisation->pdf.reason;
        if (reason.rfind(kIssueReasonPrefix, 0) == 0)
            number = reason.substr(kIssueReasonPrefix.size());
        day = vietnam_day(organisation->pdf.signing_time);
    }
    line.headline_vi = "Đã phát hành";
    line.headline_en = "Issued";
    std::string sep = ": ";
    if (!number.empty()) {
        line.headline_vi += sep + "số " + number;
        line.headline_en += sep + "No. " + number;
        sep = ", ";
    }
    if (!day.empty()) {
        line.headline_vi += sep + "ngày " + day;
        line.headline_en += sep + "dated " + day;
    }
}

// "HỢP LỆ", or "KHÔNG HỢP LỆ — Nguyễn Thanh Bình: the signed bytes changed" with every
// signature at the file's verdict and its grounds.
void set_verdict_detail(const VerifyReport& report, StateLine& line) {
    line.detail_vi = std::string("Chữ ký số: ") + verdict_vi(line.verdict);
    line.detail_en = std::string("Signatures: ") + verdict_en(line.verdict);
    if (line.verdict == Verdict::Valid || line.verdict == Verdict::NoSignature)
        return;
    std::string why_vi, why_en;
    for (const SignatureVerdict& signature : report.signatures) {
        Judgement judgement = signature.judgement();
        if (judgement.verdict != line.verdict)
            continue;
        std::string who = signature.document_timestamp ? signature.cms.signer_name
                          : signature.pdf.name.empty() ? signature.cms.signer_name
                                                       : signature.pdf.name;
        why_vi += (why_vi.empty() ? "" : "; ") + who + ": " + grounds_text(judgement, true);
        why_en += (why_en.empty() ? "" : "; ") + who + ": " + grounds_text(judgement, false);
    }
    line.detail_vi += " — " + why_vi;
    line.detail_en += " — " + why_en;
}

} // namespace

StateLine read_state_line(const std::string& path, const std::vector<std::string>& trust_anchors,
                          const ProgressSink& progress) {
    DocumentState state = read_workflow_stage(path); // verified once, fully, just below
    VerifyReport report = verify_pdf(path, TrustStore(trust_anchors), VerifyDepth::Full, progress);
    StateLine line;
    line.stage = state.stage;
    line.verdict = report.verdict();
    std::string signer = state.official_name.empty() ? "?" : state.official_name;
    if (!state.official_time.empty())
        signer += ", " + state.official_time;
    switch (state.stage) {
    case WorkflowStage::Draft:
        if (report.signatures.empty()) {
            line.headline_vi = "Dự thảo";
            line.headline_en = "Draft";
            line.detail_vi = "chưa có chữ ký số";
            line.detail_en = "not signed yet";
            return line;
        }
        // Signed, but not in kyso's fields: not a step of this workflow, yet not a draft either.
        line.headline_vi = "Tệp PDF có " + std::to_string(report.signatures.size()) + " chữ ký số ngoài quy trình kyso";
        line.headline_en = "A PDF with " + std::to_string(report.signatures.size()) + " signature(s) outside kyso's workflow";
        break;
    case WorkflowStage::Signed:
        line.headline_vi = "Đã ký: " + signer;
        line.headline_en = "Signed: " + signer;
        break;
    case WorkflowStage::Issued:
        set_issued_headline(report, line);
        break;
    }
    set_verdict_detail(report, line);
    return line;
}

} // namespace kyso
