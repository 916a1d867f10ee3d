// Whether what changed after a signature is allowed, in words a văn thư understands. Allowed:
// filling kyso's number/date fields, adding signature fields, their widgets and signatures
// (with a kyso note in the same revision as a signature), DSS/VRI and document metadata.
// Everything else — page content or resources, new or changed annotations, a signed widget's
// /Rect or /AP, other /AcroForm entries, objects replaced or removed, object definitions the
// cross-reference table hides, bytes outside any revision — is not.
#pragma once

#include "core/pdf/revision_diff.hpp"

#include <string>
#include <vector>

namespace kyso {

/// One change found after a signature, judged.
struct ModificationFinding {
    int revision = 0;     ///< 1-based revision that made it (0: not part of any revision)
    bool allowed = false;
    std::string code;     ///< stable identifier, e.g. "page_content_changed"
    int page = 0;         ///< 1-based, when it concerns a page
    std::string field;    ///< when it concerns a form field
    std::string vi, en;   ///< the sentence shown to the user
};

/// Judges every change made after revision `signed_revision` (the findings of `history`
/// whose revision is later), plus the checks on the signature's own revision: its signed
/// bytes end where the revision ends (`signed_end`), and `signature_field` received its value
/// in exactly that revision. A certification signature (`certification`, its DocMDP P; 0 for
/// an approval signature) also has every later revision held to P: with P=1 any revision that
/// changes more than long-term validation data (DSS, which ISO 32000-2 allows at every level)
/// breaks it; with P=2 a new field that is not a signature does.
std::vector<ModificationFinding> check_modifications(const RevisionHistory& history, int signed_revision,
                                                     size_t signed_end, const std::string& signature_field,
                                                     int certification = 0);

/// True when every finding is allowed.
bool modifications_allowed(const std::vector<ModificationFinding>& findings);

} // namespace kyso
