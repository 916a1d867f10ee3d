// The line the extension shows above an open document (issue 16.2): where it stands in the
// workflow — "Dự thảo", "Đã ký: Nguyễn Thanh Bình, 10:05 03/12/2026", "Đã phát hành: số
// 05/2026/QĐ-UBND, ngày 03/12/2026" — and the verdict of a full verification, in both languages.
// The shells only show it.
#pragma once

#include "core/progress.hpp"
#include "core/workflow/document_state.hpp"
#include "core/workflow/verdict.hpp"

#include <string>
#include <vector>

namespace kyso {

struct StateLine {
    WorkflowStage stage = WorkflowStage::Draft;
    /// The file's verdict by the same verification as `kyso verify` (revision analysis
    /// included); NoSignature for a file nothing signed.
    Verdict verdict = Verdict::NoSignature;
    std::string headline_vi, headline_en; ///< the state: "Đã ký: Nguyễn Thanh Bình, 10:05 03/12/2026"
    std::string detail_vi, detail_en;     ///< the verdict and, below Valid, why
};

/// Reads the state of the PDF at `path` and verifies it against `trust_anchors` (PEM files;
/// empty: the system store). `progress` hears of the verification's steps and may stop it
/// (kyso::Cancelled). Throws kyso::Error for an unreadable or non-PDF file.
StateLine read_state_line(const std::string& path, const std::vector<std::string>& trust_anchors,
                          const ProgressSink& progress = {});

} // namespace kyso
