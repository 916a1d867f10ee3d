// What the end of a PDF file says about its last revision: where the cross-reference section
// starts and whether it is a classic table or a cross-reference stream. An incremental update
// must link to it with /Prev and use the same kind. Pure byte reading: no PDF library.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace kyso {

enum class XrefKind { Table, Stream };

/// The last revision's cross-reference facts.
struct PdfTail {
    size_t file_size = 0;
    size_t startxref = 0;
    XrefKind kind = XrefKind::Table;
};

/// Reads the tail of `path`; throws InputNotPdf when there is no usable startxref.
PdfTail read_pdf_tail(const std::string& path);
/// The same, read with pread from `fd` (its file offset is not moved); `path` names it in errors.
PdfTail read_pdf_tail(int fd, const std::string& path);

/// Where each revision ends: just past each "%%EOF" marker (and its end-of-line) that follows
/// "startxref N", N being the offset of a cross-reference section (table or stream) before it.
/// Other markers (inside a stream, a comment, a linearized file's first-page trailer, whose
/// startxref is 0) end nothing. Throws InputNotPdf ("damaged") past 256 revisions.
std::vector<size_t> revision_ends(const std::string& path);

/// More revisions than any real document has (each signature adds one, long-term validation
/// data one more): revision_ends calls a file with more damaged. Every revision after the first
/// signed one is parsed again when verifying.
constexpr size_t kMaxRevisions = 256;

} // namespace kyso
