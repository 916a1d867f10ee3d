#include "core/workflow/document_state.hpp"

#include "core/crypto/cms_check.hpp"
#include "core/pdf/form_edits.hpp"
#include "core/pdf/pdf_date.hpp"
#include "core/pdf/signature_scan.hpp"
#include "core/workflow/roles.hpp"
#include "core/workflow/verify_document.hpp"

#include <algorithm>
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

// Whether `field_name` is one of the `blocks` blocks' `field` (official or organisation). An
// unprepared file has no block fields: the first block's names still count.
bool is_block_field(const std::string& field_name, std::string (*field)(size_t), size_t blocks) {
    for (size_t i = 0; i < std::max<size_t>(blocks, 1); ++i)
        if (field_name == field(i))
            return true;
    return false;
}

} // namespace

DocumentState read_workflow_stage(const std::string& path) {
    PdfSignatureScan scan = scan_signatures(path);
    DocumentState state;
    state.blocks = block_progress(read_form_fields(path));
    auto signs_as = [&](const ScannedSignature& s, std::string (*field)(size_t)) {
        return is_block_field(s.field_name, field, state.blocks.size());
    };
    std::vector<const ScannedSignature*> officials; // in signing order
    bool organisation = false;
    for (const ScannedSignature& signature : scan.signatures) {
        if (signs_as(signature, field_names::organisation_field))
            organisation = true;
        else if (signs_as(signature, field_names::official_field))
            officials.push_back(&signature);
    }
    for (const ScannedSignature* official : officials) {
        state.official_name += (state.official_name.empty() ? "" : "; ") + official->name;
        state.official_time = vietnam_time(official->signing_time);
        for (size_t i = 0; i < state.blocks.size(); ++i)
            if (official->field_name == field_names::official_field(i))
                state.blocks[i].name = official->name;
    }
    bool every_block_sealed = std::all_of(state.blocks.begin(), state.blocks.end(),
                                          [](const BlockProgress& b) { return b.organisation_signed; });
    if (organisation && every_block_sealed)
        state.stage = WorkflowStage::Issued;
    else if (!officials.empty())
        state.stage = WorkflowStage::Signed;
    return state;
}

DocumentState read_document_state(const std::string& path, const std::vector<std::string>& trust_anchors) {
    DocumentState state = read_workflow_stage(path);
    if (state.stage != WorkflowStage::Signed)
        return state;

    // Only a file Phát hành could work on is verified, and without the revision analysis; every
    // official's signature must hold (R1 for every block of a joint document).
    VerifyReport report = verify_pdf(path, TrustStore(trust_anchors), VerifyDepth::IntegrityOnly);
    std::vector<const SignatureVerdict*> officials;
    for (const SignatureVerdict& signature : report.signatures)
        if (is_block_field(signature.pdf.field_name, field_names::official_field, state.blocks.size()))
            officials.push_back(&signature);
    state.official_valid = !officials.empty(); // none: the scan saw one the verifier did not
    for (const SignatureVerdict* official : officials) {
        const SignatureVerdict& signature = *official;
        Judgement judgement = signature.judgement();
        if (state.official_valid)
            state.official_verdict = judgement.verdict;
        if (state.official_name.empty())
            state.official_name = signature.cms.signer_name;
        if (judgement.verdict == Verdict::Valid || !state.official_valid)
            continue;
        state.official_valid = false;
        std::string who = officials.size() > 1 ? " (" + signature.cms.signer_name + ")" : "";
        state.problem_vi = std::string(verdict_vi(judgement.verdict)) + who + ": " + grounds_text(judgement, true);
        state.problem_en = std::string(verdict_en(judgement.verdict)) + who + ": " + grounds_text(judgement, false);
    }
    return state;
}

} // namespace kyso
