// Internal to src/core/pdf: the interactive form of a loaded PDF — its field names, and adding
// a signature field — while recording exactly which indirect objects an update must rewrite.
#pragma once

#include <podofo/podofo.h>

#include <string>
#include <vector>

namespace kyso::pdf {

/// Objects changed by an edit, to be written in the incremental update (duplicates ignored).
using ChangedObjects = std::vector<const PoDoFo::PdfObject*>;

/// The document's AcroForm, created on first write when the PDF has none.
class AcroForm {
public:
    explicit AcroForm(PoDoFo::PdfMemDocument& doc);

    /// Fully qualified names of every existing field ("parent.child").
    const std::vector<std::string>& field_names() const { return names_; }
    /// "<prefix>N" with the smallest N not yet used.
    std::string unused_name(const std::string& prefix) const;
    /// Throws BadArguments when `name` is taken or not a valid partial field name.
    void require_new_name(const std::string& name) const;
    /// Adds the field to /Fields and sets /SigFlags 3 (signatures exist, append only).
    void add_signature_field(const PoDoFo::PdfReference& field, ChangedObjects& changed);

private:
    PoDoFo::PdfMemDocument& doc_;
    std::vector<std::string> names_;
};

/// Appends `ref` to the array at `key` of `holder` (direct or indirect array, or a new one).
void append_reference(PoDoFo::PdfMemDocument& doc, PoDoFo::PdfObject& holder, const char* key,
                      const PoDoFo::PdfReference& ref, ChangedObjects& changed);

/// A PDF text string: plain bytes when ASCII, UTF-16 otherwise.
PoDoFo::PdfString text_string(const std::string& utf8);

/// Adds `object` to `changed` unless it is already there.
void note_changed(const PoDoFo::PdfObject* object, ChangedObjects& changed);

} // namespace kyso::pdf
