// Finds the places of the workflow in a Decree 30 document's text, without any UNO type, so it
// can be tested alone: the number gap ("Số:      /QĐ-UBND"), the day and month gaps
// ("ngày      tháng      năm 2026") and the signer's block (last title line "CHỦ TỊCH", then
// the full name). Each place becomes a pair or a single anchor bookmark that the PDF export
// turns into a named destination (kysoSoStart … kysoHoTenStart).
#pragma once

#include "uno/strings.hpp"

#include <set>
#include <string>
#include <vector>

namespace kyso::lo {

/// One line of document text: a paragraph, or a part of one between line breaks.
struct TextLine {
    size_t paragraph = 0;  ///< index into the caller's paragraph list
    size_t offset = 0;     ///< UTF-16 offset of the line inside its paragraph
    std::u16string text;
};

/// The places kyso needs in a draft.
enum class Place { Number, Day, Month, Title, Name, Year };

/// A bookmark to set: name and position (paragraph, UTF-16 offset).
struct Anchor {
    std::string bookmark;
    size_t paragraph = 0;
    size_t offset = 0;
};

struct PlaceSearch {
    std::vector<Anchor> anchors;
    std::vector<Place> missing;
};

/// Bookmark names of a place, e.g. {"kysoSoStart", "kysoSoEnd"}.
std::vector<std::string> bookmarks_of(Place place);

/// Every place kyso needs, in document order (Year is optional: only a blank year has one).
const std::vector<Place>& all_places();

/// The place's name for messages ("chỗ ghi số" / "the number gap").
Bilingual place_name(Place place);

/// Finds the places in `lines` (document order). A place whose bookmarks are all in `existing`
/// (marked by the user) is taken as found and not searched.
PlaceSearch find_places(const std::vector<TextLine>& lines, const std::set<std::string>& existing);

} // namespace kyso::lo
