// Internal to src/core/pdf: the interactive form of a loaded PDF — its fields, adding and
// finding them — while recording exactly which indirect objects an update must rewrite.
#pragma once

#include "core/pdf/pdf_objects.hpp"

#include <podofo/podofo.h>

#include <string>
#include <vector>

namespace kyso::pdf {

/// Objects changed by an edit, to be written in the incremental update (duplicates ignored).
using ChangedObjects = std::vector<const PoDoFo::PdfObject*>;

/// The document's AcroForm, created on first write when the PDF has none.
class AcroForm {
public:
    AcroForm(PoDoFo::PdfMemDocument& doc, ChangedObjects& changed);

    /// Fully qualified names of every existing field ("parent.child").
    const std::vector<std::string>& field_names() const { return names_; }
    /// "<prefix>N" with the smallest N not yet used.
    std::string unused_name(const std::string& prefix) const;
    /// Throws BadArguments when `name` is taken or not a valid partial field name.
    void require_new_name(const std::string& name) const;
    /// The terminal field (merged with its widget) called `name`, or null.
    PoDoFo::PdfObject* find(const std::string& name);

    /// Adds a field to /Fields; a signature field also sets /SigFlags.
    void add_field(const PoDoFo::PdfReference& field, bool signature);
    /// /SigFlags 3: the document has signatures, and must only be appended to.
    void set_signature_flags();
    /// Puts `font` in the form's default resources as /`resource` (for /DA strings).
    void add_default_font(const std::string& resource, const PoDoFo::PdfReference& font);

private:
    PoDoFo::PdfObject& form_dictionary(); // created on first use
    void record_name(PoDoFo::PdfObject* field, const std::string& name);

    PoDoFo::PdfMemDocument& doc_;
    ChangedObjects& changed_;
    std::vector<std::string> names_;
    std::vector<PoDoFo::PdfObject*> fields_; // parallel to names_
};

/// Appends `ref` to the array at `key` of `holder` (direct or indirect array, or a new one).
void append_reference(PoDoFo::PdfMemDocument& doc, PoDoFo::PdfObject& holder, const char* key,
                      const PoDoFo::PdfReference& ref, ChangedObjects& changed);

/// Adds `object` to `changed` unless it is already there.
void note_changed(const PoDoFo::PdfObject* object, ChangedObjects& changed);

/// A PDF text string: plain bytes when ASCII, UTF-16 otherwise.
PoDoFo::PdfString text_string(const std::string& utf8);


} // namespace kyso::pdf
