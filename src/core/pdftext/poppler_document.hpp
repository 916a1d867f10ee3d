// Opening a PDF with poppler for the readers in pdftext (text, ink, pictures): one place for
// the checks and the Vietnamese/English errors, and poppler's messages kept as the cause
// instead of printed on stderr. poppler itself is behind poppler_backend.hpp.
#pragma once

#include "core/pdftext/poppler_backend.hpp"

#include <memory>
#include <string>

namespace kyso::detail {

/// The document at `pdf_path`; throws kyso::Error InputUnreadable (missing or unreadable) or
/// InputNotPdf (not a PDF, damaged beyond repair, or encrypted).
std::unique_ptr<PopplerDocument> open_poppler_document(const std::string& pdf_path);

/// Page `index` (0-based) of `doc`; throws InputNotPdf when poppler cannot read it.
std::unique_ptr<PopplerPage> open_poppler_page(PopplerDocument& doc, int index, const std::string& pdf_path);

} // namespace kyso::detail
