// Where a Decree 30 draft wants kyso to write or sign, found from its text alone (no bookmarks,
// no form fields): the blank for the number (box 3), the blanks for day, month and, when left
// out, year (box 4), and the signer block (box 7: the last title line 7a and the full name 7b
// below it, between which the official's signature image goes). Rectangles are PDF points in
// user space, origin bottom-left.
#pragma once

#include "core/geometry.hpp"
#include "core/pdftext/page_text.hpp"

#include <optional>
#include <string>
#include <vector>

namespace kyso {

/// A blank on a text line to be filled in.
struct Gap {
    int page = 0;         ///< 1-based
    PageRect rect;        ///< from the end of the word before to the start of the word after;
                          ///< its height is the line's (font ascent to descent)
    double font_size = 0; ///< of the label before the blank ("Số:", "ngày", …)
};

/// Box 7: the signer's title lines and full name, in the right-hand column.
struct SignerBlock {
    int page = 0;
    std::vector<std::string> title_lines; ///< e.g. "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"
    PageRect last_title_line;             ///< box of the last title line (7a)
    std::string name;                     ///< e.g. "Nguyễn Thanh Bình"
    PageRect name_line;                   ///< box of the name line (7b)
    PageRect column; ///< centred on the block, as wide as its widest line, from the name's
                     ///< bottom to the first title line's top
};

/// A reference in the document to its own number and date, in the heading of an appendix or an
/// attached text: "(Kèm theo Quyết định số      /2026/QĐ-UBND ngày      tháng      năm 2026 …)".
/// Filled at issuance with the same number and date as boxes 3 and 4.
struct OwnReference {
    Gap number;                          ///< between "số" and "/<symbol>"
    std::optional<Gap> day, month, year; ///< when the reference carries a blank date; year only when blank
};

/// Everything find_places_by_text found, and what it did not.
struct TextPlaces {
    std::optional<Gap> number;           ///< between "Số:" and "/<year>/<symbol>" or "/<symbol>"
    std::optional<Gap> day, month, year; ///< in "<place>, ngày … tháng … năm …"; year only when blank
    std::optional<int> printed_year;     ///< the year printed in the date line, when present
    std::string symbol;                  ///< e.g. "2026/QĐ-UBND" or "UBND-VP" (text after the gap)
    std::optional<SignerBlock> signer;   ///< last title line (7a) and full name (7b) below it
    std::vector<SignerBlock> signers;    ///< every signer block: `signer` first, then (a joint
                                         ///< document) the blocks beside it, left to right
    std::vector<OwnReference> references; ///< blank references to this document's own number
                                          ///< (same symbol); one naming another document is not one
    std::vector<std::string> missing;    ///< one "Vietnamese / English" phrase per place not found:
                                         ///< which place, and how to mark it in the draft
};

/// Finds the places on the pages of a draft (see extract_text). Never throws for odd text;
/// what it cannot find is listed in `missing`.
TextPlaces find_places_by_text(const std::vector<PageText>& pages);

} // namespace kyso
