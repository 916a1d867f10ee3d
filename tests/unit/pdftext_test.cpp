// Text extraction (PageText) and the text-based place finder (TextPlaces), measured on the demo
// drafts of tests/demo (made by LibreOffice on first use, cached under the test work folder)
// against two independent measurements: poppler's `pdftotext -bbox-layout`, and the named
// destinations LibreOffice writes for the drafts' kyso* bookmarks (its own layout positions).
#include "badinput/pdf_maker.hpp"
#include "core/error.hpp"
#include "core/pdf/shown_text.hpp"
#include "core/image/png_image.hpp"
#include "core/pdftext/page_frame.hpp"
#include "core/pdftext/page_picture.hpp"
#include "core/pdftext/page_text.hpp"
#include "core/pdftext/places.hpp"
#include "core/pdftext/text_assembly.hpp"
#include "core/pdftext/vi_text.hpp"
#include "core/workflow/places.hpp"
#include "core/workflow/signer_choice.hpp"
#include "support/files.hpp"
#include "support/process.hpp"
#include "support/test_env.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <regex>
#include <sstream>

namespace kyso {
namespace {

namespace fs = std::filesystem;

// ------------------------------------------------------------------ the demo drafts

/// The folder of demo drafts, made once per source version by tests/demo/ensure-demo-drafts.sh
/// (locked, stamped: the CTest fixture and parallel test processes share one build).
/// Empty (and the test skipped) when LibreOffice is not installed.
std::optional<fs::path> demo_drafts(std::string& why_not) {
    static std::optional<fs::path> dir;
    static std::string reason;
    static bool tried = false;
    if (!tried) {
        tried = true;
        const test::TestEnv& env = test::TestEnv::get();
        if (env.work.empty() || env.source.empty()) {
            reason = "KYSO_TEST_CONFIG does not name the test configuration (build/tests/kyso-test.env)";
        } else if (test::run({"sh", "-c", "command -v soffice && command -v qpdf && command -v pdftotext"}).status != 0) {
            reason = "LibreOffice (soffice), qpdf or pdftotext is not installed: scripts/install-deps.sh installs them";
        } else {
            fs::path out = env.work / "demo";
            fs::create_directories(out);
            test::RunResult r = test::run({"bash", (env.source / "demo" / "ensure-demo-drafts.sh").string(), out.string()});
            if (r.status == 0)
                dir = out;
            else
                reason = "FAILED: make-demo-drafts.sh: " + r.err + r.out;
        }
    }
    why_not = reason;
    return dir;
}

#define REQUIRE_DEMO(dir)                                                                                  \
    std::string why_not_;                                                                                  \
    std::optional<fs::path> dir##_opt = demo_drafts(why_not_);                                             \
    if (!dir##_opt && why_not_.rfind("FAILED", 0) == 0)                                                    \
        FAIL() << why_not_;                                                                                \
    if (!dir##_opt)                                                                                        \
        GTEST_SKIP() << why_not_;                                                                          \
    const fs::path dir = *dir##_opt

// ------------------------------------------------------------------ independent measurements

struct RefWord {
    std::string text;
    PageRect box; ///< converted to PDF user space (origin bottom-left)
};
struct RefPage {
    double width = 0, height = 0;
    std::vector<RefWord> words;
};

std::string xml_unescape(std::string s) {
    static const std::pair<const char*, const char*> entities[] = {
        {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&apos;", "'"}, {"&amp;", "&"}};
    for (auto [from, to] : entities)
        for (size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + 1))
            s.replace(at, std::strlen(from), to);
    return s;
}

/// `pdftotext -bbox-layout` words, page by page.
std::vector<RefPage> pdftotext_words(const fs::path& pdf) {
    test::RunResult r = test::run({"pdftotext", "-bbox-layout", pdf.string(), "-"});
    EXPECT_EQ(r.status, 0) << r.err;
    std::vector<RefPage> pages;
    static const std::regex page_re(R"re(<page width="([\d.]+)" height="([\d.]+)">)re");
    static const std::regex word_re(
        R"re(<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>)re");
    std::istringstream in(r.out);
    std::string line;
    std::smatch m;
    while (std::getline(in, line)) {
        if (std::regex_search(line, m, page_re)) {
            pages.push_back({std::stod(m[1]), std::stod(m[2]), {}});
        } else if (std::regex_search(line, m, word_re) && !pages.empty()) {
            double x0 = std::stod(m[1]), y0 = std::stod(m[2]), x1 = std::stod(m[3]), y1 = std::stod(m[4]);
            double h = pages.back().height;
            pages.back().words.push_back({xml_unescape(m[5]), {x0, h - y1, x1 - x0, y1 - y0}});
        }
    }
    return pages;
}

/// The first reference word with this text on the row of `row_of` (or anywhere when null).
const RefWord& ref_word(const RefPage& page, const std::string& text, const RefWord* row_of = nullptr) {
    for (const RefWord& w : page.words)
        if (w.text == text && (!row_of || std::abs(w.box.top() - row_of->box.top()) < 3))
            return w;
    static const RefWord none{"<none>", {}};
    ADD_FAILURE() << "pdftotext has no word \"" << text << "\"";
    return none;
}

struct Destination {
    int page = 0;
    double x = 0, y = 0;
};

/// The catalogue's /Dests as LibreOffice writes them: name -> [page /XYZ left top zoom].
std::map<std::string, Destination> named_destinations(const fs::path& pdf) {
    test::RunResult r = test::run({"qpdf", "--qdf", "--object-streams=disable", pdf.string(), "-"});
    EXPECT_EQ(r.status, 0) << r.err;
    std::string text = std::regex_replace(r.out, std::regex(R"(\s+)"), " ");
    std::map<std::string, int> page_of_object; // "%% Page N %% Original object ID: a b OBJ 0 obj"
    static const std::regex page_re(R"(%% Page (\d+) %% Original object ID: \d+ \d+ (\d+) 0 obj)");
    for (std::sregex_iterator it(text.begin(), text.end(), page_re), end; it != end; ++it)
        page_of_object[(*it)[2]] = std::stoi((*it)[1]);
    std::map<std::string, Destination> dests;
    static const std::regex dest_re(R"(/(kyso\w+) \[ (\d+) 0 R /XYZ ([\d.]+) ([\d.]+) 0 \])");
    for (std::sregex_iterator it(text.begin(), text.end(), dest_re), end; it != end; ++it)
        dests[(*it)[1]] = {page_of_object[(*it)[2]], std::stod((*it)[3]), std::stod((*it)[4])};
    return dests;
}

// ------------------------------------------------------------------ expectations per variant

struct Variant {
    std::string name;
    std::string symbol;
    std::vector<std::string> titles;
    std::string signer;
    int signer_page;
};

const Variant kQuyetDinh{"quyet-dinh", "2026/QĐ-UBND", {"TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"}, "Nguyễn Thanh Bình", 1};
const Variant kQuyetDinh2{"quyet-dinh-2-trang", "2026/QĐ-UBND", {"TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"}, "Nguyễn Thanh Bình", 2};
const Variant kCongVan{"cong-van", "UBND-VP", {"KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"}, "Trần Văn Minh", 1};

// The signature table's right cell in the .fodt sources: left margin 3 cm + 8 cm, 8.5 cm wide.
constexpr double kCm = 72 / 2.54;
constexpr double kSignerCellCentre = 3 * kCm + 8 * kCm + 8.5 * kCm / 2;

/// Places on `pdf` measured against pdftotext on the same file (to 0.02 pt: the same glyph
/// boxes) and the draft's layout; returns them for further checks.
TextPlaces check_places(const fs::path& pdf, const Variant& v) {
    SCOPED_TRACE(pdf.filename().string());
    std::vector<PageText> pages = extract_text(pdf.string());
    TextPlaces places = find_places_by_text(pages);
    std::vector<RefPage> ref = pdftotext_words(pdf);
    EXPECT_TRUE(places.missing.empty()) << places.missing.front();
    const double tol = 0.02;

    // Box 3: from the end of "Số:" to the start of "/…".
    const RefWord& so = ref_word(ref.at(0), "Số:");
    const RefWord& slash = ref_word(ref.at(0), "/" + v.symbol, &so);
    EXPECT_TRUE(places.number.has_value());
    if (places.number) {
        EXPECT_EQ(places.number->page, 1);
        EXPECT_NEAR(places.number->rect.x, so.box.right(), tol);
        EXPECT_NEAR(places.number->rect.right(), slash.box.x, tol);
        EXPECT_NEAR(places.number->rect.top(), std::max(so.box.top(), slash.box.top()), tol);
        EXPECT_NEAR(places.number->rect.y, std::min(so.box.y, slash.box.y), tol);
        EXPECT_NEAR(places.number->font_size, 13, 0.01);
    }
    EXPECT_EQ(places.symbol, v.symbol);

    // Box 4: the date line's blanks (not the "ngày … tháng …" of the legal bases in the body).
    const RefWord& ngay = ref_word(ref.at(0), "ngày", &so);
    const RefWord& thang = ref_word(ref.at(0), "tháng", &so);
    const RefWord& nam = ref_word(ref.at(0), "năm", &so);
    EXPECT_TRUE(places.day && places.month);
    if (places.day && places.month) {
        EXPECT_NEAR(places.day->rect.x, ngay.box.right(), tol);
        EXPECT_NEAR(places.day->rect.right(), thang.box.x, tol);
        EXPECT_NEAR(places.month->rect.x, thang.box.right(), tol);
        EXPECT_NEAR(places.month->rect.right(), nam.box.x, tol);
        EXPECT_NEAR(places.day->rect.top(), ngay.box.top(), tol);
        EXPECT_NEAR(places.day->font_size, 14, 0.01);
    }
    EXPECT_FALSE(places.year.has_value());
    EXPECT_EQ(places.printed_year, 2026);

    // Box 7: title lines and name, on their page.
    EXPECT_TRUE(places.signer.has_value());
    if (places.signer) {
        const SignerBlock& s = *places.signer;
        EXPECT_EQ(s.page, v.signer_page);
        EXPECT_EQ(s.title_lines, v.titles);
        EXPECT_EQ(s.name, v.signer);
        const RefPage& page = ref.at(s.page - 1);
        std::string last_word = v.titles.back().substr(v.titles.back().rfind(' ') + 1);
        std::string first_name = v.signer.substr(0, v.signer.find(' '));
        std::string last_name = v.signer.substr(v.signer.rfind(' ') + 1);
        // The last title word and the name are the last such words on the page.
        const RefWord* title_end = nullptr;
        const RefWord* name_start = nullptr;
        const RefWord* name_end = nullptr;
        for (const RefWord& w : page.words) {
            if (w.text == last_word)
                title_end = &w;
            if (w.text == first_name)
                name_start = &w;
            if (w.text == last_name)
                name_end = &w;
        }
        EXPECT_TRUE(title_end && name_start && name_end);
        if (title_end && name_start && name_end) {
            EXPECT_NEAR(s.last_title_line.right(), title_end->box.right(), tol);
            EXPECT_NEAR(s.last_title_line.top(), title_end->box.top(), tol);
            EXPECT_NEAR(s.last_title_line.y, title_end->box.y, tol);
            EXPECT_NEAR(s.name_line.x, name_start->box.x, tol);
            EXPECT_NEAR(s.name_line.right(), name_end->box.right(), tol);
            EXPECT_NEAR(s.name_line.top(), name_start->box.top(), tol);
        }
        // Centred in the table cell; the gap for the signature (five empty 14 pt lines) is kept.
        EXPECT_NEAR(s.column.centre_x(), kSignerCellCentre, 1.0);
        EXPECT_NEAR(s.last_title_line.centre_x(), kSignerCellCentre, 1.0);
        EXPECT_NEAR(s.name_line.centre_x(), kSignerCellCentre, 1.0);
        EXPECT_GT(s.last_title_line.y - s.name_line.top(), 4 * 14);
        EXPECT_LE(s.column.x, std::min(s.last_title_line.x, s.name_line.x) + tol);
        EXPECT_GE(s.column.right(), std::max(s.last_title_line.right(), s.name_line.right()) - tol);
        EXPECT_NEAR(s.column.y, s.name_line.y, tol);
    }
    return places;
}

/// The places agree with LibreOffice's own positions for the bookmarks (the destinations of
/// VARIANT.pdf): x to 0.5 pt (the plain export lays text out up to 0.15 pt apart), the line top
/// to 0.5 pt (a destination's y is the top of the bookmark's line).
void check_against_destinations(const TextPlaces& places, const fs::path& bookmarked) {
    SCOPED_TRACE("destinations of " + bookmarked.filename().string());
    std::map<std::string, Destination> d = named_destinations(bookmarked);
    ASSERT_EQ(d.size(), 8u);
    const double tol = 0.5;
    ASSERT_TRUE(places.number && places.day && places.month && places.signer);
    EXPECT_NEAR(places.number->rect.x, d["kysoSoStart"].x, tol);
    EXPECT_NEAR(places.number->rect.right(), d["kysoSoEnd"].x, tol);
    EXPECT_NEAR(places.number->rect.top(), d["kysoSoStart"].y, tol);
    EXPECT_NEAR(places.day->rect.x, d["kysoNgayStart"].x, tol);
    EXPECT_NEAR(places.day->rect.right(), d["kysoNgayEnd"].x, tol);
    EXPECT_NEAR(places.day->rect.top(), d["kysoNgayStart"].y, tol);
    EXPECT_NEAR(places.month->rect.x, d["kysoThangStart"].x, tol);
    EXPECT_NEAR(places.month->rect.right(), d["kysoThangEnd"].x, tol);
    EXPECT_EQ(places.signer->page, d["kysoChucVuEnd"].page);
    EXPECT_EQ(places.signer->page, d["kysoHoTenStart"].page);
    EXPECT_NEAR(places.signer->last_title_line.right(), d["kysoChucVuEnd"].x, tol);
    EXPECT_NEAR(places.signer->last_title_line.top(), d["kysoChucVuEnd"].y, tol);
    EXPECT_NEAR(places.signer->name_line.x, d["kysoHoTenStart"].x, tol);
    EXPECT_NEAR(places.signer->name_line.top(), d["kysoHoTenStart"].y, tol);
}

void check_variant(const fs::path& dir, const Variant& v) {
    fs::path bookmarked = dir / (v.name + ".pdf");
    TextPlaces plain = check_places(dir / (v.name + "-plain.pdf"), v);
    check_against_destinations(plain, bookmarked);
    TextPlaces with_dests = check_places(bookmarked, v);
    check_against_destinations(with_dests, bookmarked);
    // Word-like layout: the draft saved as .docx and exported again.
    check_places(dir / (v.name + "-docx.pdf"), v);
}

// ------------------------------------------------------------------ made-up pages

/// A line of words set at a fixed advance (0.5 em a character, 0.25 em a space) from x, with its
/// baseline at `base` (user space), the box from base - 0.216 em to base + 0.891 em.
TextLine line_at(double x, double base, const std::vector<std::string>& words, double size = 13) {
    TextLine line;
    for (const std::string& text : words) {
        double w = 0.5 * size * static_cast<double>(vi::decode_utf8(text).size());
        line.words.push_back({text, {x, base - 0.216 * size, w, 1.107 * size}, size});
        x += w + 0.25 * size;
    }
    line.box = line.words.front().box;
    line.box.width = line.words.back().box.right() - line.box.x;
    return line;
}

PageText page_of(std::vector<TextLine> lines) {
    PageText page;
    page.page = 1;
    page.width = 595.3;
    page.height = 841.9;
    page.crop_box = {0, 0, 595.3, 841.9};
    page.lines = std::move(lines);
    return page;
}

bool mentions(const std::vector<std::string>& messages, const std::string& text) {
    for (const std::string& m : messages)
        if (m.find(text) != std::string::npos)
            return true;
    return false;
}

detail::RawText raw(const std::u32string& text, double x, double y, double size, bool space_after,
                    double advance = -1) {
    if (advance < 0)
        advance = 0.5 * size;
    detail::RawText r;
    r.text = text;
    r.font_size = size;
    r.space_after = space_after;
    for (size_t i = 0; i < text.size(); ++i)
        r.glyphs.push_back({x + advance * static_cast<double>(i), y, x + advance * static_cast<double>(i + 1), y + size});
    r.box = {x, y, x + advance * static_cast<double>(text.size()), y + size};
    return r;
}

// ================================================================== PageText

TEST(PageText, WordsMatchPdftotextOnEveryDraft) {
    REQUIRE_DEMO(dir);
    for (const char* name : {"quyet-dinh", "quyet-dinh-2-trang", "cong-van"}) {
        for (const char* kind : {"", "-plain", "-docx"}) {
            fs::path pdf = dir / (std::string(name) + kind + ".pdf");
            SCOPED_TRACE(pdf.filename().string());
            std::vector<PageText> pages = extract_text(pdf.string());
            std::vector<RefPage> ref = pdftotext_words(pdf);
            ASSERT_EQ(pages.size(), ref.size());
            for (size_t p = 0; p < pages.size(); ++p) {
                EXPECT_EQ(pages[p].page, static_cast<int>(p + 1));
                EXPECT_NEAR(pages[p].width, ref[p].width, 0.01);
                EXPECT_NEAR(pages[p].height, ref[p].height, 0.01);
                std::vector<const TextWord*> words;
                for (const TextLine& line : pages[p].lines)
                    for (const TextWord& w : line.words)
                        words.push_back(&w);
                EXPECT_EQ(words.size(), ref[p].words.size());
                for (const RefWord& r : ref[p].words) {
                    bool found = false;
                    for (const TextWord* w : words)
                        found = found || (w->text == r.text && std::abs(w->box.x - r.box.x) < 0.01 &&
                                          std::abs(w->box.y - r.box.y) < 0.01 &&
                                          std::abs(w->box.width - r.box.width) < 0.01 &&
                                          std::abs(w->box.height - r.box.height) < 0.01);
                    EXPECT_TRUE(found) << "page " << p + 1 << ": " << r.text << " at " << r.box.x << "," << r.box.y;
                }
            }
        }
    }
}

TEST(PageText, LinesFollowTheDecree30Layout) {
    REQUIRE_DEMO(dir);
    std::vector<PageText> pages = extract_text((dir / "quyet-dinh-plain.pdf").string());
    ASSERT_EQ(pages.size(), 1u);
    const PageText& page = pages[0];
    EXPECT_NEAR(page.width, 595.3, 0.1); // A4
    EXPECT_NEAR(page.height, 841.9, 0.1);
    EXPECT_EQ(page.rotation, 0);
    std::vector<std::string> texts;
    for (const TextLine& line : page.lines)
        texts.push_back(line.text());
    ASSERT_GE(texts.size(), 4u);
    // Reading order: the header's two columns row by row; a column gap splits a row.
    EXPECT_EQ(texts[0], "ỦY BAN NHÂN DÂN");
    EXPECT_EQ(texts[1], "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
    EXPECT_EQ(texts[2], "TỈNH AN GIANG");
    EXPECT_EQ(texts[3], "Độc lập - Tự do - Hạnh phúc");
    auto find = [&](const std::string& text) {
        for (size_t i = 0; i < texts.size(); ++i)
            if (texts[i] == text)
                return static_cast<int>(i);
        ADD_FAILURE() << "no line \"" << text << "\"";
        return -1;
    };
    int so = find("Số: /2026/QĐ-UBND"); // the blank keeps "Số:" and "/2026/…" on one line
    int date = find("An Giang, ngày tháng năm 2026");
    int noi_nhan = find("Nơi nhận:");
    int tm = find("TM. ỦY BAN NHÂN DÂN");
    int chu_tich = find("CHỦ TỊCH");
    int name = find("Nguyễn Thanh Bình");
    EXPECT_EQ(date, so + 1);
    EXPECT_EQ(tm, noi_nhan + 1);
    EXPECT_LT(chu_tich, name);
    if (so >= 0 && date >= 0) {
        EXPECT_NEAR(page.lines[so].words[0].font_size, 13, 0.01);
        EXPECT_NEAR(page.lines[date].words[0].font_size, 14, 0.01);
        EXPECT_LT(page.lines[so].box.right(), page.lines[date].box.x);
    }
    // Left margin 3 cm (body lines start there), right margin 1.5 cm.
    double left = 1e9, right = 0;
    for (const TextLine& line : page.lines) {
        left = std::min(left, line.box.x);
        right = std::max(right, line.box.right());
    }
    EXPECT_NEAR(left, 3 * kCm, 0.5);
    EXPECT_LE(right, page.width - 1.5 * kCm + 0.5);
}

TEST(PageText, SecondPageCarriesPageNumberAndSignerBlock) {
    REQUIRE_DEMO(dir);
    std::vector<PageText> pages = extract_text((dir / "quyet-dinh-2-trang-plain.pdf").string());
    ASSERT_EQ(pages.size(), 2u);
    EXPECT_EQ(pages[1].page, 2);
    ASSERT_FALSE(pages[1].lines.empty());
    const TextLine& number = pages[1].lines.front();
    EXPECT_EQ(number.text(), "2"); // centred in the top margin, none on page 1
    EXPECT_NEAR(number.box.centre_x(), 3 * kCm + (pages[1].width - 4.5 * kCm) / 2, 1.0);
    EXPECT_GT(number.box.y, pages[1].height - 2 * kCm);
    EXPECT_NE(pages[0].lines.front().text(), "1");
    bool name_on_2 = false;
    for (const TextLine& line : pages[1].lines)
        name_on_2 = name_on_2 || line.text() == "Nguyễn Thanh Bình";
    EXPECT_TRUE(name_on_2);
}

TEST(PageText, RotatedPagesKeepUserSpaceBoxes) {
    REQUIRE_DEMO(dir);
    fs::path scratch = test::TestEnv::get().scratch();
    fs::path source = dir / "quyet-dinh-2-trang-plain.pdf";
    std::vector<PageText> upright = extract_text(source.string());
    for (int turn : {90, 180, 270}) {
        SCOPED_TRACE("/Rotate " + std::to_string(turn));
        fs::path rotated = scratch / ("rotated-" + std::to_string(turn) + ".pdf");
        test::RunResult r = test::run({"qpdf", "--rotate=+" + std::to_string(turn), source.string(), rotated.string()});
        ASSERT_EQ(r.status, 0) << r.err;
        std::vector<PageText> pages = extract_text(rotated.string());
        ASSERT_EQ(pages.size(), upright.size());
        for (size_t p = 0; p < pages.size(); ++p) {
            EXPECT_EQ(pages[p].rotation, turn);
            EXPECT_EQ(pages[p].reading_rotation, 0); // the text stays upright in user space
            ASSERT_EQ(pages[p].lines.size(), upright[p].lines.size());
            for (size_t i = 0; i < pages[p].lines.size(); ++i) {
                const TextLine& a = pages[p].lines[i];
                const TextLine& b = upright[p].lines[i];
                EXPECT_EQ(a.text(), b.text());
                EXPECT_NEAR(a.box.x, b.box.x, 0.01);
                EXPECT_NEAR(a.box.y, b.box.y, 0.01);
                EXPECT_NEAR(a.box.width, b.box.width, 0.01);
                EXPECT_NEAR(a.box.height, b.box.height, 0.01);
            }
        }
        TextPlaces turned = find_places_by_text(pages);
        TextPlaces straight = find_places_by_text(upright);
        ASSERT_TRUE(turned.number && straight.number && turned.signer && straight.signer);
        EXPECT_NEAR(turned.number->rect.x, straight.number->rect.x, 0.01);
        EXPECT_NEAR(turned.signer->name_line.y, straight.signer->name_line.y, 0.01);
    }
}

TEST(PageText, FrameConversionRoundTrips) {
    PageRect crop{10, 20, 500, 700};
    PageRect r{100, 200, 50, 20};
    for (int turn : {0, 90, 180, 270}) {
        PageFrame frame(crop, turn);
        PageRect back = frame.to_user(frame.to_frame(r));
        EXPECT_NEAR(back.x, r.x, 1e-9) << turn;
        EXPECT_NEAR(back.y, r.y, 1e-9) << turn;
        EXPECT_NEAR(back.width, r.width, 1e-9) << turn;
        EXPECT_NEAR(back.height, r.height, 1e-9) << turn;
    }
    FrameBox top_left = PageFrame(crop, 0).to_frame(r);
    EXPECT_NEAR(top_left.x0, 90, 1e-9);           // 100 - crop.x
    EXPECT_NEAR(top_left.y0, 720 - 220, 1e-9);    // crop.top() - r.top()
    EXPECT_NEAR(PageFrame(crop, 90).shown_width(), 700, 1e-9);
}

TEST(PageText, MergesWordsSplitAtDiacritics) {
    // "Nguy" | "ễ" (another font: no space, the box over the end of "Nguy") | "n", then " Thanh".
    std::vector<detail::RawText> boxes = {
        raw(U"Nguy", 100, 50, 14, false),
        raw(U"\u1EC5", 128 - 0.5, 50, 14, false),
        raw(U"n", 135 - 0.5, 50, 14, true),
        raw(U"Thanh", 145, 50, 14, false),
    };
    std::vector<detail::FrameLine> lines = detail::assemble_lines(boxes);
    ASSERT_EQ(lines.size(), 1u);
    ASSERT_EQ(lines[0].words.size(), 2u);
    EXPECT_EQ(lines[0].words[0].text, "Nguyễn");
    EXPECT_NEAR(lines[0].words[0].box.x0, 100, 1e-9);
    EXPECT_NEAR(lines[0].words[0].box.x1, 141.5, 1e-9);
    EXPECT_EQ(lines[0].words[1].text, "Thanh");
}

TEST(PageText, LeaderDotsAreWordsOfTheirOwn) {
    // "Số:" then "......../TTr-SNV" (one box, as poppler delivers it) and "./." at a sentence end.
    std::vector<detail::RawText> boxes = {
        raw(U"Số:", 100, 50, 13, true, 6),
        raw(U"......../TTr-SNV", 122, 50, 13, false, 4),
        raw(U"này./.", 300, 50, 13, false, 5),
    };
    std::vector<detail::FrameLine> lines = detail::assemble_lines(boxes);
    ASSERT_EQ(lines.size(), 2u); // 300 is more than 2.5 em past the symbol
    ASSERT_EQ(lines[0].words.size(), 3u);
    EXPECT_EQ(lines[0].words[1].text, "........");
    EXPECT_NEAR(lines[0].words[1].box.x0, 122, 1e-9);
    EXPECT_NEAR(lines[0].words[1].box.x1, 122 + 8 * 4, 1e-9);
    EXPECT_EQ(lines[0].words[2].text, "/TTr-SNV");
    EXPECT_NEAR(lines[0].words[2].box.x0, 122 + 8 * 4, 1e-9);
    ASSERT_EQ(lines[1].words.size(), 1u);
    EXPECT_EQ(lines[1].words[0].text, "này./.");
}

TEST(PageText, WideGapsSplitLinesNarrowGapsDoNot) {
    std::vector<detail::RawText> boxes = {
        raw(U"Số:", 100, 50, 13, true),
        raw(U"/UBND", 100 + 19.5 + 2 * 13, 50, 13, true),         // a blank of 2 em: same line
        raw(U"An", 100 + 19.5 + 2 * 13 + 32.5 + 3 * 13, 51, 14, true), // 3 em: another line
        raw(U"Giang,", 300, 120, 14, true),                        // another row
    };
    std::vector<detail::FrameLine> lines = detail::assemble_lines(boxes);
    ASSERT_EQ(lines.size(), 3u);
    EXPECT_EQ(lines[0].words.size(), 2u);
    EXPECT_EQ(lines[1].words[0].text, "An");
    EXPECT_EQ(lines[2].words[0].text, "Giang,");
}

TEST(PageText, VietnameseCaseAndSkeleton) {
    EXPECT_EQ(vi::skeleton("Nơi nhận:"), "noi nhan:");
    EXPECT_EQ(vi::skeleton("NGÀY Tháng NĂM Số Đồng"), "ngay thang nam so dong");
    EXPECT_EQ(vi::skeleton("nga\u0300y"), "ngay"); // decomposed: combining grave accent
    EXPECT_TRUE(vi::is_upper_case_text("TM. ỦY BAN NHÂN DÂN"));
    EXPECT_TRUE(vi::is_upper_case_text("KT. CHỦ TỊCH"));
    EXPECT_FALSE(vi::is_upper_case_text("Nguyễn Thanh Bình"));
    EXPECT_FALSE(vi::is_upper_case_text("./."));
    EXPECT_TRUE(vi::has_lower("ĐỘc"));
    EXPECT_EQ(vi::encode_utf8(vi::decode_utf8("Trần Văn Minh \xF0\x9F\x98\x80")), "Trần Văn Minh \xF0\x9F\x98\x80");
    EXPECT_EQ(vi::decode_utf8("a\xFF"), U"a\uFFFD");
}

TEST(PageText, MissingFileIsUnreadable) {
    fs::path missing = test::TestEnv::get().scratch() / "nothing-here.pdf";
    try {
        extract_text(missing.string());
        FAIL() << "no error";
    } catch (const Error& e) {
        EXPECT_EQ(e.code(), ErrorCode::InputUnreadable);
    }
}

TEST(PageText, NotAPdfIsRefused) {
    fs::path file = test::TestEnv::get().scratch() / "letter.pdf";
    test::write_file(file.string(), "Kính gửi: Ủy ban nhân dân tỉnh An Giang.\n");
    try {
        extract_text(file.string());
        FAIL() << "no error";
    } catch (const Error& e) {
        EXPECT_EQ(e.code(), ErrorCode::InputNotPdf);
        EXPECT_FALSE(e.vietnamese().empty());
    }
}

TEST(PageText, EncryptedPdfIsRefused) {
    REQUIRE_DEMO(dir);
    fs::path file = test::TestEnv::get().scratch() / "encrypted.pdf";
    test::RunResult r = test::run({"qpdf", "--encrypt", "user", "owner", "256", "--", (dir / "cong-van-plain.pdf").string(),
                                   file.string()});
    ASSERT_EQ(r.status, 0) << r.err;
    try {
        extract_text(file.string());
        FAIL() << "no error";
    } catch (const Error& e) {
        EXPECT_EQ(e.code(), ErrorCode::InputNotPdf);
    }
}

// ================================================================== TextPlaces

TEST(TextPlaces, QuyetDinhOnePage) {
    REQUIRE_DEMO(dir);
    check_variant(dir, kQuyetDinh);
}

TEST(TextPlaces, QuyetDinhSignerBlockOnPageTwo) {
    REQUIRE_DEMO(dir);
    check_variant(dir, kQuyetDinh2);
}

TEST(TextPlaces, CongVanSignedOnBehalf) {
    REQUIRE_DEMO(dir);
    check_variant(dir, kCongVan);
}

TEST(TextPlaces, DraftWithoutSignerBlockSaysWhatIsMissing) {
    REQUIRE_DEMO(dir);
    for (const char* kind : {"-plain", "-docx"}) {
        fs::path pdf = dir / (std::string("thieu-cho-ky") + kind + ".pdf");
        SCOPED_TRACE(pdf.filename().string());
        TextPlaces places = find_places_by_text(extract_text(pdf.string()));
        EXPECT_FALSE(places.signer.has_value());
        ASSERT_EQ(places.missing.size(), 1u);
        EXPECT_TRUE(mentions(places.missing, "khối chữ ký"));
        EXPECT_TRUE(mentions(places.missing, "Signer block not found"));
        EXPECT_TRUE(mentions(places.missing, "CHỦ TỊCH"));

        // The blanks are dotted: "Số: ......../TTr-SNV", "ngày ..... tháng ..... năm ........".
        std::vector<RefPage> ref = pdftotext_words(pdf);
        const RefWord& so = ref_word(ref.at(0), "Số:");
        const RefWord& dots = ref_word(ref.at(0), "......../TTr-SNV", &so);
        ASSERT_TRUE(places.number.has_value());
        EXPECT_NEAR(places.number->rect.x, so.box.right(), 0.02);
        // Eight dots of Liberation Serif 13 pt (advance 0.25 em) precede the slash.
        EXPECT_NEAR(places.number->rect.right(), dots.box.x + 8 * 0.25 * 13, 0.1); // LibreOffice rounds advances
        EXPECT_EQ(places.symbol, "TTr-SNV");
        const RefWord& ngay = ref_word(ref.at(0), "ngày", &so);
        const RefWord& thang = ref_word(ref.at(0), "tháng", &so);
        const RefWord& nam = ref_word(ref.at(0), "năm", &so);
        ASSERT_TRUE(places.day && places.month && places.year);
        EXPECT_NEAR(places.day->rect.x, ngay.box.right(), 0.02);
        EXPECT_NEAR(places.day->rect.right(), thang.box.x, 0.02);
        EXPECT_NEAR(places.month->rect.right(), nam.box.x, 0.02);
        // The year is blank: from "năm" to the end of its dots (the last word of the row).
        const RefWord* year_dots = nullptr;
        for (const RefWord& w : ref.at(0).words)
            if (w.text == "........" && std::abs(w.box.top() - nam.box.top()) < 3)
                year_dots = &w;
        ASSERT_NE(year_dots, nullptr);
        EXPECT_NEAR(places.year->rect.x, nam.box.right(), 0.02);
        EXPECT_NEAR(places.year->rect.right(), year_dots->box.right(), 0.02);
        EXPECT_FALSE(places.printed_year.has_value());
    }
}

TEST(TextPlaces, EmptyDocumentListsEveryPlace) {
    TextPlaces places = find_places_by_text({page_of({}), page_of({})});
    EXPECT_FALSE(places.number || places.day || places.month || places.year || places.signer);
    ASSERT_EQ(places.missing.size(), 3u);
    EXPECT_TRUE(mentions(places.missing, "Number place not found"));
    EXPECT_TRUE(mentions(places.missing, "Place and date line not found"));
    EXPECT_TRUE(mentions(places.missing, "Signer block not found"));
    for (const std::string& m : places.missing)
        EXPECT_NE(m.find(" / "), std::string::npos) << "Vietnamese / English: " << m;
}

TEST(TextPlaces, FilledNumberAndDateAreNotBlanks) {
    PageText page = page_of({
        line_at(100, 720, {"Số:", "42/2026/QĐ-UBND"}),
        line_at(300, 720, {"An", "Giang,", "ngày", "05", "tháng", "02", "năm", "2026"}, 14),
    });
    TextPlaces places = find_places_by_text({page});
    EXPECT_FALSE(places.number || places.day || places.month || places.year);
    EXPECT_EQ(places.printed_year, 2026);
    EXPECT_TRUE(mentions(places.missing, "“42”"));
    EXPECT_TRUE(mentions(places.missing, "The day is already written (“05”)"));
    EXPECT_TRUE(mentions(places.missing, "The month is already written (“02”)"));
}

TEST(TextPlaces, BlankYearGetsRoomForFourDigits) {
    PageText page = page_of({line_at(300, 720, {"Hà", "Nội,", "ngày", "tháng", "năm"}, 14)});
    // Widen the blanks: two em after "ngày" and after "tháng".
    auto& w = page.lines[0].words;
    w[3].box.x += 28;
    w[4].box.x += 56;
    TextPlaces places = find_places_by_text({page});
    ASSERT_TRUE(places.day && places.month && places.year);
    EXPECT_NEAR(places.day->rect.width, 0.25 * 14 + 28, 1e-9);
    EXPECT_NEAR(places.year->rect.x, w[4].box.right(), 1e-9);
    EXPECT_NEAR(places.year->rect.width, 2.25 * 14, 1e-9);
    EXPECT_FALSE(places.printed_year.has_value());
}

TEST(TextPlaces, TitleWithoutNameIsReported) {
    PageText page = page_of({
        line_at(85, 250, {"Nơi", "nhận:"}, 12),
        line_at(380, 250, {"KT.", "CHỦ", "TỊCH"}, 14),
        line_at(380, 234, {"PHÓ", "CHỦ", "TỊCH"}, 14),
        line_at(85, 236, {"-", "Như", "trên;"}, 11),
    });
    TextPlaces places = find_places_by_text({page});
    EXPECT_FALSE(places.signer.has_value());
    EXPECT_TRUE(mentions(places.missing, "Signer's full name not found below “PHÓ CHỦ TỊCH”"));
}

TEST(TextPlaces, MottoIsNoSignerBlock) {
    // Without "Nơi nhận" the right half of the page is searched; the national motto (an upper-case
    // line over a mixed-case one) must not pass for a title and a name.
    PageText page = page_of({
        line_at(276, 770, {"CỘNG", "HÒA", "XÃ", "HỘI", "CHỦ", "NGHĨA", "VIỆT", "NAM"}),
        line_at(325, 754, {"Độc", "Lập", "-", "Tự", "Do", "-", "Hạnh", "Phúc"}, 14),
    });
    TextPlaces places = find_places_by_text({page});
    EXPECT_FALSE(places.signer.has_value());
}

} // namespace
} // namespace kyso

namespace kyso {
namespace {

// Issue 15.2: two signer blocks side by side with "Nơi nhận" below them (a joint document):
// both found, the right-hand one first; the printed names choose between them.
std::vector<std::string> vi_words(const std::string& text) {
    std::vector<std::string> words;
    std::istringstream in(text);
    for (std::string w; in >> w;)
        words.push_back(w);
    return words;
}

PageText joint_page(const std::string& left_name, const std::string& right_name) {
    return page_of({
        line_at(100, 300, {"GIÁM", "ĐỐC", "SỞ", "TÀI", "CHÍNH"}, 14),
        line_at(360, 300, {"GIÁM", "ĐỐC", "SỞ", "NỘI", "VỤ"}, 14),
        line_at(120, 220, vi_words(left_name), 14),
        line_at(380, 220, vi_words(right_name), 14),
        line_at(85, 190, {"Nơi", "nhận:"}, 12),
        line_at(85, 176, {"-", "Lưu:", "VT."}, 11),
    });
}

TEST(JointBlocks, BothBlocksFoundAndChosenByPrintedName) {
    TextPlaces places = find_places_by_text({joint_page("Lê Văn Hùng", "Nguyễn Thanh Bình")});
    ASSERT_EQ(places.signers.size(), 2u) << "before: \"signer block not found\"";
    EXPECT_EQ(places.signers[0].name, "Nguyễn Thanh Bình");
    EXPECT_EQ(places.signers[1].name, "Lê Văn Hùng");
    EXPECT_EQ(choose_signer_block(places.signers, "  lê văn  HÙNG "), 1u);
    EXPECT_EQ(choose_signer_block(places.signers, "Nguyen Thanh Binh"), 0u) << "without diacritics";
    for (const std::string& name : {std::string(), std::string("Trần Văn Khác")}) {
        try {
            choose_signer_block(places.signers, name);
            ADD_FAILURE() << "chose a block for \"" << name << "\"";
        } catch (const Error& e) {
            EXPECT_EQ(e.code(), ErrorCode::BadArguments);
            EXPECT_NE(e.english().find("“Lê Văn Hùng”"), std::string::npos) << "lists the printed names: " << e.english();
            EXPECT_NE(e.english().find("“Nguyễn Thanh Bình”"), std::string::npos) << e.english();
        }
    }
}

TEST(JointBlocks, SamePrintedNameTwiceIsRefused) {
    TextPlaces places = find_places_by_text({joint_page("Nguyễn Thanh Bình", "Nguyễn Thanh Bình")});
    ASSERT_EQ(places.signers.size(), 2u);
    try {
        require_distinct_signer_names(places.signers);
        ADD_FAILURE() << "accepted two blocks with one name";
    } catch (const Error& e) {
        EXPECT_NE(e.english().find("Two signer blocks print the same name"), std::string::npos) << e.english();
    }
}

// Page 1 of a decision whose number and date are still blank: "Số:      /2026/QĐ-UBND",
// "An Giang, ngày      tháng      năm 2026".
PageText decision_first_page() {
    return page_of({
        line_at(100, 760, {"Số:"}),
        line_at(160, 760, {"/2026/QĐ-UBND"}),
        line_at(300, 760, {"An", "Giang,", "ngày"}, 14),
        line_at(420, 760, {"tháng"}, 14),
        line_at(480, 760, {"năm", "2026"}, 14),
    });
}

// Issue 15.1: "(Kèm theo Quyết định số      /2026/QĐ-UBND ngày      tháng      năm 2026 …)" is a
// reference to the document itself; one with a written number names another document.
TEST(OwnReferences, BlankReferenceFoundWrittenOneLeftAlone) {
    PageText first = decision_first_page();
    PageText second = page_of({
        line_at(90, 760, {"(Kèm", "theo", "Quyết", "định", "số"}, 14),
        line_at(300, 760, {"/2026/QĐ-UBND", "ngày"}, 14),
        line_at(450, 760, {"tháng"}, 14),
        line_at(510, 760, {"năm", "2026)"}, 14),
        line_at(90, 700, {"kèm", "theo", "Quyết", "định", "số", "12/2025/QĐ-UBND", "ngày", "05", "tháng", "3", "năm", "2025"}, 14),
    });
    second.page = 2;
    TextPlaces places = find_places_by_text({first, second});
    ASSERT_EQ(places.references.size(), 1u);
    const OwnReference& ref = places.references.front();
    EXPECT_EQ(ref.number.page, 2);
    EXPECT_TRUE(ref.day && ref.month);
    EXPECT_FALSE(ref.year) << "the year is printed";
    EXPECT_NEAR(ref.number.rect.right(), second.lines[1].words[0].box.x, 1e-6);
}

// Issue 15.1: "Ban hành kèm theo" (an attached regulation) is a heading like "Kèm theo"; a
// letter's attachment refers to "Công văn số      /STTTT-VP", its symbol without a year, and
// its blank date is found with the year left blank too.
TEST(OwnReferences, AttachedRegulationAndLetterReferencesAreFound) {
    PageText decision = decision_first_page();
    PageText regulation = page_of({
        line_at(90, 760, {"(Ban", "hành", "kèm", "theo", "Quyết", "định", "số"}, 14),
        line_at(330, 760, {"/2026/QĐ-UBND"}, 14),
        line_at(90, 744, {"ngày"}, 14),
        line_at(150, 744, {"tháng"}, 14),
        line_at(210, 744, {"năm", "2026", "của", "Ủy", "ban", "nhân", "dân", "tỉnh)"}, 14),
    });
    regulation.page = 2;
    TextPlaces places = find_places_by_text({decision, regulation});
    ASSERT_EQ(places.references.size(), 1u) << "the attached regulation's heading";
    EXPECT_EQ(places.references.front().number.page, 2);
    EXPECT_TRUE(places.references.front().day && places.references.front().month) << "the date on the next line";

    PageText letter = page_of({
        line_at(100, 760, {"Số:"}),
        line_at(160, 760, {"/STTTT-VP"}),
        line_at(300, 760, {"An", "Giang,", "ngày"}, 14),
        line_at(420, 760, {"tháng"}, 14),
        line_at(480, 760, {"năm"}, 14),
    });
    PageText attached = page_of({
        line_at(90, 760, {"Kèm", "theo", "Công", "văn", "số"}, 14),
        line_at(250, 760, {"/STTTT-VP", "ngày"}, 14),
        line_at(400, 760, {"tháng"}, 14),
        line_at(460, 760, {"năm"}, 14),
        line_at(90, 700, {"Kèm", "theo", "Công", "văn", "số"}, 14),
        line_at(250, 700, {"/SNV-VP"}, 14), // a blank number with another office's symbol
    });
    attached.page = 2;
    places = find_places_by_text({letter, attached});
    ASSERT_EQ(places.references.size(), 1u) << "only the reference with the letter's own symbol";
    const OwnReference& ref = places.references.front();
    EXPECT_TRUE(ref.day && ref.month && ref.year) << "a blank year is a field too";
    EXPECT_NEAR(ref.number.rect.right(), attached.lines[1].words[0].box.x, 1e-6);
}

} // namespace
} // namespace kyso

namespace kyso {
namespace {

// Issue 13.3: the finder reads forward and says which later pages it still wants, so that a long
// document is read as far as its signer block and, after it, only where "(Kèm theo …)" or, while
// no "Nơi nhận" has closed the block, "Nơi nhận" may stand.
PageText numbered_page(int number, std::vector<TextLine> lines) {
    PageText page = page_of(std::move(lines));
    page.page = number;
    return page;
}

TextLine body_line(double base) { return line_at(85, base, {"Điều", "1.", "Quyết", "định", "này", "có", "hiệu", "lực"}); }

PageText header_page() {
    return numbered_page(1, {
        line_at(100, 760, {"Số:"}),
        line_at(160, 760, {"/2026/QĐ-UBND"}),
        line_at(300, 760, {"An", "Giang,", "ngày"}, 14),
        line_at(420, 760, {"tháng"}, 14),
        line_at(480, 760, {"năm", "2026"}, 14),
        body_line(700),
    });
}

/// "Nơi nhận" at the bottom left with the block beside it (Decree 30's layout), or without it.
std::vector<TextLine> signature_area(const std::string& name, bool recipients = true) {
    std::vector<TextLine> lines{
        line_at(360, 300, {"TM.", "ỦY", "BAN", "NHÂN", "DÂN"}, 14),
        line_at(390, 284, {"CHỦ", "TỊCH"}, 14),
        line_at(370, 200, vi_words(name), 14),
    };
    if (recipients) {
        lines.push_back(line_at(85, 300, {"Nơi", "nhận:"}, 12));
        lines.push_back(line_at(85, 286, {"-", "Lưu:", "VT."}, 11));
    }
    return lines;
}

PageText appendix_page(int number) {
    return numbered_page(number, {
        line_at(250, 780, {"Phụ", "lục"}, 14),
        line_at(90, 760, {"(Kèm", "theo", "Quyết", "định", "số"}, 14),
        line_at(300, 760, {"/2026/QĐ-UBND", "ngày"}, 14),
        line_at(450, 760, {"tháng"}, 14),
        line_at(510, 760, {"năm", "2026)"}, 14),
        body_line(700),
    });
}

/// Page 1 with the number, the date and a signature area.
PageText first_page(const std::string& name, bool recipients = true) {
    PageText first = header_page();
    for (TextLine& line : signature_area(name, recipients))
        first.lines.push_back(line);
    return first;
}

TEST(PlaceFinder, BlockBesideRecipientsEndsTheSearch) {
    PlaceFinder finder;
    EXPECT_TRUE(finder.needs_whole_page());
    PageText first = first_page("Nguyễn Thanh Bình");
    finder.add_page(first);
    EXPECT_FALSE(finder.needs_whole_page()) << "boxes 3, 4 and 7 are settled on page 1";
    EXPECT_FALSE(finder.wants_page(page_letters(numbered_page(2, {body_line(700)}))));
    EXPECT_FALSE(finder.wants_page(letters_of("Nơi nhận:"))) << "the block is closed";
    EXPECT_TRUE(finder.wants_page(page_letters(appendix_page(3))));

    finder.add_page(appendix_page(3));
    // An attached text's own block and recipients, after the main document's: not the signer's.
    PageText attached = numbered_page(4, signature_area("Lê Văn Hùng"));
    finder.add_page(attached);
    TextPlaces places = finder.result();
    ASSERT_TRUE(places.signer.has_value());
    EXPECT_EQ(places.signer->name, "Nguyễn Thanh Bình");
    EXPECT_EQ(places.signer->page, 1);
    ASSERT_EQ(places.references.size(), 1u);
    EXPECT_EQ(places.references[0].number.page, 3);
    EXPECT_TRUE(places.number && places.day && places.month);
    EXPECT_TRUE(places.missing.empty());

    // The same pages handed over at once (before: the last "Nơi nhận" in the document won).
    EXPECT_EQ(find_places_by_text({first, appendix_page(3), attached}).signer->name, "Nguyễn Thanh Bình");
}

TEST(PlaceFinder, RecipientsBelowTheBlocksOnTheNextPageCloseThem) {
    // A joint document: the blocks end page 1, "Nơi nhận" heads page 2.
    PlaceFinder finder;
    PageText first = first_page("Nguyễn Thanh Bình", false);
    finder.add_page(first);
    EXPECT_TRUE(finder.needs_whole_page()) << "a block with no \"Nơi nhận\" yet: the next page is read";
    finder.add_page(numbered_page(2, {line_at(85, 780, {"Nơi", "nhận:"}, 12), line_at(85, 766, {"-", "Lưu:", "VT."}, 11)}));
    EXPECT_FALSE(finder.needs_whole_page());
    EXPECT_FALSE(finder.wants_page(letters_of("Nơi nhận:")));
    TextPlaces places = finder.result();
    ASSERT_TRUE(places.signer.has_value());
    EXPECT_EQ(places.signer->page, 1);
}

TEST(PlaceFinder, BlockWithoutRecipientsHoldsUntilALaterOne) {
    PlaceFinder finder;
    PageText first = first_page("Trần Văn Tạm", false);
    finder.add_page(first);
    finder.add_page(numbered_page(2, {body_line(700)}));
    EXPECT_FALSE(finder.needs_whole_page()) << "no block and no \"Nơi nhận\" on the page after the block";
    EXPECT_FALSE(finder.wants_page(page_letters(numbered_page(3, {body_line(700)}))));
    EXPECT_TRUE(finder.wants_page(letters_of("Nơi nhận:"))) << "a block beside \"Nơi nhận\" would still win";
    EXPECT_EQ(finder.result().signer->name, "Trần Văn Tạm");

    finder.add_page(numbered_page(9, signature_area("Nguyễn Thanh Bình")));
    TextPlaces places = finder.result();
    EXPECT_EQ(places.signer->name, "Nguyễn Thanh Bình");
    EXPECT_EQ(places.signer->page, 9);
    EXPECT_FALSE(finder.needs_whole_page());
    EXPECT_FALSE(finder.wants_page(letters_of("Nơi nhận:")));
}

TEST(PlaceFinder, NoBlockKeepsReadingEveryPage) {
    PlaceFinder finder;
    finder.add_page(header_page());
    for (int page = 2; page <= 4; ++page) {
        EXPECT_TRUE(finder.needs_whole_page());
        finder.add_page(numbered_page(page, {body_line(700)}));
    }
    EXPECT_TRUE(finder.needs_whole_page());
    EXPECT_TRUE(mentions(finder.result().missing, "Signer block not found"));
}

TEST(PlaceFinder, MayWantPageReadsRepeatedLettersOnce) {
    PlaceFinder finder;
    EXPECT_TRUE(finder.may_want_page("")) << "nothing is settled yet: every page is wanted";
    finder.add_page(first_page("Nguyễn Thanh Bình"));
    EXPECT_FALSE(finder.may_want_page("Điều 1. Quyết định này có hiệu lực"));
    EXPECT_TRUE(finder.may_want_page("(Kèm theo Quyết định số"));
    // A producer that draws each glyph twice (a false bold); poppler drops the copy.
    EXPECT_TRUE(finder.may_want_page("((KKèèmm  tthheeoo"));
    EXPECT_FALSE(finder.may_want_page("Nơi nhận:")) << "the block is closed";
}

TEST(PlaceFinder, LettersAreTheSkeletonsLetters) {
    EXPECT_EQ(letters_of("(Kèm theo Quyết định số"), "kemtheoquyetdinhso");
    EXPECT_EQ(letters_of("NƠI NHẬN:"), "noinhan");
    EXPECT_EQ(letters_of("12/2026"), "");
}

} // namespace
} // namespace kyso

namespace kyso {
namespace {

// Issue 13.3: ShownText, the skim that lets a long draft's pages go unread by poppler, reads the
// same letters poppler does (in content order, which is poppler's reading order but for table
// cells side by side), and says when it is not sure.

std::string sorted_letters(std::string letters) {
    std::sort(letters.begin(), letters.end());
    return letters;
}

TEST(ShownText, ShowsTheLettersPopplerReadsOnEveryDemoPage) {
    REQUIRE_DEMO(dir);
    int pages_compared = 0;
    for (const fs::directory_entry& entry : fs::directory_iterator(dir)) {
        if (entry.path().extension() != ".pdf")
            continue;
        SCOPED_TRACE(entry.path().filename().string());
        PdfPageText poppler(entry.path().string());
        ShownText skim(entry.path().string());
        ASSERT_EQ(skim.page_count(), poppler.page_count());
        for (int page = 1; page <= poppler.page_count(); ++page) {
            std::optional<std::string> shown = skim.page(page);
            ASSERT_TRUE(shown) << "page " << page << ": LibreOffice's fonts all carry a ToUnicode CMap";
            EXPECT_EQ(sorted_letters(letters_of(*shown)), sorted_letters(page_letters(poppler.read(page))))
                << "page " << page;
            ++pages_compared;
        }
    }
    EXPECT_GE(pages_compared, 18);
}

// One page of hand-written content; `resources` and `extra` (more page keys) around it, and
// `objects` added after the page (numbered from 5).
std::string one_page_pdf(const std::string& content, const std::string& resources,
                         const std::vector<std::string>& objects = {}, const std::string& extra = {}) {
    test::PdfMaker pdf;
    pdf.add("<< /Type /Catalog /Pages 2 0 R >>");
    pdf.add("<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
    pdf.add("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources " + resources +
            " /Contents 4 0 R " + extra + " >>");
    pdf.add(test::stream_body(content));
    for (const std::string& body : objects)
        pdf.add(body);
    std::string path = (test::TestEnv::get().scratch() / "shown.pdf").string();
    test::write_file(path, pdf.build());
    return path;
}

std::optional<std::string> shown_on_page_1(const std::string& path) { return ShownText(path).page(1); }

const std::string kHelvetica = "<< /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica "
                               "/Encoding /WinAnsiEncoding >> >> >>";

TEST(ShownText, DecodesThroughToUnicodeAndTheStandardEncoding) {
    // codes 1-3 through the CMap (one of them by a range), the rest as WinAnsi ASCII
    std::string cmap = "/CIDInit /ProcSet findresource begin 12 dict begin begincmap 1 begincodespacerange "
                       "<00> <FF> endcodespacerange 1 beginbfchar <01> <004B> endbfchar 1 beginbfrange "
                       "<02> <03> <00E8> endbfrange endcmap CMapName currentdict /CMap defineresource pop end end";
    std::string path = one_page_pdf(
        "BT /F1 12 Tf 72 700 Td [<0102>-20<03>] TJ ( theo) Tj (\\(x\\)) ' ET q BT /F2 9 Tf (AB) Tj ET Q",
        "<< /Font << /F1 5 0 R /F2 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >>",
        {"<< /Type /Font /Subtype /TrueType /BaseFont /X /Encoding /WinAnsiEncoding /ToUnicode 6 0 R >>",
         test::stream_body(cmap)});
    EXPECT_EQ(shown_on_page_1(path), std::optional<std::string>("Kèé theo(x)AB"));
}

TEST(ShownText, FormsAndAppearancesAreRead) {
    std::string path = one_page_pdf("q /X1 Do Q", "<< /XObject << /X1 5 0 R >> >>",
                                    {test::stream_body("BT /F1 12 Tf (Kem) Tj ET",
                                                       "/Type /XObject /Subtype /Form /BBox [0 0 100 100] /Resources " + kHelvetica),
                                     "<< /Type /Annot /Subtype /FreeText /Rect [0 0 10 10] /AP << /N 7 0 R >> >>",
                                     test::stream_body("BT /F1 12 Tf (theo) Tj ET",
                                                       "/Type /XObject /Subtype /Form /BBox [0 0 10 10] /Resources " + kHelvetica)},
                                    "/Annots [6 0 R]");
    EXPECT_EQ(shown_on_page_1(path), std::optional<std::string>("Kemtheo"));
}

TEST(ShownText, WhatItCannotReadForSureIsLeftToPoppler) {
    EXPECT_EQ(shown_on_page_1(one_page_pdf("BT /F1 12 Tf (x) Tj ET", kHelvetica)), std::optional<std::string>("x"));
    // A Type3 font: its glyphs are procedures.
    EXPECT_FALSE(shown_on_page_1(one_page_pdf(
        "BT /T3 12 Tf (a) Tj ET",
        "<< /Font << /T3 << /Type /Font /Subtype /Type3 /FontBBox [0 0 1 1] /FontMatrix [1 0 0 1 0 0] "
        "/CharProcs << >> /Encoding << /Differences [97 /a] >> /FirstChar 97 /LastChar 97 /Widths [1] >> >> >>")));
    // /ActualText replaces what the span shows.
    EXPECT_FALSE(shown_on_page_1(one_page_pdf("/Span << /ActualText (Kem theo) >> BDC BT /F1 12 Tf (x) Tj ET EMC", kHelvetica)));
    // An inline image's bytes are not tokens.
    EXPECT_FALSE(shown_on_page_1(one_page_pdf("BI /W 1 /H 1 /BPC 8 /CS /G ID \x01 EI BT /F1 12 Tf (x) Tj ET", kHelvetica)));
    // A font the resources do not have, a code the CMap lacks.
    EXPECT_FALSE(shown_on_page_1(one_page_pdf("BT /F9 12 Tf (x) Tj ET", kHelvetica)));
    EXPECT_FALSE(shown_on_page_1(one_page_pdf(
        "BT /F1 12 Tf <0001> Tj ET",
        "<< /Font << /F1 << /Type /Font /Subtype /Type0 /BaseFont /X /Encoding /Identity-H "
        "/DescendantFonts [] /ToUnicode 5 0 R >> >> >>",
        {test::stream_body("1 beginbfchar <0002> <0041> endbfchar")})));
    // A text field with a value and no appearance: poppler makes one from the value.
    EXPECT_FALSE(shown_on_page_1(one_page_pdf(
        "", "<< >>", {"<< /Type /Annot /Subtype /Widget /FT /Tx /T (a) /V (Kem theo) /Rect [0 0 10 10] >>"},
        "/Annots [5 0 R]")));
    // ... while an empty one, and a signature's value, draw nothing.
    EXPECT_EQ(shown_on_page_1(one_page_pdf(
                  "", "<< >>",
                  {"<< /Type /Annot /Subtype /Widget /FT /Tx /T (a) /Rect [0 0 10 10] >>",
                   "<< /Type /Annot /Subtype /Widget /FT /Sig /T (b) /V << /Type /Sig >> /Rect [0 0 10 10] >>"},
                  "/Annots [5 0 R 6 0 R]")),
              std::optional<std::string>(""));
}

// A draft of `pages` pages made by qpdf from the demo drafts: the decision with an appendix
// (page 1: number, date, signer block beside "Nơi nhận"; its appendix page, "(Kèm theo Quyết
// định số …)", at `appendix_at` and at the end), body pages between them (page 1 of the
// two-page decision: text, no keyword).
std::string long_draft(const fs::path& demo, int pages, int appendix_at) {
    auto copies = [](int n) {
        std::string range = "1";
        for (int i = 1; i < n; ++i)
            range += ",1";
        return range;
    };
    std::string with_appendix = (demo / "quyet-dinh-phu-luc-plain.pdf").string();
    std::string body = (demo / "quyet-dinh-2-trang-plain.pdf").string();
    std::string out = (test::TestEnv::get().scratch() / ("long-draft-" + std::to_string(pages) + ".pdf")).string();
    test::RunResult r = test::run({"qpdf", "--empty", "--pages", with_appendix, "1", body, copies(appendix_at - 2),
                                   with_appendix, "2", body, copies(pages - appendix_at - 1), with_appendix, "2",
                                   "--", out});
    EXPECT_EQ(r.status, 0) << r.err;
    return out;
}

TEST(LongDraft, OnlyThePagesThatMayHoldAPlaceAreLaidOut) {
    REQUIRE_DEMO(dir);
    constexpr int kPages = 400;
    std::string path = long_draft(dir, kPages, 150);
    DocumentPlaces located = locate_places(path);
    EXPECT_EQ(located.pages, kPages);
    const TextPlaces& places = located.places;
    ASSERT_TRUE(places.signer && places.number && places.day && places.month);
    EXPECT_EQ(places.signer->page, 1);
    ASSERT_EQ(places.references.size(), 2u);
    EXPECT_EQ(places.references[0].number.page, 150);
    EXPECT_EQ(places.references[1].number.page, kPages);
    // Page 1 (the block, closed by "Nơi nhận" beside it) and the two appendix pages; every
    // other page is skimmed (before: all 400 pages laid out by poppler).
    EXPECT_EQ(located.pages_read, 3);

    // The same document's pages read in full find the same places.
    TextPlaces full = find_places_by_text(extract_text(path));
    ASSERT_EQ(full.references.size(), 2u);
    EXPECT_EQ(full.references[1].number.page, kPages);
    EXPECT_EQ(full.signer->name, places.signer->name);
}


// The preview's picture (issue 16.3): a page as shown, its /Rotate applied, a rectangle found on
// it where poppler draws it; a page that is not there, a file poppler cannot read and a picture
// that cannot be written each get their own clear error, and no picture.
TEST(PagePicture, RotatedPageIsShownTurnedAndItsRectanglesFollow) {
    REQUIRE_DEMO(dir);
    fs::path scratch = test::TestEnv::get().scratch();
    std::string turned = (scratch / "xoay.pdf").string();
    test::RunResult r = test::run({"qpdf", "--rotate=+90:1", (dir / "cong-van-plain.pdf").string(), turned});
    ASSERT_EQ(r.status, 0) << r.err;
    std::string png = (scratch / "trang.png").string();
    PagePicture picture = render_page_png(turned, 1, 72, png);
    EXPECT_EQ(picture.page, 1);
    EXPECT_GT(picture.width, picture.height) << "a portrait page turned a quarter is shown landscape";
    EXPECT_EQ(load_png(png).width, static_cast<unsigned>(picture.width));
    // The bottom-left corner of the page in user space is shown top left once turned clockwise.
    PixelBox corner = pixels_of(turned, 1, 72, PageRect{0, 0, 10, 20});
    EXPECT_EQ(corner.x0, 0);
    EXPECT_EQ(corner.y0, 0);
    EXPECT_EQ(corner.x1, 20) << "the rectangle's height runs across once turned";
    EXPECT_EQ(corner.y1, 10);
}

TEST(PagePicture, BadPagesFilesAndPicturesAreRefusedClearly) {
    REQUIRE_DEMO(dir);
    fs::path scratch = test::TestEnv::get().scratch();
    std::string pdf = (dir / "cong-van-plain.pdf").string(), png = (scratch / "trang.png").string();
    auto code_of = [](const std::function<void()>& action, const std::string& english) {
        try {
            action();
        } catch (const Error& e) {
            EXPECT_NE(e.english().find(english), std::string::npos) << e.english();
            EXPECT_FALSE(e.vietnamese().empty());
            return e.code();
        }
        ADD_FAILURE() << "no error";
        return ErrorCode::Internal;
    };
    EXPECT_EQ(code_of([&] { render_page_png(pdf, 9, 72, png); }, "There is no page 9"), ErrorCode::BadArguments);
    EXPECT_EQ(code_of([&] { pixels_of(pdf, 0, 72, PageRect{0, 0, 1, 1}); }, "There is no page 0"),
              ErrorCode::BadArguments);
    std::string letter = (scratch / "thu.pdf").string();
    test::write_file(letter, "Kính gửi: Ủy ban nhân dân tỉnh An Giang.\n");
    EXPECT_EQ(code_of([&] { render_page_png(letter, 1, 72, png); }, ""), ErrorCode::InputNotPdf);
    EXPECT_FALSE(fs::exists(png));
    std::string nowhere = (scratch / "khong-co" / "trang.png").string();
    EXPECT_EQ(code_of([&] { render_page_png(pdf, 1, 72, nowhere); }, "Cannot write the preview image"),
              ErrorCode::OutputProblem);
}

} // namespace
} // namespace kyso
