#include "core/workflow/document_state.hpp"

#include "core/crypto/cms_check.hpp"
#include "core/pdf/pdf_date.hpp"
#include "core/pdf/signature_scan.hpp"
#include "core/workflow/roles.hpp"
#include "core/workflow/verify_document.hpp"

#include <cstdio>
#include <ctime>
#include <optional>

namespace kyso {
namespace {

// "10:05 03/12/2026" in Vietnam time, as a văn thư reads a signing time.
std::string vietnam_time(const std::string& pdf_time) {
    std::optional<std::time_t> when = parse_pdf_date(pdf_time);
    if (!when)
        return {};
    std::time_t local = *when + kVietnamOffsetMinutes * 60;
    std::tm parts{};
    gmtime_r(&local, &parts);
    char text[64]; // room for any int, so the compiler sees no truncation
    std::snprintf(text, sizeof text, "%02d:%02d %02d/%02d/%04d", parts.tm_hour, parts.tm_min, parts.tm_mday,
                  parts.tm_mon + 1, parts.tm_year + 1900);
    return text;
}

} // namespace

DocumentState read_document_state(const std::string& path, const std::vector<std::string>& trust_anchors) {
    PdfSignatureScan scan = scan_signatures(path);
    DocumentState state;
    const ScannedSignature* official = nullptr;
    for (const ScannedSignature& signature : scan.signatures) {
        if (signature.field_name == field_names::kOrganisation)
            state.stage = WorkflowStage::Issued;
        else if (signature.field_name == field_names::kOfficial)
            official = &signature;
    }
    if (official) {
        state.official_name = official->name;
        state.official_time = vietnam_time(official->signing_time);
        if (state.stage == WorkflowStage::Draft)
            state.stage = WorkflowStage::Signed;
    }
    if (state.stage != WorkflowStage::Signed)
        return state;

    // Only the file Phát hành could work on is verified, and without the revision analysis.
    VerifyReport report = verify_pdf(path, TrustStore(trust_anchors), VerifyDepth::IntegrityOnly);
    for (const SignatureVerdict& signature : report.signatures) {
        if (signature.pdf.field_name != field_names::kOfficial)
            continue;
        Judgement judgement = signature.judgement();
        state.official_verdict = judgement.verdict;
        state.official_valid = judgement.verdict == Verdict::Valid;
        if (state.official_name.empty())
            state.official_name = signature.cms.signer_name;
        if (!state.official_valid) {
            state.problem_vi = std::string(verdict_vi(judgement.verdict)) + ": " + grounds_text(judgement, true);
            state.problem_en = std::string(verdict_en(judgement.verdict)) + ": " + grounds_text(judgement, false);
        }
    }
    return state;
}

} // namespace kyso
