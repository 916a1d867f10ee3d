// The verification report in words, in one language: for each signature the signer, the time,
// valid or not and why, and what changed in the file after it was made.
#pragma once

#include "core/workflow/verify_document.hpp"

#include <string>

namespace kyso::lo {

/// The report shown in the verification dialog and returned to automation.
std::string verify_report_text(const VerifyReport& report, bool vietnamese);

/// The signing time of a signature as ISO 8601 in Vietnam time ("" when unreadable).
std::string signing_time_text(const SignatureVerdict& signature);

} // namespace kyso::lo
