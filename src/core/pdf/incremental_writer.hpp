// Internal to src/core/pdf: writes an incremental update section by hand — the objects, then a
// cross-reference section of the same kind as the previous one (table or stream) linked to it
// with /Prev. PoDoFo 0.9.8's WriteUpdate cannot do this for cross-reference streams (it drops
// /Prev and re-emits every object from object streams), so kyso does it itself.
#pragma once

#include "core/pdf/loaded_pdf.hpp"

#include <map>
#include <string>

namespace kyso::pdf {

/// Collects objects for one update, then renders the appended bytes.
class IncrementalWriter {
public:
    explicit IncrementalWriter(const LoadedPdf& pdf) : pdf_(pdf) {}

    /// Writes `object` (serialised by PoDoFo) in the update.
    void add(const PoDoFo::PdfObject& object);
    /// Writes `body` (the text between "N 0 obj" and "endobj") for object `number`, as given:
    /// kyso renders the signature dictionary itself so that it knows its offsets.
    void add_raw(unsigned number, std::string body);

    /// The bytes to append to the input file, and where each raw body starts within them.
    struct Output {
        std::string bytes;
        std::map<unsigned, size_t> raw_body_offsets;
    };
    Output finish() const;

private:
    const LoadedPdf& pdf_;
    std::map<unsigned, std::string> bodies_; // object number -> rendered "N 0 obj ... endobj\n"
    std::map<unsigned, size_t> raw_body_starts_; // object number -> offset of body in its text
    std::map<unsigned, unsigned> generations_;   // object number -> generation in its "N G obj" header
};

} // namespace kyso::pdf
