#include "core/pdftext/places.hpp"

#include "core/pdftext/form_text.hpp"
#include "core/pdftext/page_frame.hpp"
#include "core/pdftext/text_assembly.hpp"
#include "core/pdftext/vi_text.hpp"

#include <algorithm>
#include <set>

namespace kyso {
namespace {

// ------------------------------------------------------------------ the pages, reading frame
// The search reasons as a reader does (left to right, top to bottom), so every page is first
// turned into its reading frame; results go back to user space through the same PageFrame.

struct Word {
    std::string text;
    std::string key; ///< vi::skeleton(text)
    FrameBox box;
    double size = 0;
};

struct Line {
    std::vector<Word> words;
    FrameBox box;
    std::string text;
};

struct Page {
    int number = 0;
    PageFrame frame;
    std::vector<Line> lines;
};

Page reading_frame(const PageText& page) {
    PageRect crop = page.crop_box;
    if (crop.width <= 0 || crop.height <= 0)
        crop = {0, 0, page.width, page.height};
    Page p{page.page, PageFrame(crop, page.reading_rotation), {}};
    for (const TextLine& line : page.lines) {
        Line l;
        l.box = p.frame.to_frame(line.box);
        l.text = line.text();
        for (const TextWord& word : line.words) {
            double size = word.font_size > 0 ? word.font_size : word.box.height;
            l.words.push_back({word.text, vi::skeleton(word.text), p.frame.to_frame(word.box), size});
        }
        if (!l.words.empty())
            p.lines.push_back(std::move(l));
    }
    return p;
}

double overlap_ratio(const FrameBox& a, const FrameBox& b) {
    double overlap = std::min(a.y1, b.y1) - std::max(a.y0, b.y0);
    double smaller = std::min(a.height(), b.height());
    return smaller > 0 ? overlap / smaller : 0;
}

/// The page's words on the row of `anchor` (any line: a wide blank may split a row into two
/// lines) starting right of `from_x`, left to right.
std::vector<const Word*> row_after(const Page& page, const Word& anchor, double from_x) {
    std::vector<const Word*> row;
    for (const Line& line : page.lines) {
        if (overlap_ratio(line.box, anchor.box) < 0.5)
            continue;
        for (const Word& word : line.words)
            if (word.box.x0 >= from_x && &word != &anchor && overlap_ratio(word.box, anchor.box) >= 0.5)
                row.push_back(&word);
    }
    std::sort(row.begin(), row.end(), [](const Word* a, const Word* b) { return a->box.x0 < b->box.x0; });
    return row;
}

Gap make_gap(const Page& page, double x0, double x1, const FrameBox& a, const FrameBox& b, double size) {
    FrameBox box{x0, std::min(a.y0, b.y0), x1, std::max(a.y1, b.y1)};
    return {page.number, page.frame.to_user(box), size};
}

std::vector<std::string> word_texts(const std::vector<Word>& words) {
    std::vector<std::string> texts;
    for (const Word& word : words)
        texts.push_back(word.text);
    return texts;
}

std::vector<std::string> word_texts(const std::vector<const Word*>& words) {
    std::vector<std::string> texts;
    for (const Word* word : words)
        texts.push_back(word->text);
    return texts;
}

std::string quoted(const std::string& s) { return "\u201C" + s + "\u201D"; }

// ------------------------------------------------------------------ box 3: the number

/// 1. Find "Số:" (or "Số" ":"), the first on the earliest page.
/// 2. Walk its row to the right: leader dots belong to the blank; the first word starting with
///    "/" ends it and carries the symbol; digits before the slash mean the number is filled.
/// Returns true when the page settles box 3 (found, or found filled or too narrow: `missing`).
bool find_number(const Page& page, TextPlaces& places, std::vector<std::string>& missing) {
    for (const Line& line : page.lines) {
        std::vector<std::string> texts = word_texts(line.words);
        for (size_t i = 0; i < line.words.size(); ++i) {
            size_t label_words = form::number_label(texts, i);
            if (label_words == 0)
                continue;
            const Word& label = line.words[i];
            double label_end = line.words[i + label_words - 1].box.x1;
            std::vector<const Word*> row;
            for (const Word* word : row_after(page, label, label_end - 0.01)) {
                if (word->box.x0 - label_end > 20 * label.size)
                    break;
                if (word != &line.words[i + label_words - 1])
                    row.push_back(word);
            }
            std::optional<form::NumberField> field = form::read_number_field(word_texts(row));
            if (!field)
                continue;
            const Word& slash_word = *row[field->slash_word];
            places.symbol = field->symbol;
            if (!field->filled.empty()) {
                missing.push_back(
                    "Số văn bản đã được ghi (" + quoted(field->filled) +
                    "); văn thư cấp số khi ban hành, hãy để trống / The number is already written (" +
                    quoted(field->filled) + "); the clerk assigns it at issue, leave it blank");
                return true;
            }
            if (slash_word.box.x0 - label_end < 0.8 * label.size) {
                missing.push_back(
                    "Khoảng trống giữa “Số:” và “/” quá hẹp để ghi số / The blank between “Số:” and "
                    "“/” is too narrow for the number: leave a few spaces");
                return true;
            }
            places.number = make_gap(page, label_end, slash_word.box.x0, label.box, slash_word.box, label.size);
            return true;
        }
    }
    return false;
}

const char* const kNumberNotFound =
    "Chưa có chỗ ghi số văn bản: ghi “Số:”, để trống (hoặc dấu chấm) rồi đến “/ký hiệu”, ví dụ "
    "“Số:      /2026/QĐ-UBND” / Number place not found: write “Số:”, a blank (or dots), then "
    "“/symbol”, e.g. “Số:      /2026/QĐ-UBND”";

// ------------------------------------------------------------------ box 4: place and date

struct DateLine {
    const Page* page = nullptr;
    const Word* ngay = nullptr;
    const Word* thang = nullptr;
    const Word* nam = nullptr;
    std::vector<const Word*> day, month, year; ///< the words in each blank (dots or digits)
    bool after_place = false;                  ///< "<place>," precedes "ngày"
};

std::optional<DateLine> read_date_line(const Page& page, const Word& ngay) {
    DateLine date;
    date.page = &page;
    date.ngay = &ngay;
    std::vector<const Word*> row = row_after(page, ngay, ngay.box.x1 - 0.01);
    std::optional<form::DateField> field = form::read_date_field(word_texts(row));
    if (!field)
        return std::nullopt;
    date.thang = row[field->thang];
    date.nam = row[field->nam];
    for (size_t i : field->day)
        date.day.push_back(row[i]);
    for (size_t i : field->month)
        date.month.push_back(row[i]);
    for (size_t i : field->year) { // the year's blank ends a few ems after "năm"
        if (row[i]->box.x0 - date.nam->box.x1 >= 8 * date.nam->size)
            break;
        date.year.push_back(row[i]);
    }
    // "<place>," right before "ngày" on the same row.
    const Word* before = nullptr;
    for (const Line& line : page.lines)
        for (const Word& word : line.words)
            if (word.box.x1 <= ngay.box.x0 + 0.01 && overlap_ratio(word.box, ngay.box) >= 0.5 &&
                (!before || word.box.x1 > before->box.x1))
                before = &word;
    date.after_place = before && !before->text.empty() && before->text.back() == ',';
    return date;
}

/// Fills one of day/month from the words between two keywords; reports a filled or too narrow blank.
void day_or_month(const DateLine& date, const Word& from, const Word& to, const std::vector<const Word*>& between,
                  std::optional<Gap>& gap, const char* vi_name, const char* en_name, const char* vi_next,
                  std::vector<std::string>& missing) {
    for (const Word* word : between) {
        if (!form::leading_digits(word->text).empty()) {
            missing.push_back(std::string(vi_name) + " đã được ghi (" + quoted(word->text) +
                              "); hãy để trống giữa “" + from.text + "” và “" + vi_next + "” / The " + en_name +
                              " is already written (" + quoted(word->text) + "); leave a blank between “" +
                              from.text + "” and “" + vi_next + "”");
            return;
        }
    }
    if (to.box.x0 - from.box.x1 < 0.8 * from.size) {
        missing.push_back("Khoảng trống sau “" + from.text + "” quá hẹp / The blank after “" + from.text +
                          "” is too narrow for the " + en_name + ": leave a few spaces");
        return;
    }
    gap = make_gap(*date.page, from.box.x1, to.box.x0, from.box, to.box, from.size);
}

/// Box 4 as read from one date line: its gaps, or why a part cannot be filled in.
struct DateReading {
    std::optional<Gap> day, month, year;
    std::optional<int> printed_year;
    std::vector<std::string> missing;
};

/// Day and month blanks run from the end of one keyword to the start of the next; the year is
/// printed, or a blank after "năm" (its dots, or room for four digits).
DateReading read_date(const DateLine& d) {
    DateReading out;
    day_or_month(d, *d.ngay, *d.thang, d.day, out.day, "Ngày ban hành", "day", "tháng", out.missing);
    day_or_month(d, *d.thang, *d.nam, d.month, out.month, "Tháng ban hành", "month", "năm", out.missing);

    const Word& nam = *d.nam;
    if (!d.year.empty() && !form::leading_digits(d.year.front()->text).empty()) {
        std::string digits = form::leading_digits(d.year.front()->text);
        if (digits.size() == 4)
            out.printed_year = std::stoi(digits);
        else
            out.missing.push_back("Năm ban hành không rõ (" + quoted(d.year.front()->text) +
                                  "); hãy ghi đủ bốn chữ số / The year (" + quoted(d.year.front()->text) +
                                  ") is unclear: write all four digits");
        return out;
    }
    double end = d.year.empty() ? nam.box.x1 + 2.25 * nam.size : d.year.back()->box.x1;
    FrameBox right = d.year.empty() ? nam.box : d.year.back()->box;
    out.year = make_gap(*d.page, nam.box.x1, end, nam.box, right, nam.size);
    return out;
}

/// Every "ngày … tháng … năm" on one row with only blanks, dots or one number between the
/// keywords is a candidate; the first one after "<place>," wins (`chosen`: the search ends),
/// else the first with a blank (`fallback`).
void find_date(const Page& page, std::optional<DateReading>& chosen, std::optional<DateReading>& fallback) {
    for (const Line& line : page.lines) {
        for (const Word& word : line.words) {
            if (word.key != "ngay")
                continue;
            std::optional<DateLine> date = read_date_line(page, word);
            if (!date)
                continue;
            if (date->after_place && !chosen)
                chosen = read_date(*date);
            bool has_blank = date->day.empty() || date->month.empty() || form::is_fill(date->day.front()->text) ||
                             form::is_fill(date->month.front()->text);
            if (has_blank && !fallback)
                fallback = read_date(*date);
        }
    }
}

const char* const kDateNotFound =
    "Chưa có dòng địa danh, ngày tháng: ghi ví dụ “An Giang, ngày      tháng      năm 2026”, để "
    "trống ngày và tháng / Place and date line not found: write e.g. “An Giang, ngày      tháng      "
    "năm 2026” with day and month left blank";

// ------------------------------------------------------------------ references to the document itself

/// A blank reference and the symbol it names (kept when it is the main number's).
struct FoundReference {
    OwnReference reference;
    std::string symbol;
};

/// A blank between two words of a row, wide enough to write in; nullopt when the words between
/// hold a number or the blank is too narrow.
std::optional<Gap> blank_between(const Page& page, const Word& from, const Word& to,
                                 const std::vector<const Word*>& between) {
    for (const Word* word : between)
        if (!form::leading_digits(word->text).empty())
            return std::nullopt;
    if (to.box.x0 - from.box.x1 < 0.8 * from.size)
        return std::nullopt;
    return make_gap(page, from.box.x1, to.box.x0, from.box, to.box, from.size);
}

/// The year of a date line: nullopt when printed, else the blank after "năm".
std::optional<Gap> blank_year(const DateLine& d) {
    if (!d.year.empty() && !form::leading_digits(d.year.front()->text).empty())
        return std::nullopt;
    const Word& nam = *d.nam;
    double end = d.year.empty() ? nam.box.x1 + 2.25 * nam.size : d.year.back()->box.x1;
    FrameBox right = d.year.empty() ? nam.box : d.year.back()->box;
    return make_gap(*d.page, nam.box.x1, end, nam.box, right, nam.size);
}

/// 1. A line containing "kèm theo" opens a reference; it may wrap onto the next two lines.
/// 2. In it, "số" followed by a blank and "/<symbol>" (the main number's symbol) is a reference
///    to this document; a written number names another document and is left alone.
/// 3. A "ngày … tháng … năm" after it with blank day and month is the reference's date.
/// `symbol`: the main number's, when already known (else every blank reference, checked at the end).
void find_references(const Page& page, const std::string& symbol, std::vector<FoundReference>& found) {
    std::set<const Word*> used; // a wrapped reference is met from each of its lines
    for (size_t l = 0; l < page.lines.size(); ++l) {
        if (vi::skeleton(page.lines[l].text).find("kem theo") == std::string::npos)
            continue;
        std::vector<const Word*> words; // the reference's lines
        for (size_t k = l; k < page.lines.size() && k < l + 3; ++k)
            for (const Word& word : page.lines[k].words)
                words.push_back(&word);
        std::optional<OwnReference> reference;
        std::string reference_symbol;
        for (size_t i = 0; i < words.size(); ++i) {
            const Word& word = *words[i];
            if (!reference && word.key == "so" && !used.count(&word)) {
                std::vector<const Word*> row;
                for (const Word* next : row_after(page, word, word.box.x1 - 0.01)) {
                    if (next->box.x0 - word.box.x1 > 20 * word.size)
                        break;
                    row.push_back(next);
                }
                std::optional<form::NumberField> field = form::read_number_field(word_texts(row));
                if (!field || !field->filled.empty() || (!symbol.empty() && field->symbol != symbol))
                    continue;
                const Word& slash = *row[field->slash_word];
                if (slash.box.x0 - word.box.x1 < 0.8 * word.size)
                    continue;
                used.insert(&word);
                reference_symbol = field->symbol;
                reference = OwnReference{make_gap(page, word.box.x1, slash.box.x0, word.box, slash.box, word.size),
                                         std::nullopt, std::nullopt, std::nullopt};
            } else if (reference && word.key == "ngay") {
                std::optional<DateLine> date = read_date_line(page, word);
                if (!date)
                    continue;
                reference->day = blank_between(page, *date->ngay, *date->thang, date->day);
                reference->month = blank_between(page, *date->thang, *date->nam, date->month);
                if (reference->day && reference->month)
                    reference->year = blank_year(*date);
                else
                    reference->day = reference->month = std::nullopt;
                break;
            }
        }
        if (reference)
            found.push_back({*reference, reference_symbol});
    }
}

// ------------------------------------------------------------------ box 7: the signer block

bool is_title_line(const Line& line) { return form::is_title_line(line.text); }

bool looks_like_name(const Line& line) { return form::is_name_line(word_texts(line.words)); }

struct Candidate {
    const Page* page = nullptr;
    std::vector<const Line*> titles;
    const Line* name = nullptr;
};

/// Title runs followed by a name among `lines` (one page's right-hand column, top to bottom).
std::vector<Candidate> signer_candidates(const Page& page, const std::vector<const Line*>& lines,
                                         std::string& orphan_title) {
    std::vector<Candidate> found;
    for (size_t i = 0; i < lines.size();) {
        if (!is_title_line(*lines[i])) {
            ++i;
            continue;
        }
        Candidate c{&page, {lines[i]}, nullptr};
        size_t j = i + 1;
        while (j < lines.size() && is_title_line(*lines[j]) &&
               lines[j]->box.y0 - c.titles.back()->box.y1 < c.titles.back()->box.height())
            c.titles.push_back(lines[j++]);
        while (j < lines.size() && form::is_hint_line(lines[j]->text)) // "(Ký, ghi rõ họ tên)"
            ++j;
        const Line& last = *c.titles.back();
        FrameBox span = c.titles.front()->box;
        for (const Line* t : c.titles)
            span = unite(span, t->box);
        if (j < lines.size()) {
            const Line& next = *lines[j];
            bool below = next.box.y0 >= last.box.y1 - 0.5 && next.box.y0 - last.box.y1 < 12 * last.box.height();
            double slack = last.box.height();
            bool same_column = next.box.centre_x() > span.x0 - slack && next.box.centre_x() < span.x1 + slack;
            if (below && same_column && looks_like_name(next)) {
                c.name = &next;
                found.push_back(c);
                i = j + 1;
                continue;
            }
        }
        orphan_title = last.text;
        i = j;
    }
    return found;
}

/// The block's title lines, name and column in user space.
SignerBlock block_of(const Candidate& c) {
    const PageFrame& frame = c.page->frame;
    SignerBlock block;
    block.page = c.page->number;
    for (const Line* t : c.titles)
        block.title_lines.push_back(t->text);
    block.last_title_line = frame.to_user(c.titles.back()->box);
    block.name = c.name->text;
    block.name_line = frame.to_user(c.name->box);
    // The lines are centred in their table cell: the widest line gives the column's width, and
    // its centre the column's axis.
    const Line* widest = c.name;
    for (const Line* t : c.titles)
        if (t->box.width() > widest->box.width())
            widest = t;
    double centre = widest->box.centre_x();
    double half = widest->box.width() / 2;
    block.column = frame.to_user({centre - half, c.titles.front()->box.y0, centre + half, c.name->box.y1});
    return block;
}

/// The lines of the page's right-hand column: right of `anchor` ("Nơi nhận") from its row
/// down when given, else the right half of the page.
std::vector<const Line*> right_hand_column(const Page& page, const Line* anchor) {
    double width = page.frame.shown_width();
    std::vector<const Line*> column;
    for (const Line& line : page.lines) {
        bool right_half = line.box.centre_x() > width * 0.5;
        if (anchor) {
            double size = anchor->words.front().size;
            if (right_half && line.box.x0 > anchor->box.x1 && line.box.y0 >= anchor->box.y0 - 1.5 * size)
                column.push_back(&line);
        } else if (right_half && line.box.x0 > width * 0.3) {
            column.push_back(&line);
        }
    }
    return column;
}

/// Joint documents (văn bản liên tịch): the other signers' blocks beside `main`, in the left
/// half of its page on the same rows, left to right.
std::vector<Candidate> joint_blocks(const Candidate& main) {
    const Page& page = *main.page;
    double line_height = main.titles.back()->box.height();
    double top = main.titles.front()->box.y0 - line_height, bottom = main.name->box.y1 + line_height;
    std::vector<const Line*> left;
    for (const Line& line : page.lines)
        if (line.box.centre_x() < page.frame.shown_width() * 0.5 && line.box.y0 >= top && line.box.y1 <= bottom)
            left.push_back(&line);
    std::string orphan;
    std::vector<Candidate> found = signer_candidates(page, left, orphan);
    std::sort(found.begin(), found.end(),
              [](const Candidate& a, const Candidate& b) { return a.name->box.x0 < b.name->box.x0; });
    return found;
}

/// A block the search settled on: the signer's, and the joint document's others beside it.
std::vector<SignerBlock> blocks_of(const Candidate& main) {
    std::vector<SignerBlock> blocks{block_of(main)};
    for (const Candidate& other : joint_blocks(main))
        blocks.push_back(block_of(other));
    return blocks;
}

const char* const kNoSignerBlock =
    "Chưa có khối chữ ký: ghi chức vụ người ký in hoa (ví dụ “CHỦ TỊCH”) ở cột bên phải, để trống "
    "vài dòng rồi ghi họ tên người ký / Signer block not found: write the signer's title in "
    "capitals (e.g. “CHỦ TỊCH”) in the right-hand column, leave a few blank lines, then the "
    "signer's full name";

// What wants_page looks for in a page's letters once boxes 3, 4 and 7 are settled.
constexpr std::string_view kReferenceKey = "kemtheo";  // "(Kèm theo Quyết định số …)"
constexpr std::string_view kRecipientsKey = "noinhan"; // "Nơi nhận:"

// may_want_page takes runs of one letter once: a key with a doubled letter could then be missed.
constexpr bool has_doubled_letter(std::string_view key) {
    for (size_t i = 1; i < key.size(); ++i)
        if (key[i] == key[i - 1])
            return true;
    return false;
}
static_assert(!has_doubled_letter(kReferenceKey) && !has_doubled_letter(kRecipientsKey));

} // namespace

struct PlaceFinder::State {
    TextPlaces found; ///< number and symbol as settled so far
    bool number_settled = false;
    std::vector<std::string> number_missing;
    std::optional<DateReading> date, date_fallback;

    std::vector<SignerBlock> blocks; ///< the signer block first, then a joint document's others
    int block_page = 0;              ///< the page of `blocks`; 0 while none is found
    bool block_closed = false;       ///< "Nơi nhận" stands beside or after the block: search ended
    bool recipients_pending = false; ///< a "Nơi nhận" with no block beside it or before it yet
    bool recipients_seen = false;
    std::string anchored_orphan, orphan; ///< the last title run without a name, for the message
    int last_page = 0;

    std::vector<FoundReference> references;

    void find_signer(const Page& page);
};

/// 1. Anchor: "Nơi nhận" (bottom left of Decree 30 forms); the signer block stands in the
///    column to its right, from its row down (on its page or, split by a page break, after).
///    That block ends the search.
/// 2. Else the last block in the right half of the page. A "Nơi nhận" on the same page or a
///    later one with no block beside it (a joint document lists its recipients below the
///    blocks) ends the search with it; without one, the block holds until a later one.
/// 3. Title lines: a run of upper-case lines; the name: the next line below in the same column,
///    mixed case, every word capitalised. Other blocks on the same rows to its left are the
///    other signers of a joint document.
void PlaceFinder::State::find_signer(const Page& page) {
    const Line* anchor = nullptr;
    for (const Line& line : page.lines)
        if (form::is_recipients_heading(line.text))
            anchor = &line;
    recipients_seen = recipients_seen || anchor;
    if (anchor || recipients_pending) {
        std::vector<Candidate> beside = signer_candidates(page, right_hand_column(page, anchor), anchored_orphan);
        if (!beside.empty()) {
            blocks = blocks_of(beside.front());
            block_page = page.number;
            block_closed = true;
            recipients_pending = false;
            return;
        }
        recipients_pending = recipients_pending || anchor;
    }
    std::vector<Candidate> any = signer_candidates(page, right_hand_column(page, nullptr), orphan);
    if (!any.empty()) {
        blocks = blocks_of(any.back());
        block_page = page.number;
    }
    if (anchor && block_page != 0) {
        block_closed = true;
        recipients_pending = false;
    }
}

PlaceFinder::PlaceFinder() : state_(std::make_unique<State>()) {}
PlaceFinder::~PlaceFinder() = default;

bool PlaceFinder::needs_whole_page() const {
    const State& s = *state_;
    // A block found on the last page read may still be followed by "Nơi nhận" or a later block
    // on the next page (a page break inside the signature area).
    return !s.block_closed && (s.block_page == 0 || s.recipients_pending || s.last_page == s.block_page);
}

bool PlaceFinder::wants_page(std::string_view letters) const {
    return needs_whole_page() || letters.find(kReferenceKey) != std::string_view::npos ||
           (!state_->block_closed && letters.find(kRecipientsKey) != std::string_view::npos);
}

bool PlaceFinder::may_want_page(std::string_view shown) const {
    if (needs_whole_page())
        return true;
    std::string letters = letters_of(shown);
    letters.erase(std::unique(letters.begin(), letters.end()), letters.end());
    return wants_page(letters);
}

void PlaceFinder::add_page(const PageText& text) {
    State& s = *state_;
    Page page = reading_frame(text);
    s.last_page = page.number;
    if (!s.number_settled)
        s.number_settled = find_number(page, s.found, s.number_missing);
    if (!s.date)
        find_date(page, s.date, s.date_fallback);
    if (!s.block_closed)
        s.find_signer(page);
    find_references(page, s.found.symbol, s.references);
}

TextPlaces PlaceFinder::result() const {
    const State& s = *state_;
    TextPlaces places;
    places.number = s.found.number;
    places.symbol = s.found.symbol;
    places.missing = s.number_missing;
    if (!s.number_settled)
        places.missing.push_back(kNumberNotFound);

    const std::optional<DateReading>& date = s.date ? s.date : s.date_fallback;
    if (date) {
        places.day = date->day;
        places.month = date->month;
        places.year = date->year;
        places.printed_year = date->printed_year;
        places.missing.insert(places.missing.end(), date->missing.begin(), date->missing.end());
    } else {
        places.missing.push_back(kDateNotFound);
    }

    if (!s.blocks.empty()) {
        places.signer = s.blocks.front();
        places.signers = s.blocks;
    } else {
        // A title without a name beside "Nơi nhận" is the hint to give; what the wider search
        // takes for a title is none.
        const std::string& orphan = s.recipients_seen ? s.anchored_orphan : s.orphan;
        if (!orphan.empty())
            places.missing.push_back("Chưa có họ tên người ký dưới " + quoted(orphan) +
                                     ": để trống vài dòng rồi ghi họ tên (viết hoa chữ cái đầu) / Signer's full "
                                     "name not found below " + quoted(orphan) +
                                     ": leave a few blank lines, then write the name in mixed case");
        else
            places.missing.push_back(kNoSignerBlock);
    }

    for (const FoundReference& f : s.references)
        if (places.symbol.empty() || f.symbol == places.symbol)
            places.references.push_back(f.reference);
    return places;
}

std::string letters_of(std::string_view text) {
    std::string letters;
    for (char32_t c : vi::decode_utf8(text))
        if (char letter = vi::skeleton_letter(c))
            letters += letter;
    return letters;
}

std::string page_letters(const PageText& page) {
    std::string letters;
    for (const TextLine& line : page.lines)
        letters += letters_of(line.text());
    return letters;
}

TextPlaces find_places_by_text(const std::vector<PageText>& pages) {
    PlaceFinder finder;
    for (const PageText& page : pages)
        if (finder.needs_whole_page() || finder.wants_page(page_letters(page)))
            finder.add_page(page);
    return finder.result();
}

} // namespace kyso
