// Internal to src/core/pdf: one incremental update under construction — a loaded PDF, its
// form, the objects changed so far — finished into the bytes to append.
#pragma once

#include "core/pdf/acroform.hpp"
#include "core/pdf/form_edits.hpp"
#include "core/pdf/incremental_writer.hpp"
#include "core/pdf/loaded_pdf.hpp"
#include "core/pdf/signature_revision.hpp"

#include <optional>

namespace kyso::pdf {

class RevisionBuilder {
public:
    explicit RevisionBuilder(const std::string& path);
    /// Parsed from `input`'s descriptor; `input` must outlive the builder.
    explicit RevisionBuilder(const InputFile& input);

    PoDoFo::PdfMemDocument& doc() { return pdf_.doc(); }
    AcroForm& form() { return form_; }
    const std::string& path() const { return path_; }

    /// Applies the form edits.
    void apply(const FormEdits& edits);
    /// Throws what add_signature_widget would throw about its arguments — a field name taken or
    /// invalid, a page that does not exist, a rectangle off the page — without changing anything.
    void check_signature_place(const std::string& name, const std::optional<SignatureAppearance>& appearance);
    /// Adds (or completes an empty) signature field whose /V is object `signature`.
    void add_signature_widget(const std::string& name, const std::optional<SignatureAppearance>& appearance,
                              const PoDoFo::PdfReference& signature);
    /// The page, checked to exist.
    PoDoFo::PdfPage& page(int number);

    /// Writes every changed and new object; `raw` (number, body) is written as given.
    IncrementalWriter::Output finish(std::optional<std::pair<unsigned, std::string>> raw = std::nullopt);
    size_t input_size() const { return pdf_.tail().file_size; }

private:
    PoDoFo::PdfObject* new_widget(const std::string& name, const char* field_type, int page_number,
                                  const PageRect& rect);
    PoDoFo::PdfFont* serif_font();

    std::string path_;
    LoadedPdf pdf_;
    ChangedObjects changed_;
    AcroForm form_;
    std::optional<unsigned> skip_; // the raw object: not serialised by PoDoFo
};

/// [x1 y1 x2 y2] for a rectangle.
PoDoFo::PdfArray rect_array(const PageRect& r);

} // namespace kyso::pdf
