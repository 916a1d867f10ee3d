// Form edits kyso makes to a PDF, each as part of an incremental update: the empty number and
// date fields of a prepared draft, their filling at issuance, read-only notes (attachments and
// copies), and an empty signature field that marks where box 7c is.
#pragma once

#include "core/geometry.hpp"

#include <optional>
#include <string>
#include <vector>

namespace kyso {

/// A read-only text field kyso fills later; empty until then.
struct TextFieldSpec {
    std::string name;
    int page = 1;
    PageRect rect;
    double font_size = 13; ///< the surrounding text's size
    bool italic = false;   ///< Decree 30 sets the place-and-date line in italics
};

/// A value for an existing text field: drawn centred on a white background (so placeholder
/// dots do not show through), and the field stays read-only.
struct FieldFill {
    std::string name;
    std::string value;
};

/// Lines of text in a read-only field of their own, right-aligned, black, upright.
struct NoteSpec {
    std::string name;
    int page = 1;
    PageRect rect;
    std::vector<std::string> lines;
    double font_size = 10;
    double line_spacing = 1.2; ///< baseline to baseline, in font sizes
};

/// A signature field with no signature yet: the place of a future signature.
struct EmptySignatureField {
    std::string name;
    int page = 1;
    PageRect rect;
};

struct FormEdits {
    std::vector<TextFieldSpec> text_fields;
    std::vector<FieldFill> fills;
    std::vector<NoteSpec> notes;
    std::vector<EmptySignatureField> empty_signatures; ///< one per signer block (joint documents: several)

    bool empty() const { return text_fields.empty() && fills.empty() && notes.empty() && empty_signatures.empty(); }
};

/// The bytes of an unsigned incremental update applying `edits` to the PDF at `path`.
std::string build_form_update(const std::string& path, const FormEdits& edits);

/// A field as kyso reads it back.
struct FormField {
    std::string name;
    std::string type;  ///< "Tx", "Sig", "Btn", "Ch" or empty
    int page = 0;      ///< 1-based; 0 when unknown
    PageRect rect;
    std::string value; ///< text value; for a signature field, empty
    bool has_value = false; ///< text filled, or signature present
    double font_size = 0;   ///< from /DA, when given
};

/// Every terminal field of the PDF at `path`.
std::vector<FormField> read_form_fields(const std::string& path);

/// Each page's MediaBox, page 1 first.
std::vector<PageRect> page_boxes(const std::string& path);

/// A named destination: where a Writer bookmark was, in PDF points.
struct NamedDestination {
    int page = 0; ///< 1-based
    double left = 0;
    double top = 0;
};

/// Named destinations of the PDF at `path` (the /Dests dictionary and the /Names tree).
std::vector<std::pair<std::string, NamedDestination>> read_named_destinations(const std::string& path);

} // namespace kyso
