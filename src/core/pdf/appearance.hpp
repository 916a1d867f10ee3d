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

/// The Times-compatible serif with Vietnamese glyphs, subset-embedded (one per document).
PoDoFo::PdfFont* serif_font(PoDoFo::PdfMemDocument& doc, bool italic = false);

/// A filled text field: `text` centred on a white background (hides placeholder dots).
PoDoFo::PdfObject* draw_filled_field(PoDoFo::PdfMemDocument& doc, double width, double height,
                                     const std::string& text, double font_size, bool italic);

/// A note: lines right-aligned from the top, `line_spacing` font sizes apart, black, no background.
PoDoFo::PdfObject* draw_note(PoDoFo::PdfMemDocument& doc, double width, double height,
                             const std::vector<std::string>& lines, double font_size, double line_spacing);

/// An appearance that draws nothing (an empty field shows no border or background).
PoDoFo::PdfObject* draw_nothing(PoDoFo::PdfMemDocument& doc, double width, double height);

} // namespace kyso::pdf
