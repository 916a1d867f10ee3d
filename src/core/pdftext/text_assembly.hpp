// From the boxes a PDF text reader delivers to words and lines, by geometry only: boxes on one
// baseline with small gaps join a line; boxes that touch without a space between them (a word
// split at a diacritic, a change of font inside a word) join a word; leader-dot runs become
// words of their own. Pure: no PDF library, so it is tested with made-up boxes.
#pragma once

#include "core/pdftext/page_frame.hpp"

#include <string>
#include <vector>

namespace kyso::detail {

/// A piece of text as the reader delivers it, in the reading frame.
struct RawText {
    std::u32string text;
    std::vector<FrameBox> glyphs; ///< one per code point of `text`, or empty when unknown
    FrameBox box;
    double font_size = 0;
    bool space_after = false; ///< the reader saw a space after it
};

/// A word in the reading frame.
struct FrameWord {
    std::string text; ///< UTF-8
    FrameBox box;
    double font_size = 0;
};

/// A line in the reading frame.
struct FrameLine {
    std::vector<FrameWord> words;
    FrameBox box;
};

/// A gap wider than this many font sizes between two boxes on one baseline starts a new line.
constexpr double kLineBreakGap = 2.5;
/// Boxes closer than this many font sizes, with no space seen between them, are one word.
constexpr double kWordJoinGap = 0.15;

/// Lines in reading order (top to bottom; left to right within a row).
std::vector<FrameLine> assemble_lines(std::vector<RawText> boxes);

/// True for leader characters that stand for a blank to fill in: '.', '…', '_'.
bool is_fill_char(char32_t c);

} // namespace kyso::detail
