// Internal to src/core/pdf: the normal appearance of a visible signature — a PNG drawn with its
// alpha as a soft mask, and/or lines of text in an embedded font subset with Vietnamese glyphs.
#pragma once

#include "core/pdf/signature_revision.hpp"

#include <podofo/podofo.h>

namespace kyso::pdf {

/// Throws BadArguments when `rect` is empty or not inside the page's MediaBox.
void require_rect_on_page(const PageRect& rect, PoDoFo::PdfPage& page, int page_number);

/// Creates the appearance form XObject (and its image, mask and font objects) in `doc`.
PoDoFo::PdfObject* draw_appearance(PoDoFo::PdfMemDocument& doc, const SignatureAppearance& appearance);

} // namespace kyso::pdf
