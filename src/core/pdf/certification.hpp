// Internal to src/core/pdf: certification signatures (DocMDP, ISO 32000-1 §12.8.2.2). An author
// certifies a document with the one signature the catalog's /Perms /DocMDP names; its
// /Reference carries the DocMDP transform and the permission P for every later revision:
// 1 no change at all, 2 filling in forms and signing, 3 also annotations.
#pragma once

#include <podofo/podofo.h>

#include <string>

namespace kyso::pdf {

/// What docmdp_permission answers for a P outside 1…3 (read as the strictest, like P=1).
constexpr int kInvalidPermission = 99;

/// P of a signature dictionary whose /Reference holds the DocMDP transform (2 when the
/// transform gives none, as the standard says); 0 when it is not a DocMDP signature.
int docmdp_permission(PoDoFo::PdfMemDocument& doc, PoDoFo::PdfObject* signature);

/// The signature dictionary the catalog's /Perms /DocMDP names, or null: not certified.
PoDoFo::PdfObject* certification_signature(PoDoFo::PdfMemDocument& doc);

/// P of the document's certification (2 when its signature names none); 0: not certified.
int certification_permission(PoDoFo::PdfMemDocument& doc);

/// True when a certification with permission `p` forbids every change (P=1; a value outside
/// 1…3 is read as the strictest).
inline bool forbids_any_change(int p) { return p != 0 && p != 2 && p != 3; }

/// Throws InputNotPdf when the document at `path` is certified against any change: a new
/// signature would break its certification.
void refuse_if_certified_against_changes(PoDoFo::PdfMemDocument& doc, const std::string& path);

} // namespace kyso::pdf
