// Shared steps of the PDF signing tests: sign with a test-token key, and the checks every
// incremental update must pass (prefix identity, /Prev chain, qpdf, pdfsig, PDFBox, kyso verify).
#pragma once

#include "core/workflow/roles.hpp"
#include "core/workflow/sign_document.hpp"

#include <string>

namespace kyso::test {

/// Signs `in` into `out` with certificate `label` of the test token.
SignResult sign_with(const std::string& label, const std::string& in, const std::string& out,
                     const std::optional<VisibleSignature>& visible = std::nullopt, const std::string& field = {});

/// A blue signature PNG and a red 36 mm seal PNG written into `dir`; returns their paths.
std::string make_signature_png(const std::string& dir);
std::string make_seal_png(const std::string& dir);

/// Issuance options as the tests use them: number and symbol, the red seal PNG written into
/// `dir`, the test root as trust anchor, no register.
IssueOptions issue_options(const std::string& input, const std::string& output, int number, const std::string& symbol,
                           const std::string& dir);

/// Asserts that `after` is `before` plus one sound incremental update carrying a new valid
/// signature, checked by kyso and by the independent validators; `kyso_signatures` counts
/// the signatures kyso made in `after` (pdfsig's own earlier one in the presigned case is extra).
void expect_sound_signed_update(const std::string& before, const std::string& after, int total_signatures);

} // namespace kyso::test
