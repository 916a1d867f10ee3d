#include "core/pdftext/vi_text.hpp"

#include <map>
#include <vector>

namespace kyso::vi {
namespace {

// Each Vietnamese vowel (and d) with every mark, lower and upper case in the same order.
struct Family {
    char base;
    std::string_view lower, upper;
};
constexpr Family kFamilies[] = {
    {'a', "aàáảãạăằắẳẵặâầấẩẫậ", "AÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬ"},
    {'e', "eèéẻẽẹêềếểễệ", "EÈÉẺẼẸÊỀẾỂỄỆ"},
    {'i', "iìíỉĩị", "IÌÍỈĨỊ"},
    {'o', "oòóỏõọôồốổỗộơờớởỡợ", "OÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢ"},
    {'u', "uùúủũụưừứửữự", "UÙÚỦŨỤƯỪỨỬỮỰ"},
    {'y', "yỳýỷỹỵ", "YỲÝỶỸỴ"},
    {'d', "dđ", "DĐ"},
};

struct Letter {
    char base;
    bool lower;
};

const std::map<char32_t, Letter>& letters() {
    static const std::map<char32_t, Letter> table = [] {
        std::map<char32_t, Letter> t;
        for (const Family& f : kFamilies) {
            for (char32_t c : decode_utf8(f.lower))
                t[c] = {f.base, true};
            for (char32_t c : decode_utf8(f.upper))
                t[c] = {f.base, false};
        }
        return t;
    }();
    return table;
}

const std::map<char32_t, char32_t>& lower_of() {
    static const std::map<char32_t, char32_t> table = [] {
        std::map<char32_t, char32_t> t;
        for (const Family& f : kFamilies) {
            std::u32string lower = decode_utf8(f.lower), upper = decode_utf8(f.upper);
            for (size_t i = 0; i < upper.size() && i < lower.size(); ++i)
                t[upper[i]] = lower[i];
        }
        return t;
    }();
    return table;
}

bool is_combining(char32_t c) { return c >= 0x300 && c <= 0x36F; }

} // namespace

std::u32string decode_utf8(std::string_view text) {
    std::u32string out;
    out.reserve(text.size());
    for (size_t i = 0; i < text.size();) {
        auto byte = static_cast<unsigned char>(text[i]);
        int extra = byte < 0x80 ? 0 : (byte >> 5) == 0x6 ? 1 : (byte >> 4) == 0xE ? 2 : (byte >> 3) == 0x1E ? 3 : -1;
        if (extra < 0 || i + extra >= text.size()) { // not a lead byte, or truncated
            out += U'\uFFFD';
            ++i;
            continue;
        }
        char32_t c = extra == 0 ? byte : byte & (0x3F >> extra);
        bool valid = true;
        for (int k = 1; k <= extra; ++k) {
            auto next = static_cast<unsigned char>(text[i + k]);
            if ((next & 0xC0) != 0x80) {
                valid = false;
                break;
            }
            c = (c << 6) | (next & 0x3F);
        }
        if (!valid) {
            out += U'\uFFFD';
            ++i;
            continue;
        }
        out += c;
        i += extra + 1;
    }
    return out;
}

std::string encode_utf8(std::u32string_view text) {
    std::string out;
    for (char32_t c : text) {
        if (c < 0x80) {
            out += static_cast<char>(c);
        } else if (c < 0x800) {
            out += static_cast<char>(0xC0 | (c >> 6));
            out += static_cast<char>(0x80 | (c & 0x3F));
        } else if (c < 0x10000) {
            out += static_cast<char>(0xE0 | (c >> 12));
            out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (c & 0x3F));
        } else {
            out += static_cast<char>(0xF0 | (c >> 18));
            out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
            out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (c & 0x3F));
        }
    }
    return out;
}

bool is_lower(char32_t c) {
    if (c >= 'a' && c <= 'z')
        return true;
    if (c >= 0xDF && c <= 0xFF && c != 0xF7)
        return true;
    auto it = letters().find(c);
    return it != letters().end() && it->second.lower;
}

bool is_upper(char32_t c) {
    if (c >= 'A' && c <= 'Z')
        return true;
    if (c >= 0xC0 && c <= 0xDE && c != 0xD7)
        return true;
    auto it = letters().find(c);
    return it != letters().end() && !it->second.lower;
}

char32_t to_lower(char32_t c) {
    if ((c >= 'A' && c <= 'Z') || (c >= 0xC0 && c <= 0xDE && c != 0xD7))
        return c + 32;
    auto it = lower_of().find(c);
    return it == lower_of().end() ? c : it->second;
}

std::string skeleton(std::string_view text) {
    std::string out;
    for (char32_t c : decode_utf8(text)) {
        if (is_combining(c))
            continue;
        if (auto it = letters().find(c); it != letters().end()) {
            out += it->second.base;
        } else if (c >= 'A' && c <= 'Z') {
            out += static_cast<char>(c - 'A' + 'a');
        } else {
            out += encode_utf8(std::u32string_view(&c, 1));
        }
    }
    return out;
}

char skeleton_letter(char32_t c) {
    if (c < 0x80)
        return c >= 'a' && c <= 'z' ? static_cast<char>(c) : c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : 0;
    // Every Vietnamese letter is below U+2000: one array lookup instead of the map's, for the
    // skim of every page of a long document.
    constexpr char32_t kDense = 0x2000;
    static const std::vector<char> dense = [] {
        std::vector<char> table(kDense, 0);
        for (const auto& [letter, info] : letters())
            if (letter < kDense)
                table[letter] = info.base;
        return table;
    }();
    if (c < kDense)
        return dense[c];
    auto it = letters().find(c);
    return it != letters().end() ? it->second.base : 0;
}

bool is_upper_case_text(std::string_view text) {
    int letters_seen = 0;
    for (char32_t c : decode_utf8(text)) {
        if (is_lower(c))
            return false;
        if (is_upper(c))
            ++letters_seen;
    }
    return letters_seen >= 2;
}

bool has_lower(std::string_view text) {
    for (char32_t c : decode_utf8(text))
        if (is_lower(c))
            return true;
    return false;
}

} // namespace kyso::vi
