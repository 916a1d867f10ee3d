#include "core/pdftext/line_places.hpp"

#include "core/pdftext/form_text.hpp"
#include "core/pdftext/text_assembly.hpp"
#include "core/pdftext/vi_text.hpp"

#include <algorithm>
#include <optional>

namespace kyso {
namespace {

/// A word of a plain-text line and where it lies in it (UTF-16 offsets, as Writer counts).
struct LineWord {
    std::string text;
    size_t begin = 0, end = 0;
};

bool is_space(char16_t c) { return c == ' ' || c == '\t' || c == 0x00A0 || c == 0x2002 || c == 0x2003; }

std::string utf8_of(std::u16string_view units) {
    std::u32string points;
    for (size_t i = 0; i < units.size(); ++i) {
        char32_t c = units[i];
        if (c >= 0xD800 && c < 0xDC00 && i + 1 < units.size() && units[i + 1] >= 0xDC00 && units[i + 1] < 0xE000)
            c = 0x10000 + ((c - 0xD800) << 10) + (units[++i] - 0xDC00);
        points += c;
    }
    return vi::encode_utf8(points);
}

// Words as the PDF reader sees them (pdftext/text_assembly): split at spaces, and a run of two
// or more leader characters (or one '…') is a word of its own.
std::vector<LineWord> split_words(const std::u16string& text) {
    std::vector<LineWord> words;
    auto emit = [&](size_t from, size_t to) {
        if (from < to)
            words.push_back({utf8_of(std::u16string_view(text).substr(from, to - from)), from, to});
    };
    for (size_t i = 0; i < text.size();) {
        if (is_space(text[i])) {
            ++i;
            continue;
        }
        size_t end = i;
        while (end < text.size() && !is_space(text[end]))
            ++end;
        size_t start = i;
        for (size_t k = i; k < end;) {
            if (!detail::is_fill_char(text[k])) {
                ++k;
                continue;
            }
            size_t run = k;
            while (run < end && detail::is_fill_char(text[run]))
                ++run;
            if (run - k >= 2 || text[k] == u'\u2026') {
                emit(start, k);
                emit(k, run);
                start = run;
            }
            k = run;
        }
        emit(start, end);
        i = end;
    }
    return words;
}

std::vector<std::string> texts_of(const std::vector<LineWord>& words, size_t from = 0) {
    std::vector<std::string> texts;
    for (size_t i = from; i < words.size(); ++i)
        texts.push_back(words[i].text);
    return texts;
}

// "Số:      /QĐ-UBND": from the end of the label to the slash; nullopt when not blank.
std::optional<std::pair<size_t, size_t>> number_gap(const std::u16string& text, const std::vector<LineWord>& words) {
    std::vector<std::string> texts = texts_of(words);
    for (size_t i = 0; i < words.size(); ++i) {
        size_t label = form::number_label(texts, i);
        if (label == 0)
            continue;
        size_t after = i + label;
        std::optional<form::NumberField> field = form::read_number_field(texts_of(words, after));
        if (!field || !field->filled.empty())
            continue;
        size_t slash = text.find(u'/', words[after + field->slash_word].begin);
        return std::make_pair(words[after - 1].end, slash);
    }
    return std::nullopt;
}

struct DateGaps {
    std::pair<size_t, size_t> day, month;
    std::optional<std::pair<size_t, size_t>> year; // only when the year is blank too
};

// "…, ngày      tháng      năm 2026": day and month blank; the first such date from word `from` on.
std::optional<DateGaps> date_gaps(const std::u16string& text, const std::vector<LineWord>& words, size_t from = 0) {
    for (size_t i = from; i < words.size(); ++i) {
        if (!form::is_day_keyword(words[i].text))
            continue;
        std::vector<std::string> after = texts_of(words, i + 1);
        std::optional<form::DateField> field = form::read_date_field(after);
        if (!field || !form::blank(after, field->day) || !form::blank(after, field->month))
            continue;
        const LineWord& thang = words[i + 1 + field->thang];
        const LineWord& nam = words[i + 1 + field->nam];
        DateGaps gaps{{words[i].end, thang.begin}, {thang.end, nam.begin}, std::nullopt};
        bool rest_blank = std::all_of(after.begin() + static_cast<long>(field->nam) + 1, after.end(),
                                      [](const std::string& w) { return form::is_fill(w); });
        size_t first_after = i + 2 + field->nam, last_fill = first_after;
        while (last_fill < words.size() && form::is_fill(words[last_fill].text))
            ++last_fill;
        if (text.size() > nam.end && rest_blank)
            gaps.year = std::make_pair(nam.end, text.size());
        else if (last_fill > first_after) // "năm ........)" in a heading: the dots are the blank
            gaps.year = std::make_pair(nam.end, words[last_fill - 1].end);
        return gaps;
    }
    return std::nullopt;
}

// The symbol of the document's own number: the text after the slash of the first "Số: …/…"
// (written or blank); empty when there is none.
std::string own_symbol(const std::vector<std::vector<LineWord>>& words) {
    for (const std::vector<LineWord>& line : words) {
        std::vector<std::string> texts = texts_of(line);
        for (size_t i = 0; i < line.size(); ++i)
            if (size_t label = form::number_label(texts, i))
                if (auto field = form::read_number_field(texts_of(line, i + label)))
                    return field->symbol;
    }
    return {};
}

// One reference to the document's own number and date, as bookmark positions.
struct ReferenceGaps {
    size_t line = 0; ///< the line of the number blank
    std::pair<size_t, size_t> number;
    std::optional<DateGaps> date; ///< on the number's line or one of the next two of its paragraph
    size_t date_line = 0;
};

// "(Kèm theo Quyết định số      /2026/QĐ-UBND ngày      tháng      năm 2026 …)", as the PDF finder
// (pdftext/places) reads it: a line with "kèm theo", then "số", a blank and "/<own symbol>"; a
// written number or another symbol names another document. The date is the first blank one
// after it, on that line or (a heading broken into lines) on one of the next two.
std::vector<ReferenceGaps> reference_gaps(const std::vector<PlainLine>& lines,
                                          const std::vector<std::vector<LineWord>>& words, const std::string& symbol) {
    std::vector<ReferenceGaps> found;
    for (size_t l = 0; l < lines.size(); ++l) {
        if (vi::skeleton(utf8_of(lines[l].text)).find("kem theo") == std::string::npos)
            continue;
        const std::vector<LineWord>& line = words[l];
        std::vector<std::string> texts = texts_of(line);
        for (size_t i = 0; i < line.size(); ++i) {
            if (vi::skeleton(texts[i]) != "so")
                continue;
            std::optional<form::NumberField> field = form::read_number_field(texts_of(line, i + 1));
            if (!field || !field->filled.empty() || (!symbol.empty() && field->symbol != symbol))
                continue;
            size_t slash = lines[l].text.find(u'/', line[i + 1 + field->slash_word].begin);
            ReferenceGaps reference{l, {line[i].end, slash}, std::nullopt, l};
            for (size_t k = l; k < lines.size() && k < l + 3 && lines[k].paragraph == lines[l].paragraph; ++k)
                if ((reference.date = date_gaps(lines[k].text, words[k], k == l ? i + 2 + field->slash_word : 0))) {
                    reference.date_line = k;
                    break;
                }
            found.push_back(reference);
            break;
        }
    }
    return found;
}

} // namespace

namespace anchors {
std::string reference(const char* name, size_t index) {
    std::string base(name);
    return base.substr(0, 4) + "KemTheo" + std::to_string(index) + base.substr(4); // after "kyso"
}
} // namespace anchors

std::vector<std::string> bookmarks_of(Place place) {
    switch (place) {
    case Place::Number: return {anchors::kNumberStart, anchors::kNumberEnd};
    case Place::Day: return {anchors::kDayStart, anchors::kDayEnd};
    case Place::Month: return {anchors::kMonthStart, anchors::kMonthEnd};
    case Place::Title: return {anchors::kTitleEnd};
    case Place::Name: return {anchors::kNameStart};
    case Place::Year: return {anchors::kYearStart, anchors::kYearEnd};
    }
    return {};
}

const std::vector<Place>& required_places() {
    static const std::vector<Place> places{Place::Number, Place::Day, Place::Month, Place::Title, Place::Name};
    return places;
}

PlaceSearch find_places_in_lines(const std::vector<PlainLine>& lines, const std::set<std::string>& existing) {
    PlaceSearch result;
    std::set<Place> found;
    for (Place place : required_places()) {
        auto names = bookmarks_of(place);
        if (std::all_of(names.begin(), names.end(), [&](const std::string& n) { return existing.count(n) > 0; }))
            found.insert(place);
    }
    auto add = [&](Place place, const std::vector<size_t>& offsets, const PlainLine& line) {
        auto names = bookmarks_of(place);
        for (size_t i = 0; i < names.size(); ++i)
            result.anchors.push_back({names[i], line.paragraph, line.offset + offsets[i]});
        found.insert(place);
    };
    std::vector<std::vector<LineWord>> words;
    for (const PlainLine& line : lines)
        words.push_back(split_words(line.text));

    // Number and date: the first matching line (they sit in the header, before the body).
    for (size_t i = 0; i < lines.size(); ++i) {
        if (!found.count(Place::Number))
            if (auto gap = number_gap(lines[i].text, words[i]))
                add(Place::Number, {gap->first, gap->second}, lines[i]);
        if (!found.count(Place::Day) && !found.count(Place::Month))
            if (auto gaps = date_gaps(lines[i].text, words[i])) {
                add(Place::Day, {gaps->day.first, gaps->day.second}, lines[i]);
                add(Place::Month, {gaps->month.first, gaps->month.second}, lines[i]);
                if (gaps->year)
                    add(Place::Year, {gaps->year->first, gaps->year->second}, lines[i]);
            }
    }

    // Signer's block: the last name line whose previous line (hints in parentheses skipped) is
    // a title line.
    if (!found.count(Place::Title) || !found.count(Place::Name)) {
        for (size_t i = lines.size(); i-- > 0;) {
            if (!form::is_name_line(texts_of(words[i])))
                continue;
            size_t j = i;
            while (j-- > 0 && form::is_hint_line(utf8_of(lines[j].text)))
                ;
            if (j >= lines.size() || !form::is_title_line(utf8_of(lines[j].text)))
                continue;
            if (!found.count(Place::Title))
                add(Place::Title, {words[j].back().end}, lines[j]);
            if (!found.count(Place::Name))
                add(Place::Name, {words[i].front().begin}, lines[i]);
            break;
        }
    }

    for (Place place : required_places())
        if (!found.count(place))
            result.missing.push_back(place);

    // References to the document's own number and date, bookmarked as kysoKemTheo<N>….
    std::vector<ReferenceGaps> references = reference_gaps(lines, words, own_symbol(words));
    for (size_t r = 0; r < references.size(); ++r) {
        const ReferenceGaps& ref = references[r];
        auto mark = [&](const char* name, size_t line, size_t offset) {
            result.anchors.push_back({anchors::reference(name, r + 1), lines[line].paragraph, lines[line].offset + offset});
        };
        mark(anchors::kNumberStart, ref.line, ref.number.first);
        mark(anchors::kNumberEnd, ref.line, ref.number.second);
        if (ref.date) {
            mark(anchors::kDayStart, ref.date_line, ref.date->day.first);
            mark(anchors::kDayEnd, ref.date_line, ref.date->day.second);
            mark(anchors::kMonthStart, ref.date_line, ref.date->month.first);
            mark(anchors::kMonthEnd, ref.date_line, ref.date->month.second);
            if (ref.date->year) {
                mark(anchors::kYearStart, ref.date_line, ref.date->year->first);
                mark(anchors::kYearEnd, ref.date_line, ref.date->year->second);
            }
        }
    }
    result.references = references.size();
    return result;
}

} // namespace kyso
