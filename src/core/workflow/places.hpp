// Where, in a draft PDF, the places of Decree 30 are: the number gap (box 3), the day, month
// and year gaps (box 4), and the signer's block — last title line (7a) and full name (7b).
// Found from Writer bookmarks exported as named destinations when the draft has them, else by
// reading the page text. The bookmark names are kyso's contract with the extension:
#pragma once

#include "core/pdftext/places.hpp"

#include <string>
#include <vector>

namespace kyso {

/// Named destinations kyso understands (Writer bookmarks; names limited to [A-Za-z0-9-]).
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
} // namespace anchors

/// The places, and where they came from.
struct DocumentPlaces {
    TextPlaces places;
    bool from_bookmarks = false; ///< at least one place came from a named destination
};

/// Locates the places in the PDF at `path`.
DocumentPlaces locate_places(const std::string& path);

} // namespace kyso
