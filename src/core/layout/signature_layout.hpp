// Where the images go, by Decree 30 Appendix I — pure geometry on PDF points, no PDF library:
//   box 7c: the official's signature image centred on the title/name column, in the gap
//           between the last title line and the full name, never covering either;
//   box 8:  the seal at its real size, its right part over the left third of the signature;
//   copies and separate attachments: a note in the top-right corner of the first page.
#pragma once

#include "core/geometry.hpp"

#include <optional>

namespace kyso::layout {

/// Breathing room kept between the signature image and the text above and below it.
constexpr double kGapPadding = 2.0;
/// A gap lower than this cannot hold a readable signature (about 8 mm).
constexpr double kMinimumSignatureHeight = 22.0;

/// The space box 7c may use: between the last title line and the name, as wide as the column.
PageRect signature_gap(const PageRect& last_title_line, const PageRect& name_line, const PageRect& column);

/// The signature image's rectangle inside `gap`: centred, aspect kept, scaled down to fit,
/// never larger than `natural_width` x `natural_height` (the image's physical size in points;
/// pass the pixel size when the PNG does not say its resolution). nullopt when the gap is too
/// small for a readable signature.
std::optional<PageRect> place_official_signature(const PageRect& gap, double natural_width, double natural_height);

/// The seal's rectangle: its real size, vertically centred on the signature, its right edge a
/// third of the signature's width in from the signature's left edge (so ≈1/3 is covered).
PageRect place_seal(const PageRect& signature, double seal_width, double seal_height);

/// Share of the signature image's width that the seal covers (for checks and reports).
double seal_overlap_fraction(const PageRect& signature, const PageRect& seal);

/// True when `inner` lies within `outer`.
bool contains(const PageRect& outer, const PageRect& inner);

/// The top-right note of an attachment or a copy and the space it may take.
struct NoteFrame {
    double right_margin = 0; ///< from the page's right edge to the note's right edge
    double top_margin = 0;   ///< preferred distance from the page's top edge to the note's top
    double least_top = 0;    ///< the closest the note may come to the top edge
    double width = 0;
    double font_size = 10;
    double clearance = 0; ///< kept free between the note and the content below it
};

/// Where the note goes and how its lines are spaced.
struct NotePlacement {
    PageRect rect;
    double line_spacing = 0; ///< baseline to baseline, in font sizes
};

/// Normal line spacing of the note, and the tightest kyso uses before refusing.
constexpr double kNoteLineSpacing = 1.2;
constexpr double kTightestNoteLineSpacing = 1.0;

/// The height of `lines` lines of the note at `line_spacing`: ascent of the first line to
/// descent of the last.
double note_height(size_t lines, double font_size, double line_spacing);

/// The note in the free space at the top right of `page`, above `content_top` (the highest ink
/// under the note's column, user space; nullopt: none): at the preferred top margin when it
/// fits, else higher (not above `least_top`), else with the lines tightened down to
/// kTightestNoteLineSpacing. nullopt when even that does not fit: kyso never draws over content.
std::optional<NotePlacement> place_top_right_note(const PageRect& page, const NoteFrame& frame, size_t lines,
                                                  std::optional<double> content_top);

} // namespace kyso::layout
