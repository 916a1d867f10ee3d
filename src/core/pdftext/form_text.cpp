#include "core/pdftext/form_text.hpp"

#include "core/pdftext/text_assembly.hpp"
#include "core/pdftext/vi_text.hpp"

#include <algorithm>
#include <cctype>

namespace kyso::form {

bool is_fill(std::string_view word) {
    std::u32string t = vi::decode_utf8(word);
    return !t.empty() && std::all_of(t.begin(), t.end(), detail::is_fill_char);
}

std::string leading_digits(std::string_view word) {
    std::string digits;
    for (char c : word) {
        if (!std::isdigit(static_cast<unsigned char>(c)))
            break;
        digits += c;
    }
    return digits;
}

size_t number_label(const std::vector<std::string>& words, size_t i) {
    if (i >= words.size())
        return 0;
    std::string key = vi::skeleton(words[i]);
    if (key == "so:")
        return 1;
    if (key == "so" && i + 1 < words.size() && words[i + 1] == ":")
        return 2;
    return 0;
}

std::optional<NumberField> read_number_field(const std::vector<std::string>& words) {
    NumberField field;
    for (size_t i = 0; i < words.size(); ++i) {
        const std::string& word = words[i];
        size_t slash = word.find('/');
        if (slash == std::string::npos) {
            if (is_fill(word))
                continue;
            if (!leading_digits(word).empty() && field.filled.empty()) {
                field.filled = word;
                continue;
            }
            return std::nullopt;
        }
        std::string before = word.substr(0, slash);
        if (!before.empty() && !is_fill(before)) {
            if (!field.filled.empty() || leading_digits(before).empty())
                return std::nullopt; // "Số: V/v" or two numbers: not a number field
            field.filled = before;
        }
        field.slash_word = i;
        field.symbol = word.substr(slash + 1);
        return field;
    }
    return std::nullopt;
}

bool is_day_keyword(std::string_view word) { return vi::skeleton(word) == "ngay"; }

namespace {

// Collects the blank's words up to the keyword; returns the keyword's index or nullopt.
std::optional<size_t> collect_until(const std::vector<std::string>& words, size_t& from, std::string_view key,
                                    std::vector<size_t>& between) {
    for (; from < words.size(); ++from) {
        const std::string& word = words[from];
        if (vi::skeleton(word) == key)
            return from++;
        bool number = !leading_digits(word).empty();
        if (!is_fill(word) && !(number && between.empty()))
            return std::nullopt;
        between.push_back(from);
    }
    return std::nullopt;
}

} // namespace

std::optional<DateField> read_date_field(const std::vector<std::string>& words) {
    DateField date;
    size_t i = 0;
    auto thang = collect_until(words, i, "thang", date.day);
    if (!thang)
        return std::nullopt;
    auto nam = collect_until(words, i, "nam", date.month);
    if (!nam)
        return std::nullopt;
    date.thang = *thang;
    date.nam = *nam;
    for (; i < words.size(); ++i) {
        bool number = !leading_digits(words[i]).empty();
        if (!is_fill(words[i]) && !(number && date.year.empty()))
            break;
        date.year.push_back(i);
    }
    return date;
}

bool blank(const std::vector<std::string>& words, const std::vector<size_t>& indices) {
    return std::none_of(indices.begin(), indices.end(),
                        [&](size_t i) { return !leading_digits(words[i]).empty(); });
}

bool is_title_line(std::string_view line) {
    if (!vi::is_upper_case_text(line))
        return false;
    return vi::skeleton(line).find("cong hoa xa hoi chu nghia") == std::string::npos; // the national motto
}

bool is_name_line(const std::vector<std::string>& words) {
    if (words.size() < 2 || words.size() > 7)
        return false;
    bool lower = false;
    for (const std::string& word : words) {
        std::u32string t = vi::decode_utf8(word);
        if (t.empty() || !vi::is_upper(t.front()))
            return false;
        for (char32_t c : t)
            if ((c >= '0' && c <= '9') || c == ':' || c == ';' || c == ',' || c == '/' || c == '(' || c == ')')
                return false;
        lower = lower || vi::has_lower(word);
    }
    return lower;
}

bool is_hint_line(std::string_view line) {
    size_t b = line.find_first_not_of(" \t");
    if (b == std::string_view::npos)
        return true;
    size_t e = line.find_last_not_of(" \t");
    return line[b] == '(' && line[e] == ')';
}

bool is_recipients_heading(std::string_view line) {
    std::string key = vi::skeleton(line);
    size_t b = key.find_first_not_of(" \t");
    return b != std::string::npos && key.compare(b, 8, "noi nhan") == 0;
}

bool is_capitals(std::string_view line) { return vi::is_upper_case_text(line); }

} // namespace kyso::form
