// Internal to src/core/pdf: PDF's character classes (ISO 32000-1 7.2.2) — white space,
// delimiters, and the regular characters that make up names, numbers and keywords — as one
// table lookup a byte, for the lexers that pass over every object or page of a long file.
#pragma once

namespace kyso::pdf {

namespace detail {
enum : unsigned char { kRegular = 0, kSpace = 1, kDelimiter = 2 };
struct CharClasses {
    unsigned char of[256] = {};
    constexpr CharClasses() {
        for (unsigned char c : {' ', '\n', '\r', '\t', '\f', '\0'})
            of[c] = kSpace;
        for (unsigned char c : {'(', ')', '<', '>', '[', ']', '{', '}', '/', '%'})
            of[c] = kDelimiter;
    }
};
inline constexpr CharClasses kCharClasses;
} // namespace detail

/// NUL, HT, LF, FF, CR and space.
inline bool is_pdf_space(char c) { return detail::kCharClasses.of[static_cast<unsigned char>(c)] == detail::kSpace; }
/// ( ) < > [ ] { } / %
inline bool is_pdf_delimiter(char c) {
    return detail::kCharClasses.of[static_cast<unsigned char>(c)] == detail::kDelimiter;
}
/// Neither white space nor a delimiter.
inline bool is_pdf_regular(char c) { return detail::kCharClasses.of[static_cast<unsigned char>(c)] == detail::kRegular; }

} // namespace kyso::pdf
