// Vietnamese text helpers for reading PDF text: UTF-8 decoding, letter case for the letters
// Vietnamese uses, and a "skeleton" (lower case, no diacritics, đ -> d) so that keywords such as
// "ngày", "tháng", "Nơi nhận" match whatever composition or case the PDF's text carries.
#pragma once

#include <string>
#include <string_view>

namespace kyso::vi {

/// Code points of UTF-8 text; invalid bytes become U+FFFD.
std::u32string decode_utf8(std::string_view text);
/// UTF-8 for code points.
std::string encode_utf8(std::u32string_view text);

/// True for a lower-case letter: ASCII, Latin-1 and the Vietnamese letters (ă â đ ê ô ơ ư, tones).
bool is_lower(char32_t c);
/// True for an upper-case letter of the same repertoire.
bool is_upper(char32_t c);

/// The lower-case letter for an upper-case one of that repertoire; other characters unchanged.
char32_t to_lower(char32_t c);

/// Lower case, tone and vowel marks removed, đ -> d, combining marks dropped:
/// "Nơi nhận:" -> "noi nhan:", "NGÀY" -> "ngay".
std::string skeleton(std::string_view text);

/// The letter a–z that `c` leaves in the skeleton ('ậ' -> 'a', 'Đ' -> 'd', 'B' -> 'b'), or 0
/// when it leaves none there (digits, punctuation, marks, letters of other scripts).
char skeleton_letter(char32_t c);

/// True when the text has at least two letters and none of them is lower case
/// ("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"); digits and punctuation do not count.
bool is_upper_case_text(std::string_view text);
/// True when some letter is lower case.
bool has_lower(std::string_view text);

} // namespace kyso::vi
