#include "core/layout/signature_layout.hpp"

#include <algorithm>

namespace kyso::layout {

PageRect signature_gap(const PageRect& last_title_line, const PageRect& name_line, const PageRect& column) {
    double bottom = name_line.top() + kGapPadding;
    double top = last_title_line.y - kGapPadding;
    return {column.x, bottom, column.width, std::max(0.0, top - bottom)};
}

std::optional<PageRect> place_official_signature(const PageRect& gap, double natural_width, double natural_height) {
    if (gap.height < kMinimumSignatureHeight || natural_width <= 0 || natural_height <= 0)
        return std::nullopt;
    double scale = std::min({1.0, gap.height / natural_height, gap.width / natural_width});
    double width = natural_width * scale;
    double height = natural_height * scale;
    return PageRect{gap.centre_x() - width / 2, gap.centre_y() - height / 2, width, height};
}

PageRect place_seal(const PageRect& signature, double seal_width, double seal_height) {
    double right = signature.x + signature.width / 3.0;
    return {right - seal_width, signature.centre_y() - seal_height / 2, seal_width, seal_height};
}

double seal_overlap_fraction(const PageRect& signature, const PageRect& seal) {
    if (signature.width <= 0)
        return 0;
    double left = std::max(signature.x, seal.x);
    double right = std::min(signature.right(), seal.right());
    return std::max(0.0, right - left) / signature.width;
}

bool contains(const PageRect& outer, const PageRect& inner) {
    constexpr double kSlack = 0.01;
    return inner.x >= outer.x - kSlack && inner.y >= outer.y - kSlack && inner.right() <= outer.right() + kSlack &&
           inner.top() <= outer.top() + kSlack;
}

double note_height(size_t lines, double font_size, double line_spacing) {
    // The first line's ascent (≈1 em with Vietnamese marks), each further baseline, the last
    // line's descent (≈0.3 em).
    return font_size * (1.0 + line_spacing * static_cast<double>(lines > 0 ? lines - 1 : 0) + 0.3);
}

std::optional<NotePlacement> place_top_right_note(const PageRect& page, const NoteFrame& frame, size_t lines,
                                                  std::optional<double> content_top) {
    double x = page.right() - frame.right_margin - frame.width;
    double highest_top = page.top() - frame.least_top;
    double preferred_top = page.top() - frame.top_margin;
    double floor = content_top ? *content_top + frame.clearance : page.y;
    constexpr double kStep = 0.05;
    for (double spacing = kNoteLineSpacing; spacing >= kTightestNoteLineSpacing - 1e-9; spacing -= kStep) {
        double height = note_height(lines, frame.font_size, spacing);
        if (highest_top - height < floor - 1e-9)
            continue;
        // As close to the preferred margin as the content below allows.
        double top = preferred_top - height >= floor ? preferred_top : floor + height;
        return NotePlacement{{x, top - height, frame.width, height}, spacing};
    }
    return std::nullopt;
}

} // namespace kyso::layout
