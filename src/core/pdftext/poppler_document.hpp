// Opening a PDF with poppler-cpp for the readers in pdftext (text, ink): one place for the
// checks and the Vietnamese/English errors, and poppler's messages kept as the cause instead
// of printed on stderr.
#pragma once

#include "core/geometry.hpp"

#include <poppler-document.h>
#include <poppler-page.h>

#include <memory>
#include <string>

namespace kyso::detail {

/// The document at `pdf_path`; throws kyso::Error InputUnreadable (missing or unreadable) or
/// InputNotPdf (not a PDF, damaged beyond repair, or encrypted).
std::unique_ptr<poppler::document> open_poppler_document(const std::string& pdf_path);

/// Page `index` (0-based) of `doc`; throws InputNotPdf when poppler cannot read it.
std::unique_ptr<poppler::page> open_poppler_page(poppler::document& doc, int index, const std::string& pdf_path);

/// The page's /Rotate: 0, 90, 180 or 270.
int rotation_of(const poppler::page& page);

/// The page's crop box in user space.
PageRect crop_box_of(const poppler::page& page);

} // namespace kyso::detail
