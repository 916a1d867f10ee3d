// Where a PDF stands in the regulation's workflow, read quickly enough for a toolbar asking on
// every window switch: a draft (no signature), signed by the official (and whether that
// signature holds), or issued (the organisation's signature is there). The signatures are
// scanned; only a signed-not-yet-issued file is verified, and then without the revision-by-
// revision analysis (Phát hành does the full verification before it signs).
#pragma once

#include "core/workflow/block_offers.hpp"
#include "core/workflow/verdict.hpp"

#include <string>
#include <vector>

namespace kyso {

/// Draft: no official has signed. Signed: an official has, and some block still waits for its
/// organisation (a joint document part-issued is Signed). Issued: every block is sealed.
enum class WorkflowStage { Draft, Signed, Issued };

struct DocumentState {
    WorkflowStage stage = WorkflowStage::Draft;
    std::string official_name;   ///< the official's name (signature dictionary /Name, else the certificate's CN);
                                 ///< a joint document's signed officials, joined by "; "
    std::string official_time;   ///< "10:05 03/12/2026" (Vietnam time); empty when /M is missing
    /// One per signer block of a prepared document (a joint document has several), from its
    /// fields; empty for an unprepared PDF. Names are those of the signatures, when signed.
    std::vector<BlockProgress> blocks;
    /// Signed only: every official signature is intact and its signer confirmed (Verdict::Valid
    /// without the later-revision analysis); with why not (the first that is not) in both languages.
    bool official_valid = false;
    Verdict official_verdict = Verdict::NoSignature;
    std::string problem_vi, problem_en;
};

/// Where the PDF at `path` stands in the workflow from its fields and signatures alone: stage,
/// blocks, the officials' names and time; nothing is verified (official_valid stays false).
DocumentState read_workflow_stage(const std::string& path);

/// Reads the state of the PDF at `path`; `trust_anchors` are PEM files for the official's chain
/// (empty: the system store). Throws kyso::Error for an unreadable or non-PDF file.
DocumentState read_document_state(const std::string& path, const std::vector<std::string>& trust_anchors);

} // namespace kyso
