#include "core/pdf/xref_check.hpp"

#include "core/error.hpp"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <optional>
#include <set>

namespace kyso {
namespace {

constexpr size_t kEntrySize = 20;      // ISO 32000-1 7.5.4: every entry is exactly 20 bytes
constexpr size_t kMaxSections = 4096;  // a /Prev chain longer than this is left to PoDoFo
constexpr size_t kTrailerWindow = 4096; // where a trailer's /Prev is looked for
constexpr size_t kMaxObjectNumber = 8388607; // ISO 32000-1 Annex C

bool is_space(char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == '\0'; }
bool is_delimiter(char c) { return c != '\0' && std::strchr("()<>[]{}/%", c) != nullptr; }

constexpr size_t kMaxToken = 64; // longer than any number PoDoFo could take from one

// A cursor over the file that reads ahead in windows.
class Cursor {
public:
    Cursor(const ByteReader& read, size_t at) : read_(read), at_(at) {}
    size_t at() const { return at_; }
    // The next `n` bytes (fewer at the end of the file), without moving.
    std::string peek(size_t n) {
        if (at_ < start_ || at_ + n > start_ + window_.size()) {
            start_ = at_;
            window_ = read_(at_, std::max<size_t>(n, 64 * 1024));
        }
        size_t from = at_ - start_;
        return window_.substr(from, std::min(n, window_.size() - from));
    }
    void skip(size_t n) { at_ += n; }
    void seek(size_t at) { at_ = at; }
    void skip_space() {
        for (std::string s = peek(1); !s.empty() && is_space(s[0]); s = peek(1))
            ++at_;
    }
    // An unsigned integer of at most 10 digits, or false (nothing consumed).
    bool number(size_t& value) {
        std::string digits = peek(11);
        size_t n = 0;
        while (n < digits.size() && std::isdigit(static_cast<unsigned char>(digits[n])))
            ++n;
        if (n == 0 || n > 10)
            return false;
        value = std::stoull(digits.substr(0, n));
        at_ += n;
        return true;
    }
    // The next token as PoDoFo's tokenizer cuts it: white space (line ends too) skipped, then
    // characters up to white space or a delimiter.
    std::string token() {
        skip_space();
        std::string text = peek(kMaxToken);
        size_t n = 0;
        while (n < text.size() && !is_space(text[n]) && !is_delimiter(text[n]))
            ++n;
        at_ += n;
        return text.substr(0, n);
    }

private:
    const ByteReader& read_;
    size_t at_;
    size_t start_ = 0;
    std::string window_;
};

[[noreturn]] void damaged(const std::string& path, size_t offset, size_t object, size_t file_size) {
    throw Error(ErrorCode::InputNotPdf,
                "Tệp PDF \"" + path + "\" bị hỏng: bảng tham chiếu ghi đối tượng " + std::to_string(object) +
                    " ở byte " + std::to_string(offset) + ", ngoài tệp (" + std::to_string(file_size) +
                    " byte). Hãy xuất lại PDF từ văn bản gốc.",
                "The PDF \"" + path + "\" is damaged: its cross-reference table puts object " + std::to_string(object) +
                    " at byte " + std::to_string(offset) + ", outside the file (" + std::to_string(file_size) +
                    " bytes). Export it again from the source document.");
}

[[noreturn]] void too_many(const std::string& path, size_t object, size_t file_size) {
    throw Error(ErrorCode::InputNotPdf,
                "Tệp PDF \"" + path + "\" bị hỏng: bảng tham chiếu ghi tới đối tượng số " + std::to_string(object) +
                    ", quá nhiều so với một tệp " + std::to_string(file_size) + " byte. Hãy xuất lại PDF từ văn bản gốc.",
                "The PDF \"" + path + "\" is damaged: its cross-reference table names object " + std::to_string(object) +
                    ", far too many for a file of " + std::to_string(file_size) +
                    " bytes. Export it again from the source document.");
}

// The number PoDoFo 0.9.8 takes from a token (strtol: an optional '+', then the leading digits,
// whatever follows them): "1=5" is 1. Nothing for a token that does not start with a digit or
// names a negative number; a number past any limit for more digits than any object number has.
std::optional<size_t> podofo_number(std::string_view token) {
    if (!token.empty() && token[0] == '+')
        token.remove_prefix(1);
    size_t n = 0, value = 0;
    while (n < token.size() && std::isdigit(static_cast<unsigned char>(token[n]))) {
        if (n == 18)
            return kMaxObjectNumber * 10; // past every limit
        value = value * 10 + static_cast<size_t>(token[n++] - '0');
    }
    if (n == 0)
        return std::nullopt;
    return value;
}

// Checks one table at `at`; returns its trailer's /Prev, or 0 when there is none (or when the
// section is not a table this reader follows).
size_t check_section(const ByteReader& read, size_t file_size, size_t at, const std::string& path) {
    Cursor cursor(read, at);
    cursor.skip_space();
    if (cursor.peek(4) != "xref")
        return 0; // a cross-reference stream, or not a table at all: PoDoFo's to judge
    cursor.skip(4);
    for (;;) {
        cursor.skip_space();
        size_t header = cursor.at();
        // PoDoFo reads a subsection header as two numbers, each the next token, however the
        // line looks ("1=5", the count on the next line), and sizes its tables by the highest
        // object number they name, adding a free object for every number up to it (a 951-byte
        // file whose header read "1=5" then named 8,000,000 objects took 2 s): bounded as PoDoFo
        // reads it, whether or not this reader can follow the table further.
        std::optional<size_t> lenient_first = podofo_number(cursor.token());
        std::optional<size_t> lenient_count = lenient_first ? podofo_number(cursor.token()) : std::nullopt;
        if (lenient_first && lenient_count) {
            // A number beyond the file's size in bytes (or ISO 32000's limit) cannot be real.
            size_t limit = std::min(std::max<size_t>(file_size, 1024), kMaxObjectNumber) + 1;
            size_t end = *lenient_first + *lenient_count; // each below 10^18: no overflow
            if (end > limit)
                too_many(path, end - 1, file_size);
        }
        cursor.seek(header);
        size_t first = 0, count = 0;
        if (!cursor.number(first))
            break; // "trailer", or something else
        std::string gap = cursor.peek(1);
        if (gap.empty() || !is_space(gap[0]))
            return 0;
        cursor.skip_space();
        if (!cursor.number(count))
            return 0;
        // The line ends, then the entries begin.
        while (!cursor.peek(1).empty() && (cursor.peek(1)[0] == ' ' || cursor.peek(1)[0] == '\t'))
            cursor.skip(1);
        std::string eol = cursor.peek(2);
        if (eol.rfind("\r\n", 0) == 0)
            cursor.skip(2);
        else if (!eol.empty() && (eol[0] == '\n' || eol[0] == '\r'))
            cursor.skip(1);
        else
            return 0;
        if (count > (file_size - std::min(file_size, cursor.at())) / kEntrySize + 1)
            return 0; // more entries than bytes: PoDoFo refuses that itself
        for (size_t i = 0; i < count; ++i) {
            std::string entry = cursor.peek(kEntrySize);
            if (entry.size() < 18)
                return 0;
            bool digits = true;
            for (size_t k = 0; k < 10; ++k)
                digits = digits && std::isdigit(static_cast<unsigned char>(entry[k]));
            if (!digits)
                return 0;
            size_t offset = std::stoull(entry.substr(0, 10));
            // Anything but a free entry is read at its offset.
            if (entry[17] != 'f' && offset >= file_size)
                damaged(path, offset, first + i, file_size);
            cursor.skip(kEntrySize);
        }
    }
    // The trailer's /Prev, if it has one.
    std::string trailer = cursor.peek(kTrailerWindow);
    if (trailer.rfind("trailer", 0) != 0)
        return 0;
    size_t end = trailer.find("startxref");
    size_t prev = trailer.substr(0, end).find("/Prev");
    if (prev == std::string::npos)
        return 0;
    Cursor value(read, cursor.at() + prev + 5);
    value.skip_space();
    size_t offset = 0;
    return value.number(offset) ? offset : 0;
}

} // namespace

void check_xref_tables(const ByteReader& read, size_t file_size, size_t startxref, const std::string& path) {
    std::set<size_t> seen;
    for (size_t at = startxref; at > 0 && at < file_size && seen.size() < kMaxSections; ) {
        if (!seen.insert(at).second)
            return; // a /Prev loop: PoDoFo detects it
        at = check_section(read, file_size, at, path);
    }
}

void check_xref_tables(std::string_view bytes, const std::string& path) {
    size_t keyword = bytes.rfind("startxref");
    if (keyword == std::string_view::npos)
        return;
    size_t pos = keyword + 9;
    while (pos < bytes.size() && is_space(bytes[pos]))
        ++pos;
    size_t startxref = 0, digits = 0;
    while (pos < bytes.size() && digits < 12 && std::isdigit(static_cast<unsigned char>(bytes[pos])))
        startxref = startxref * 10 + static_cast<size_t>(bytes[pos++] - '0'), ++digits;
    if (digits == 0)
        return;
    ByteReader read = [bytes](size_t offset, size_t length) {
        return offset >= bytes.size() ? std::string() : std::string(bytes.substr(offset, length));
    };
    check_xref_tables(read, bytes.size(), startxref, path);
}

} // namespace kyso
