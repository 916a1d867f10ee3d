// What a role signs, worked out without a token: the input (prepared first when needed), the
// field, the image's place and the fills. The signing (roles.cpp) and the preview shown before
// the PIN (signing_preview.cpp) both start from it, so the preview puts the image exactly where
// the signing will.
#pragma once

#include "core/error.hpp"
#include "core/io/scratch_file.hpp"
#include "core/workflow/roles.hpp"

#include <memory>
#include <optional>
#include <string>

namespace kyso {

/// Box 7c, as sign_official will sign it.
struct OfficialPlan {
    std::unique_ptr<ScratchFile> prepared; ///< the draft prepared in this run, beside the output
    SignOptions sign;                      ///< input, field, image and its rectangle
    std::string printed_name;              ///< the full name printed in the block signed
};

/// Checks the draft, the signer block and the image; refuses as sign_official does.
OfficialPlan plan_official_signature(const OfficialSignOptions& options, const NoticeSink& notices);

/// Box 8, as issue_document will sign it with `options.number`.
struct IssuePlan {
    SignOptions sign;     ///< field, seal and its rectangle, number and date fills
    IssueResult numbers;  ///< number, number_text and date_text (no signature yet)
    double seal_diameter_mm = 0;
};

/// R1, R2, the year, the seal; refuses as issue_document does. `options.number` must be set.
IssuePlan plan_issue_signature(const IssueOptions& options, const NoticeSink& notices);

/// The number a joint document already carries (the lead organisation issued it); nullopt when
/// it has none. Refuses a different `options.number`.
std::optional<int> written_number(const IssueOptions& options);

/// `error` in the seal's words when it says the seal's rectangle leaves the page.
Error seal_error(const Error& error, const IssuePlan& plan);

} // namespace kyso
