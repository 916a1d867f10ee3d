// What a signature is, apart from whether it holds: a PAdES baseline level, a CAdES signature
// outside the baseline profiles, or a plain CMS (adbe.pkcs7.detached) as Adobe, pdfsig, PoDoFo
// and iText-based signers write it. A deviation from the profile the SubFilter names becomes a
// note, never by itself a reason for not valid (issue 12: validity apart from conformance).
#pragma once

#include "core/notice.hpp"

#include <string>
#include <vector>

namespace kyso {

struct SignatureVerdict;

/// "PAdES B-T", "CAdES (ETSI.CAdES.detached)", "CMS (adbe.pkcs7.detached)"; empty for a
/// document time-stamp. The level comes from assess_long_term, so call this after it.
std::string signature_form(const SignatureVerdict& verdict);

/// Notes on how the signature departs from the profile its SubFilter names.
std::vector<Notice> profile_notes(const SignatureVerdict& verdict);

/// Sets `verdict.form` and appends the profile notes to `verdict.cms.notes`.
void describe_form(SignatureVerdict& verdict);

} // namespace kyso
