// The verification report in words, in one language, for people who are not engineers (the
// extension's report dialog and its automation result): for each signature the signer, the
// time, valid or not and why, and what changed in the file after it was made; document
// time-stamps apart. `kyso verify` prints its own bilingual, more technical report.
#pragma once

#include "core/workflow/problem_text.hpp"
#include "core/workflow/verify_document.hpp"

#include <string>

namespace kyso {

/// The whole report, Vietnamese or English.
std::string verify_report_text(const VerifyReport& report, bool vietnamese);

/// The signing time of a signature as ISO 8601 in Vietnam time ("" when unreadable).
std::string signing_time_text(const SignatureVerdict& signature);

} // namespace kyso
