// The plain-text place finder the extension runs on Writer paragraphs before export
// (pdftext/line_places): the same Decree 30 rules as the PDF finder, with UTF-16 offsets that
// become bookmarks. Offsets are checked against the text itself, not against constants.
#include "core/pdftext/line_places.hpp"

#include <gtest/gtest.h>

#include <map>

namespace kyso {
namespace {

// UTF-8 to UTF-16 for BMP text (what Writer's getString gives).
std::u16string u16(std::string_view utf8) {
    std::u16string out;
    for (size_t i = 0; i < utf8.size();) {
        auto b = static_cast<unsigned char>(utf8[i]);
        char32_t c;
        int n = b < 0x80 ? 1 : b < 0xE0 ? 2 : 3;
        c = n == 1 ? b : n == 2 ? (b & 0x1F) : (b & 0x0F);
        for (int k = 1; k < n; ++k)
            c = (c << 6) | (static_cast<unsigned char>(utf8[i + k]) & 0x3F);
        out += static_cast<char16_t>(c);
        i += n;
    }
    return out;
}

std::vector<PlainLine> lines_of(std::initializer_list<const char*> texts) {
    std::vector<PlainLine> lines;
    for (const char* t : texts)
        lines.push_back({lines.size(), 0, u16(t)});
    return lines;
}

std::map<std::string, Anchor> by_name(const PlaceSearch& search) {
    std::map<std::string, Anchor> out;
    for (const Anchor& a : search.anchors)
        out[a.bookmark] = a;
    return out;
}

// Every required place found in `lines`: the anchors by bookmark name.
std::map<std::string, Anchor> all_found(const std::vector<PlainLine>& lines) {
    PlaceSearch search = find_places_in_lines(lines, {});
    EXPECT_TRUE(search.missing.empty());
    return by_name(search);
}

// The UTF-16 offset of `needle` in line `i` (+ its length when `end`).
size_t at(const std::vector<PlainLine>& lines, size_t i, const char* needle, bool end = false) {
    std::u16string n = u16(needle);
    size_t pos = lines[i].text.find(n);
    EXPECT_NE(pos, std::u16string::npos) << needle;
    return end ? pos + n.size() : pos;
}

TEST(LinePlaces, DecisionWithSignerOnBehalf) {
    auto lines = lines_of({
        "ỦY BAN NHÂN DÂN",               // 0
        "TỈNH AN GIANG",                 // 1
        "Số:       /2026/QĐ-UBND",       // 2
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "An Giang, ngày      tháng      năm 2026", // 5
        "QUYẾT ĐỊNH",
        "Nơi nhận:",
        "TM. ỦY BAN NHÂN DÂN",
        "KT. CHỦ TỊCH",
        "PHÓ CHỦ TỊCH",                  // 10
        "(Ký, ghi rõ họ tên)",
        "Trần Văn Bình",                 // 12
    });
    auto a = all_found(lines);
    EXPECT_EQ(a["kysoSoStart"].paragraph, 2u);
    EXPECT_EQ(a["kysoSoStart"].offset, at(lines, 2, "Số:", true));
    EXPECT_EQ(a["kysoSoEnd"].offset, at(lines, 2, "/"));
    EXPECT_EQ(a["kysoNgayStart"].paragraph, 5u);
    EXPECT_EQ(a["kysoNgayStart"].offset, at(lines, 5, "ngày", true));
    EXPECT_EQ(a["kysoNgayEnd"].offset, at(lines, 5, "tháng"));
    EXPECT_EQ(a["kysoThangStart"].offset, at(lines, 5, "tháng", true));
    EXPECT_EQ(a["kysoThangEnd"].offset, at(lines, 5, "năm"));
    EXPECT_EQ(a.count("kysoNamStart"), 0u) << "the year is printed";
    EXPECT_EQ(a["kysoChucVuEnd"].paragraph, 10u);
    EXPECT_EQ(a["kysoChucVuEnd"].offset, lines[10].text.size());
    EXPECT_EQ(a["kysoHoTenStart"].paragraph, 12u);
    EXPECT_EQ(a["kysoHoTenStart"].offset, 0u);
}

TEST(LinePlaces, DottedBlanksAndBlankYear) {
    auto lines = lines_of({"Số:......../TTr-SNV", "Hà Nội, ngày ..... tháng ..... năm ........", "GIÁM ĐỐC",
                           "  Lê Thị Hoa  "});
    auto a = all_found(lines);
    EXPECT_EQ(a["kysoSoStart"].offset, at(lines, 0, "Số:", true));
    EXPECT_EQ(a["kysoSoEnd"].offset, at(lines, 0, "/"));
    EXPECT_EQ(a["kysoNamStart"].offset, at(lines, 1, "năm", true));
    EXPECT_EQ(a["kysoNamEnd"].offset, lines[1].text.size());
    EXPECT_EQ(a["kysoHoTenStart"].offset, 2u);
}

TEST(LinePlaces, DecomposedVietnameseMatches) {
    // "Số" and "ngày", "tháng", "năm" with combining marks ("Unicode tổ hợp").
    auto lines = lines_of({"So\xCC\x81:     /UBND-VP", "nga\xCC\x80y     tha\xCC\x81ng     na\xCC\x86m 2026",
                           "CHU\xCC\x89 TI\xCC\xA3CH", "Nguye\xCC\x82\xCC\x83n Va\xCC\x86n An"});
    auto a = all_found(lines);
    EXPECT_EQ(a["kysoSoStart"].offset, 4u); // S o U+0301 :
    EXPECT_EQ(a["kysoNgayStart"].offset, 5u);
}

TEST(LinePlaces, FilledPlacesAndMottoAreNotPlaces) {
    auto lines = lines_of({"Số: 07/STTTT-VP", "An Giang, ngày 05 tháng 02 năm 2026", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                           "Độc Lập Tự Do"});
    PlaceSearch search = find_places_in_lines(lines, {});
    EXPECT_TRUE(search.anchors.empty());
    EXPECT_EQ(search.missing, (std::vector<Place>{Place::Number, Place::Day, Place::Month, Place::Title, Place::Name}));
}

TEST(LinePlaces, MarkedPlacesAreNotSearched) {
    auto lines = lines_of({"Số:      /QĐ-UBND"});
    PlaceSearch search = find_places_in_lines(lines, {"kysoSoStart", "kysoSoEnd", "kysoNgayStart", "kysoNgayEnd",
                                                      "kysoThangStart", "kysoThangEnd"});
    EXPECT_TRUE(search.anchors.empty());
    EXPECT_EQ(search.missing, (std::vector<Place>{Place::Title, Place::Name}));
}

// Issue 15.1 in the extension: the appendix headings' references to the decision's own number
// and date are bookmarked (kysoKemTheo1…) like boxes 3 and 4, so that prepare finds them from
// the export too; a reference that names another document (written number, another symbol) is
// not. Before, the export marked no reference at all.
TEST(LinePlaces, ReferencesToTheOwnNumberAreMarked) {
    auto lines = lines_of({
        "Số:      /2026/QĐ-UBND",                                                            // 0
        "An Giang, ngày      tháng      năm 2026",                                           // 1
        "CHỦ TỊCH",                                                                          // 2
        "Nguyễn Thanh Bình",                                                                 // 3
        "(Kèm theo Quyết định số      /2026/QĐ-UBND ngày      tháng      năm 2026",          // 4
        "2. Thay thế danh mục kèm theo Quyết định số 12/2025/QĐ-UBND ngày 05 tháng 3 năm 2025", // 5
        "(Kèm theo Quyết định số      /2026/QĐ-STC ngày      tháng      năm 2026)",          // 6
        "(Ban hành kèm theo Quyết định số ....../2026/QĐ-UBND",                              // 7
        "ngày ..... tháng ..... năm ........)",                                              // 8: same paragraph
    });
    lines[8].paragraph = 7;
    lines[8].offset = lines[7].text.size() + 1; // after the line break
    PlaceSearch search = find_places_in_lines(lines, {});
    EXPECT_TRUE(search.missing.empty());
    EXPECT_EQ(search.references, 2u);
    auto a = by_name(search);
    EXPECT_EQ(a["kysoKemTheo1SoStart"].paragraph, 4u);
    EXPECT_EQ(a["kysoKemTheo1SoStart"].offset, at(lines, 4, "số", true));
    EXPECT_EQ(a["kysoKemTheo1SoEnd"].offset, at(lines, 4, "/"));
    EXPECT_EQ(a["kysoKemTheo1NgayStart"].offset, at(lines, 4, "ngày", true));
    EXPECT_EQ(a["kysoKemTheo1NgayEnd"].offset, at(lines, 4, "tháng"));
    EXPECT_EQ(a["kysoKemTheo1ThangStart"].offset, at(lines, 4, "tháng", true));
    EXPECT_EQ(a["kysoKemTheo1ThangEnd"].offset, at(lines, 4, "năm"));
    EXPECT_EQ(a.count("kysoKemTheo1NamStart"), 0u) << "the year is printed";
    // The second: number on one line, its date on the next line of the same paragraph.
    EXPECT_EQ(a["kysoKemTheo2SoStart"].paragraph, 7u);
    EXPECT_EQ(a["kysoKemTheo2SoEnd"].offset, at(lines, 7, "/"));
    EXPECT_EQ(a["kysoKemTheo2NgayStart"].paragraph, 7u);
    EXPECT_EQ(a["kysoKemTheo2NgayStart"].offset, lines[8].offset + at(lines, 8, "ngày", true));
    EXPECT_EQ(a["kysoKemTheo2NamStart"].offset, lines[8].offset + at(lines, 8, "năm", true));
    EXPECT_EQ(a.count("kysoKemTheo3SoStart"), 0u) << "the written number and the other symbol are not references";
    EXPECT_EQ(anchors::reference(anchors::kMonthEnd, 12), "kysoKemTheo12ThangEnd");
}

} // namespace
} // namespace kyso
