#include "uno/places.hpp"

#include <algorithm>
#include <map>
#include <optional>

namespace kyso::lo {
namespace {

// Folding: each UTF-16 unit becomes a lower-case base letter (Vietnamese diacritics removed),
// and combining marks become 0, which the matcher skips. Offsets stay those of the original
// text, so precomposed and decomposed ("Unicode tổ hợp") documents both match.
struct Fold {
    std::map<char16_t, char16_t> base;
    std::set<char16_t> upper, lower;

    Fold() {
        // Each group: lower-case letters, then the upper-case ones; the first is the base.
        const char* groups[][2] = {
            {"aàáảãạăằắẳẵặâầấẩẫậ", "AÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬ"},
            {"eèéẻẽẹêềếểễệ", "EÈÉẺẼẸÊỀẾỂỄỆ"},
            {"iìíỉĩị", "IÌÍỈĨỊ"},
            {"oòóỏõọôồốổỗộơờớởỡợ", "OÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢ"},
            {"uùúủũụưừứửữự", "UÙÚỦŨỤƯỪỨỬỮỰ"},
            {"yỳýỷỹỵ", "YỲÝỶỸỴ"},
            {"dđ", "DĐ"},
        };
        for (auto& group : groups) {
            std::u16string low = widen(group[0]), up = widen(group[1]);
            for (char16_t c : low) {
                base[c] = low[0];
                lower.insert(c);
            }
            for (char16_t c : up) {
                base[c] = low[0];
                upper.insert(c);
            }
        }
    }

    static std::u16string widen(const char* utf8) {
        OUString text = ou(utf8);
        return std::u16string(text.getStr(), text.getStr() + text.getLength());
    }

    char16_t operator()(char16_t c) const {
        if (c >= 0x0300 && c <= 0x036F)
            return 0; // combining mark
        if (c < 0x80)
            return (c >= 'A' && c <= 'Z') ? c + 32 : c;
        auto it = base.find(c);
        return it == base.end() ? c : it->second;
    }
    bool is_upper(char16_t c) const { return (c >= 'A' && c <= 'Z') || upper.count(c); }
    bool is_lower(char16_t c) const { return (c >= 'a' && c <= 'z') || lower.count(c); }
};

const Fold& fold() {
    static const Fold instance;
    return instance;
}

bool is_space(char16_t c) { return c == ' ' || c == '\t' || c == 0x00A0 || c == 0x2002 || c == 0x2003; }
bool is_digit(char16_t c) { return c >= '0' && c <= '9'; }
bool is_letter(char16_t c) { return fold().is_upper(c) || fold().is_lower(c); }

// Matches the ASCII `word` at `pos` (skipping combining marks); returns the end or nullopt.
std::optional<size_t> match_at(const std::u16string& text, size_t pos, std::string_view word) {
    size_t i = pos;
    for (char want : word) {
        while (i < text.size() && fold()(text[i]) == 0)
            ++i;
        if (i >= text.size() || fold()(text[i]) != static_cast<char16_t>(want))
            return std::nullopt;
        ++i;
    }
    while (i < text.size() && fold()(text[i]) == 0)
        ++i;
    return i;
}

// Finds `word` as a whole word from `from`; returns [begin, end).
std::optional<std::pair<size_t, size_t>> find_word(const std::u16string& text, size_t from, std::string_view word) {
    for (size_t i = from; i < text.size(); ++i) {
        if (i > 0 && is_letter(text[i - 1]))
            continue;
        if (auto end = match_at(text, i, word); end && (*end >= text.size() || !is_letter(text[*end])))
            return std::make_pair(i, *end);
    }
    return std::nullopt;
}

// A gap is blank: spaces, dots, ellipses, underscores; no digit, no letter.
bool blank_gap(const std::u16string& text, size_t begin, size_t end) {
    for (size_t i = begin; i < end; ++i)
        if (is_digit(text[i]) || is_letter(text[i]))
            return false;
    return true;
}

size_t skip_spaces(const std::u16string& text, size_t i) {
    while (i < text.size() && is_space(text[i]))
        ++i;
    return i;
}

// "Số:      /QĐ-UBND": the gap between the colon and the first slash.
std::optional<std::pair<size_t, size_t>> number_gap(const std::u16string& text) {
    size_t start = skip_spaces(text, 0);
    auto so = match_at(text, start, "so");
    if (!so)
        return std::nullopt;
    size_t colon = skip_spaces(text, *so);
    if (colon >= text.size() || text[colon] != ':')
        return std::nullopt;
    size_t slash = text.find(u'/', colon + 1);
    if (slash == std::u16string::npos || !blank_gap(text, colon + 1, slash))
        return std::nullopt;
    return std::make_pair(colon + 1, slash);
}

struct DateGaps {
    size_t day_begin, day_end, month_begin, month_end;
    std::optional<std::pair<size_t, size_t>> year; // only when the year is blank too
};

// "…, ngày      tháng      năm 2026": both gaps blank.
std::optional<DateGaps> date_gaps(const std::u16string& text) {
    for (size_t from = 0;;) {
        auto ngay = find_word(text, from, "ngay");
        if (!ngay)
            return std::nullopt;
        from = ngay->second;
        auto thang = find_word(text, ngay->second, "thang");
        if (!thang || !blank_gap(text, ngay->second, thang->first))
            continue;
        auto nam = find_word(text, thang->second, "nam");
        if (!nam || !blank_gap(text, thang->second, nam->first))
            continue;
        DateGaps gaps{ngay->second, thang->first, thang->second, nam->first, std::nullopt};
        if (text.size() > nam->second && blank_gap(text, nam->second, text.size()))
            gaps.year = std::make_pair(nam->second, text.size());
        return gaps;
    }
}

std::u16string trimmed(const std::u16string& text, size_t* lead = nullptr) {
    size_t b = skip_spaces(text, 0), e = text.size();
    while (e > b && is_space(text[e - 1]))
        --e;
    if (lead)
        *lead = b;
    return text.substr(b, e - b);
}

// A title line: letters, all upper case ("CHỦ TỊCH", "KT. CHỦ TỊCH").
bool title_line(const std::u16string& text) {
    int letters = 0;
    for (char16_t c : text) {
        if (fold().is_lower(c) || is_digit(c))
            return false;
        letters += fold().is_upper(c);
    }
    return letters >= 2;
}

// A full name: 2–7 words, each starting upper case, not all upper case, no digits or colons.
bool name_line(const std::u16string& text) {
    if (text.empty() || text.size() > 60 || title_line(text))
        return false;
    int words = 0;
    bool word_start = true;
    for (char16_t c : text) {
        if (is_digit(c) || c == ':' || c == '(' || c == ',' || c == ';')
            return false;
        if (is_space(c)) {
            word_start = true;
            continue;
        }
        if (word_start) {
            if (!fold().is_upper(c))
                return false;
            ++words;
            word_start = false;
        }
    }
    return words >= 2 && words <= 7;
}

// Lines allowed between the title and the name: empty, or a hint in parentheses.
bool filler_line(const std::u16string& text) {
    return text.empty() || (text.front() == '(' && text.back() == ')');
}

} // namespace

std::vector<std::string> bookmarks_of(Place place) {
    switch (place) {
    case Place::Number: return {"kysoSoStart", "kysoSoEnd"};
    case Place::Day: return {"kysoNgayStart", "kysoNgayEnd"};
    case Place::Month: return {"kysoThangStart", "kysoThangEnd"};
    case Place::Title: return {"kysoChucVuEnd"};
    case Place::Name: return {"kysoHoTenStart"};
    case Place::Year: return {"kysoNamStart", "kysoNamEnd"};
    }
    return {};
}

const std::vector<Place>& all_places() {
    static const std::vector<Place> places{Place::Number, Place::Day, Place::Month, Place::Title, Place::Name};
    return places;
}

Bilingual place_name(Place place) {
    switch (place) {
    case Place::Number: return {"chỗ ghi số (\"Số:      /…\")", "the number gap (\"Số:      /…\")"};
    case Place::Day: return {"chỗ ghi ngày (\"ngày      tháng\")", "the day gap (\"ngày      tháng\")"};
    case Place::Month: return {"chỗ ghi tháng (\"tháng      năm\")", "the month gap (\"tháng      năm\")"};
    case Place::Title: return {"dòng chức vụ cuối của người ký (ví dụ \"CHỦ TỊCH\")",
                               "the signer's last title line (e.g. \"CHỦ TỊCH\")"};
    case Place::Name: return {"họ tên người ký", "the signer's full name"};
    case Place::Year: return {"chỗ ghi năm", "the year gap"};
    }
    return {};
}

PlaceSearch find_places(const std::vector<TextLine>& lines, const std::set<std::string>& existing) {
    PlaceSearch result;
    std::set<Place> found;
    for (Place place : all_places()) {
        auto names = bookmarks_of(place);
        if (std::all_of(names.begin(), names.end(), [&](const std::string& n) { return existing.count(n) > 0; }))
            found.insert(place);
    }
    auto add = [&](Place place, const std::vector<size_t>& offsets, const TextLine& line) {
        auto names = bookmarks_of(place);
        for (size_t i = 0; i < names.size(); ++i)
            result.anchors.push_back({names[i], line.paragraph, line.offset + offsets[i]});
        found.insert(place);
    };

    // Number and date: the first matching line (they sit in the header, before the body).
    for (const TextLine& line : lines) {
        if (!found.count(Place::Number))
            if (auto gap = number_gap(line.text))
                add(Place::Number, {gap->first, gap->second}, line);
        if (!found.count(Place::Day) && !found.count(Place::Month))
            if (auto gaps = date_gaps(line.text)) {
                add(Place::Day, {gaps->day_begin, gaps->day_end}, line);
                add(Place::Month, {gaps->month_begin, gaps->month_end}, line);
                if (gaps->year)
                    add(Place::Year, {gaps->year->first, gaps->year->second}, line);
            }
    }

    // Signer's block: the last name line whose previous non-filler line is a title line.
    if (!found.count(Place::Title) || !found.count(Place::Name)) {
        for (size_t i = lines.size(); i-- > 0;) {
            size_t lead = 0;
            std::u16string name = trimmed(lines[i].text, &lead);
            if (!name_line(name))
                continue;
            size_t j = i;
            while (j-- > 0 && filler_line(trimmed(lines[j].text)))
                ;
            if (j >= lines.size())
                continue;
            size_t title_lead = 0;
            std::u16string title = trimmed(lines[j].text, &title_lead);
            if (!title_line(title))
                continue;
            if (!found.count(Place::Title))
                add(Place::Title, {title_lead + title.size()}, lines[j]);
            if (!found.count(Place::Name))
                add(Place::Name, {lead}, lines[i]);
            break;
        }
    }

    for (Place place : all_places())
        if (!found.count(place))
            result.missing.push_back(place);
    return result;
}

} // namespace kyso::lo
