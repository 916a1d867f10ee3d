// The Decree 30 text rules, in one place for every reader of a document's text: the PDF place
// finder (pdftext/places), the Writer export's bookmark finder (pdftext/line_places, used by
// the extension) and the register's summary. They work on words (UTF-8, as a reader sees them:
// split at spaces, runs of leader dots apart) and know nothing of geometry; each caller adds
// its own geometric checks (same row, same column, gap widths).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kyso::form {

/// A word made only of leader characters ("……", ".....", "____"): part of a blank.
bool is_fill(std::string_view word);
/// The digits a word starts with ("05", "2026." -> "2026"); empty when it starts otherwise.
std::string leading_digits(std::string_view word);

/// Box 3: how many words the label "Số:" takes at words[i] ("Số:" = 1, "Số" ":" = 2), 0 when
/// words[i] does not start it.
size_t number_label(const std::vector<std::string>& words, size_t i);

/// What follows "Số:": an optional blank (leader dots, spaces) or the written number, then
/// "/symbol" ("/2026/QĐ-UBND", "/STTTT-VP").
struct NumberField {
    size_t slash_word = 0; ///< index of the word that starts with (or holds) the first '/'
    std::string filled;    ///< the number already written before the slash, if any
    std::string symbol;    ///< the text after the slash: "2026/QĐ-UBND", "STTTT-VP"
};
/// Reads `words` (those after the label, left to right); nullopt when another word comes
/// before a slash.
std::optional<NumberField> read_number_field(const std::vector<std::string>& words);

/// Box 4: true for the word "ngày" (any case or composition) that opens a date.
bool is_day_keyword(std::string_view word);
/// The words of "ngày … tháng … năm …" after "ngày": indices into `words`.
struct DateField {
    size_t thang = 0, nam = 0;
    std::vector<size_t> day, month, year; ///< the words of each blank: leader dots, or one number
};
/// Reads `words` (those after "ngày"); nullopt when anything but blanks or one number stands
/// between the keywords.
std::optional<DateField> read_date_field(const std::vector<std::string>& words);
/// True when the date field's blank `indices` hold no number.
bool blank(const std::vector<std::string>& words, const std::vector<size_t>& indices);

/// Box 7a: a title line, all in capitals ("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"), not the
/// national motto.
bool is_title_line(std::string_view line);
/// Box 7b: a full name, 2–7 words each starting with a capital, some lower case, no digits or
/// punctuation a name never has ("Nguyễn Thanh Bình").
bool is_name_line(const std::vector<std::string>& words);
/// A line that may stand between title and name: empty, or a hint in parentheses
/// ("(Ký, ghi rõ họ tên)").
bool is_hint_line(std::string_view line);
/// "Nơi nhận:" — the recipients list at the bottom left, beside the signer block.
bool is_recipients_heading(std::string_view line);
/// Upper-case text ("QUYẾT ĐỊNH") that is a heading, not part of a sentence.
bool is_capitals(std::string_view line);

} // namespace kyso::form
