// The text of a PDF's pages as words and lines with their positions, read with poppler-cpp.
// Positions are kyso::PageRect: PDF points in the page's user space, origin bottom-left, as the
// signing code places rectangles. Words that the PDF splits at Vietnamese diacritics are merged
// back by geometry; runs of leader dots ("……", ".....", "____") are words of their own, so a
// blank such as "Số: ......./QĐ-UBND" reads as "Số:", "......." and "/QĐ-UBND".
#pragma once

#include "core/geometry.hpp"

#include <memory>
#include <string>
#include <vector>

namespace kyso {

/// One word and its box (the glyphs' advance boxes, font ascent to descent).
struct TextWord {
    std::string text;
    PageRect box;
    double font_size = 0;
};

/// Words on one baseline with small gaps between them; a wide gap (a table column, a tab
/// stop) starts another line.
struct TextLine {
    std::vector<TextWord> words;
    PageRect box;
    /// The words joined by single spaces.
    std::string text() const;
};

/// One page's lines in reading order (top to bottom, then left to right).
struct PageText {
    int page = 0; ///< 1-based
    double width = 0, height = 0; ///< the crop box's size, unrotated
    std::vector<TextLine> lines;
    PageRect crop_box;        ///< the visible area in user space
    int rotation = 0;         ///< the page's /Rotate: 0, 90, 180 or 270 (clockwise when shown)
    int reading_rotation = 0; ///< the turn that makes most of the text upright (0 when the text
                              ///< is upright in user space, whatever /Rotate says); only words
                              ///< in that direction are kept
};

/// A PDF opened for reading its pages' text one at a time, so that a caller keeps only the
/// pages it needs. Opening throws kyso::Error InputUnreadable (missing or unreadable file) or
/// InputNotPdf (not a PDF, damaged beyond repair, or encrypted).
class PdfPageText {
public:
    explicit PdfPageText(const std::string& pdf_path);
    ~PdfPageText();
    PdfPageText(const PdfPageText&) = delete;
    PdfPageText& operator=(const PdfPageText&) = delete;

    int page_count() const;
    /// The text of page `number` (1-based); throws InputNotPdf when poppler cannot read it.
    PageText read(int number);
    /// How many pages read() has read (what a long document's readers are measured by).
    int pages_read() const { return pages_read_; }

private:
    struct Document;
    std::unique_ptr<Document> doc_;
    std::string path_;
    int pages_read_ = 0;
};

/// Reads every page's text; throws as PdfPageText does.
std::vector<PageText> extract_text(const std::string& pdf_path);

} // namespace kyso
