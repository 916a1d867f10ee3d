// Where a Decree 30 draft wants kyso to write or sign, found from its text alone (no bookmarks,
// no form fields): the blank for the number (box 3), the blanks for day, month and, when left
// out, year (box 4), and the signer block (box 7: the last title line 7a and the full name 7b
// below it, between which the official's signature image goes). Rectangles are PDF points in
// user space, origin bottom-left.
#pragma once

#include "core/geometry.hpp"
#include "core/pdftext/page_text.hpp"

#include <memory>
#include <optional>
#include <string>
#include <string_view>
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

/// Finds the places page by page, in page order, so that a long document is read only as far as
/// the places need and each page's text can be let go once added.
///
/// Boxes 3, 4 and 7 are searched on every page until the main document's signer block is
/// settled: the block beside "Nơi nhận", or the last block before a "Nơi nhận" with none beside
/// it (a joint document's recipients stand below its blocks); a block with no "Nơi nhận" on its
/// page or the next one holds until a later page brings one. Pages after that matter only for
/// the document's references to itself in its appendices ("(Kèm theo Quyết định số …)") and,
/// while no "Nơi nhận" has closed the block, for one: wants_page says which, from the page's
/// letters. Never throws for odd text; what it cannot find is listed in `missing`.
class PlaceFinder {
public:
    PlaceFinder();
    ~PlaceFinder();
    PlaceFinder(const PlaceFinder&) = delete;
    PlaceFinder& operator=(const PlaceFinder&) = delete;

    /// True while the next page must be added whatever it holds.
    bool needs_whole_page() const;
    /// True when a page whose text has these letters (letters_of) must be added: always while
    /// needs_whole_page(), else when they hold a keyword of what is still looked for.
    bool wants_page(std::string_view letters) const;
    /// False when a page showing `shown` (its text in content-stream order, ShownText) is
    /// certainly not wanted, so that it need not be laid out: wants_page on its letters with
    /// runs of one letter taken once (a producer drawing each glyph twice, a false bold, reads
    /// once in poppler), never false while needs_whole_page().
    bool may_want_page(std::string_view shown) const;
    /// Adds the next page read (pages in order; pages that wants_page refused may be left out).
    void add_page(const PageText& page);
    /// What was found, and in `missing` what was not.
    TextPlaces result() const;

private:
    struct State;
    std::unique_ptr<State> state_;
};

/// The letters a–z of the text's skeleton (lower case, no diacritics), nothing else:
/// "(Kèm theo" -> "kemtheo".
std::string letters_of(std::string_view text);
/// letters_of each line of the page, one after the other.
std::string page_letters(const PageText& page);

/// The places on the pages of a draft (see extract_text), through a PlaceFinder that is given
/// the pages it wants.
TextPlaces find_places_by_text(const std::vector<PageText>& pages);

} // namespace kyso
