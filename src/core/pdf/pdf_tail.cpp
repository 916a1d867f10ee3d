#include "core/pdf/pdf_tail.hpp"

#include "core/error.hpp"
#include "core/io/descriptor_reader.hpp"
#include "core/io/file_chunks.hpp"

#include <cctype>
#include <cstring>
#include <algorithm>
#include <fstream>
#include <map>
#include <optional>
#include <string_view>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace kyso {
namespace {

Error not_pdf(const std::string& path, const std::string& vi_why, const std::string& en_why) {
    return Error(ErrorCode::InputNotPdf,
                 "Tệp \"" + path + "\" không phải PDF hợp lệ (" + vi_why + "). Hãy xuất lại PDF từ văn bản gốc.",
                 "\"" + path + "\" is not a valid PDF (" + en_why + "). Export the PDF again from the source document.");
}


} // namespace

PdfTail read_pdf_tail(const std::string& path) {
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        throw Error(ErrorCode::InputUnreadable, "Không đọc được tệp \"" + path + "\".",
                    "Cannot read \"" + path + "\".");
    try {
        PdfTail tail = read_pdf_tail(fd, path);
        ::close(fd);
        return tail;
    } catch (...) {
        ::close(fd);
        throw;
    }
}

PdfTail read_pdf_tail(int fd, const std::string& path) {
    struct stat info {};
    if (::fstat(fd, &info) != 0)
        throw Error(ErrorCode::InputUnreadable, "Không đọc được tệp \"" + path + "\".",
                    "Cannot read \"" + path + "\".");
    PdfTail tail;
    tail.file_size = static_cast<size_t>(info.st_size);
    std::string head = read_bytes_at(fd, 0, 5);
    if (tail.file_size == 0)
        throw not_pdf(path, "tệp rỗng, 0 byte", "the file is empty, 0 bytes");
    if (tail.file_size < 5 || head != "%PDF-")
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
    std::string end = read_bytes_at(fd, tail.file_size - window, window);
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

    std::string section = read_bytes_at(fd, tail.startxref, 31);
    const char* p = section.c_str();
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

namespace {

constexpr size_t kContext = 256;   // bytes held before each read: room for "startxref N" before a marker
constexpr size_t kMarkerTail = 8;  // "%%EOF\r\n" is complete within these

bool is_space(char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == '\0'; }

// The offset in "startxref N" right before the marker at view[at] (white space only between),
// and where the keyword starts; nullopt when the marker does not follow a startxref.
std::optional<std::pair<size_t, size_t>> startxref_before(std::string_view view, size_t at) {
    size_t p = at;
    while (p > 0 && is_space(view[p - 1]))
        --p;
    size_t digits_end = p;
    while (p > 0 && std::isdigit(static_cast<unsigned char>(view[p - 1])))
        --p;
    if (p == digits_end || digits_end - p > 15 || p == 0 || !is_space(view[p - 1]))
        return std::nullopt;
    size_t digits = p;
    while (p > 0 && is_space(view[p - 1]))
        --p;
    if (p < 9 || view.compare(p - 9, 9, "startxref") != 0)
        return std::nullopt;
    return std::make_pair(static_cast<size_t>(std::stoull(std::string(view.substr(digits, digits_end - digits)))), p - 9);
}

// Whether a cross-reference section starts at `offset`: "xref", or "N G obj" whose dictionary
// says /Type /XRef.
bool xref_section_at(std::ifstream& in, size_t offset) {
    std::string head(4096, '\0');
    in.clear();
    in.seekg(static_cast<std::streamoff>(offset));
    in.read(head.data(), static_cast<std::streamsize>(head.size()));
    head.resize(static_cast<size_t>(in.gcount()));
    size_t p = 0;
    while (p < head.size() && is_space(head[p]))
        ++p;
    if (head.compare(p, 4, "xref") == 0)
        return true;
    for (int number = 0; number < 2; ++number) {
        size_t digits = p;
        while (p < head.size() && std::isdigit(static_cast<unsigned char>(head[p])))
            ++p;
        if (p == digits || p == head.size() || !is_space(head[p]))
            return false;
        while (p < head.size() && is_space(head[p]))
            ++p;
    }
    if (head.compare(p, 3, "obj") != 0)
        return false;
    std::string_view dict = std::string_view(head).substr(0, head.find("stream", p));
    for (size_t at = dict.find("/XRef"); at != std::string_view::npos; at = dict.find("/XRef", at + 5))
        if (at + 5 == dict.size() || !std::isalnum(static_cast<unsigned char>(dict[at + 5])))
            return true; // "/XRef", not "/XRefStm"
    return false;
}

Error too_many_revisions(const std::string& path) {
    return Error(ErrorCode::InputNotPdf,
                 "Tệp PDF \"" + path + "\" bị hỏng: có hơn " + std::to_string(kMaxRevisions) +
                     " phiên bản (lần cập nhật kết thúc bằng startxref và %%EOF), nhiều hơn mọi văn bản thật.",
                 "The PDF \"" + path + "\" is damaged: it has more than " + std::to_string(kMaxRevisions) +
                     " revisions (updates ending in startxref and %%EOF), more than any real document.");
}

} // namespace

std::vector<size_t> revision_ends(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ifstream probe(path, std::ios::binary); // for the sections that startxref values name
    std::map<size_t, bool> sections;             // offset -> is a cross-reference section
    std::vector<size_t> ends;
    std::vector<char> buffer = read_buffer_for(path, kContext);
    const size_t kChunk = buffer.size() - kContext;
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
        // A marker is taken from the buffer where its line ending is complete (or at the end of
        // the file); the held bytes before it are the context "startxref N" is read from.
        std::string_view view(buffer.data(), size);
        size_t from = kept > kMarkerTail ? kept - kMarkerTail : 0;
        size_t limit = last ? size : size - kMarkerTail;
        for (size_t at = view.find("%%EOF", from); at != std::string_view::npos && at < limit;
             at = view.find("%%EOF", at + 5)) {
            // Only a marker after "startxref N", N naming a cross-reference section before it, ends
            // a revision: "%%EOF" inside a stream or a comment does not.
            auto startxref = startxref_before(view, at);
            if (!startxref || startxref->first >= base + startxref->second)
                continue;
            auto known = sections.find(startxref->first);
            if (known == sections.end())
                known = sections.emplace(startxref->first, xref_section_at(probe, startxref->first)).first;
            if (!known->second)
                continue;
            size_t stop = at + 5;
            if (stop < size && view[stop] == '\r')
                ++stop;
            if (stop < size && view[stop] == '\n')
                ++stop;
            ends.push_back(base + stop);
            if (ends.size() > kMaxRevisions)
                throw too_many_revisions(path);
        }
        if (last)
            break;
        size_t keep = std::min(kContext, size);
        std::copy(buffer.begin() + static_cast<long>(size - keep), buffer.begin() + static_cast<long>(size), buffer.begin());
        base += size - keep;
        kept = keep;
    }
    return ends;
}

} // namespace kyso
