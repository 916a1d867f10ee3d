// The places of a Decree 30 draft found in its plain text — the Writer paragraphs the
// extension reads before exporting — as the bookmarks that the PDF export turns into named
// destinations (kysoSoStart … kysoHoTenStart), which `prepare` then reads back
// (workflow/places). The text rules are those of the PDF finder (pdftext/form_text).
#pragma once

#include <set>
#include <string>
#include <vector>

namespace kyso {

/// Bookmark names kyso understands (Writer bookmarks; names limited to [A-Za-z0-9-]).
namespace anchors {
constexpr const char* kNumberStart = "kysoSoStart";   ///< start of the number gap: "Số: |…/2026/QĐ-UBND"
constexpr const char* kNumberEnd = "kysoSoEnd";       ///< end of the number gap:   "Số: …|/2026/QĐ-UBND"
constexpr const char* kDayStart = "kysoNgayStart";    ///< "ngày |…"
constexpr const char* kDayEnd = "kysoNgayEnd";        ///< "ngày …| tháng"
constexpr const char* kMonthStart = "kysoThangStart"; ///< "tháng |…"
constexpr const char* kMonthEnd = "kysoThangEnd";     ///< "tháng …| năm"
constexpr const char* kYearStart = "kysoNamStart";    ///< "năm |…" — only when the year is blank
constexpr const char* kYearEnd = "kysoNamEnd";        ///< "năm …|"
constexpr const char* kTitleEnd = "kysoChucVuEnd";    ///< end of the last title line, e.g. "CHỦ TỊCH|"
constexpr const char* kNameStart = "kysoHoTenStart";  ///< start of the signer's full name
/// Bookmark `name` (kNumberStart … kYearEnd) of reference `index` (1-based, in document order)
/// to the document's own number and date in an appendix heading ("(Kèm theo Quyết định số |…|
/// /2026/QĐ-UBND ngày |…| tháng …"): "kysoSoStart", 1 → "kysoKemTheo1SoStart".
std::string reference(const char* name, size_t index);
} // namespace anchors

/// One line of document text: a paragraph, or a part of one between line breaks.
struct PlainLine {
    size_t paragraph = 0; ///< index into the caller's paragraph list
    size_t offset = 0;    ///< UTF-16 offset of the line inside its paragraph
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
    std::vector<Anchor> anchors; ///< the places', then the references' (anchors::reference)
    std::vector<Place> missing;
    size_t references = 0;       ///< blank references to the document's own number found
};

/// Bookmark names of a place, e.g. {"kysoSoStart", "kysoSoEnd"}.
std::vector<std::string> bookmarks_of(Place place);

/// Every place kyso needs, in document order (Year is optional: only a blank year has one).
const std::vector<Place>& required_places();

/// Finds the places in `lines` (document order). A place whose bookmarks are all in `existing`
/// (marked by the user) is taken as found and not searched. References to the document's own
/// number (blank, with the symbol of its "Số:") are always searched, as `prepare` does.
PlaceSearch find_places_in_lines(const std::vector<PlainLine>& lines, const std::set<std::string>& existing);

} // namespace kyso
