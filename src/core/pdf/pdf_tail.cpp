#include "core/pdf/pdf_tail.hpp"

#include "core/error.hpp"
#include "core/io/file_chunks.hpp"

#include <cctype>
#include <cstring>
#include <algorithm>
#include <fstream>
#include <string_view>

namespace kyso {
namespace {

Error not_pdf(const std::string& path, const std::string& vi_why, const std::string& en_why) {
    return Error(ErrorCode::InputNotPdf,
                 "Tệp \"" + path + "\" không phải PDF hợp lệ (" + vi_why + "). Hãy xuất lại PDF từ văn bản gốc.",
                 "\"" + path + "\" is not a valid PDF (" + en_why + "). Export the PDF again from the source document.");
}

} // namespace

PdfTail read_pdf_tail(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw Error(ErrorCode::InputUnreadable, "Không đọc được tệp \"" + path + "\".",
                    "Cannot read \"" + path + "\".");
    in.seekg(0, std::ios::end);
    PdfTail tail;
    tail.file_size = static_cast<size_t>(in.tellg());
    char head[5] = {};
    in.seekg(0);
    in.read(head, 5);
    if (tail.file_size == 0)
        throw not_pdf(path, "tệp rỗng, 0 byte", "the file is empty, 0 bytes");
    if (tail.file_size < 5 || std::memcmp(head, "%PDF-", 5) != 0)
        throw not_pdf(path, "không có phần đầu %PDF-", "no %PDF- header");
    // A header and next to nothing after it (a download or copy that stopped at once).
    if (tail.file_size < 32)
        throw not_pdf(path,
                      "chỉ có " + std::to_string(tail.file_size) +
                          " byte: có phần đầu %PDF- nhưng không có nội dung, tệp bị cắt cụt hoặc rỗng",
                      "only " + std::to_string(tail.file_size) +
                          " bytes: a %PDF- header with no content, the file is truncated or empty");

    // The last "startxref" lies within the final kilobytes (it is followed only by the
    // offset and %%EOF).
    size_t window = std::min<size_t>(tail.file_size, 4096);
    std::string end(window, '\0');
    in.seekg(static_cast<std::streamoff>(tail.file_size - window));
    in.read(end.data(), static_cast<std::streamsize>(window));
    size_t keyword = end.rfind("startxref");
    if (keyword == std::string::npos || end.find("%%EOF", keyword) == std::string::npos)
        throw not_pdf(path, "thiếu startxref hoặc %%EOF, tệp có thể bị cắt cụt", "no startxref or %%EOF: truncated?");
    size_t pos = keyword + 9;
    while (pos < end.size() && std::isspace(static_cast<unsigned char>(end[pos])))
        ++pos;
    size_t digits = pos;
    while (pos < end.size() && std::isdigit(static_cast<unsigned char>(end[pos])))
        ++pos;
    if (pos == digits || pos - digits > 15)
        throw not_pdf(path, "giá trị startxref hỏng", "bad startxref value");
    tail.startxref = std::stoull(end.substr(digits, pos - digits));
    if (tail.startxref >= tail.file_size)
        throw not_pdf(path, "startxref trỏ ra ngoài tệp", "startxref points outside the file");

    char section[32] = {};
    in.seekg(static_cast<std::streamoff>(tail.startxref));
    in.read(section, sizeof section - 1);
    const char* p = section;
    while (*p && std::isspace(static_cast<unsigned char>(*p)))
        ++p;
    if (std::strncmp(p, "xref", 4) == 0)
        tail.kind = XrefKind::Table;
    else if (std::isdigit(static_cast<unsigned char>(*p)) && std::strstr(p, "obj"))
        tail.kind = XrefKind::Stream;
    else
        throw not_pdf(path, "startxref không trỏ tới bảng tham chiếu", "startxref does not point at a cross-reference section");
    return tail;
}

std::vector<size_t> revision_ends(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::vector<size_t> ends;
    constexpr size_t kKeep = 7; // "%%EOF\r\n" may straddle two chunks: keep the tail of the last one
    std::vector<char> buffer = read_buffer_for(path, kKeep);
    const size_t kChunk = buffer.size() - kKeep;
    size_t kept = 0;  // bytes carried over at the start of buffer
    size_t base = 0;  // file offset of buffer[0]
    while (in) {
        in.read(buffer.data() + kept, static_cast<std::streamsize>(kChunk));
        size_t got = static_cast<size_t>(in.gcount());
        if (got == 0)
            break;
        size_t size = kept + got;
        // A read that fills the chunk exactly up to the end of the file has not met the end yet:
        // look, or the held bytes (with a final %%EOF in them) would never be searched.
        bool last = !in || in.peek() == std::char_traits<char>::eof();
        // A marker is reported from the chunk where its line ending is complete (or at EOF);
        // one starting in the last kKeep bytes is found again at the start of the next buffer.
        std::string_view view(buffer.data(), size);
        size_t limit = last ? size : size - kKeep;
        for (size_t at = view.find("%%EOF"); at != std::string_view::npos && at < limit; at = view.find("%%EOF", at + 5)) {
            size_t stop = at + 5;
            if (stop < size && view[stop] == '\r')
                ++stop;
            if (stop < size && view[stop] == '\n')
                ++stop;
            ends.push_back(base + stop);
        }
        if (last)
            break;
        std::copy(buffer.begin() + static_cast<long>(size - kKeep), buffer.begin() + static_cast<long>(size), buffer.begin());
        base += size - kKeep;
        kept = kKeep;
    }
    return ends;
}

} // namespace kyso
