// Finds every signature in a PDF and checks the byte-range invariants of each: the first range
// starts at 0, the gap between the ranges is exactly this signature's /Contents hex string, and
// the ranges stay inside the file. Cryptography is left to the caller.
#pragma once

#include "core/pdf/xref_check.hpp" // ByteReader

#include <cstddef>
#include <string>
#include <vector>

namespace kyso {

/// One signature field with a value.
struct ScannedSignature {
    std::string field_name;
    std::string filter, sub_filter;
    std::string signing_time;  ///< /M as written
    std::string name, reason, location;
    int page = 0;              ///< 1-based page of its widget; 0 when unknown
    bool visible = false;      ///< widget rectangle has an area
    int certification = 0;     ///< DocMDP P (1…3) when this is the document's certification; 0: approval
    std::vector<long long> byte_range;
    std::vector<unsigned char> contents;
    bool byte_range_ok = false;
    std::string byte_range_problem;
    size_t signed_end = 0;     ///< where the signed bytes end (the revision it covers)
};

/// What a PDF holds, signature-wise.
struct PdfSignatureScan {
    size_t file_size = 0;
    std::vector<size_t> revision_ends;
    std::vector<ScannedSignature> signatures; ///< in the order their signed bytes end
    bool has_dss = false; ///< the catalog names a /DSS (else there is no validation data to read)
};

/// Checks `sig`'s /ByteRange against the file (`file_size` bytes, read through `read`): four
/// numbers, starting at 0, inside the file, the gap exactly its /Contents as a hex string. Sets
/// byte_range_ok and signed_end, or byte_range_problem.
void check_byte_range(const ByteReader& read, size_t file_size, ScannedSignature& sig);

class SignatureRevision;

/// The read-back after `revision` was appended to its input in the file at `path`: the file's
/// size, the update's bytes on disk equal to those meant, its cross-reference section and
/// objects parsed (and only those), the signature dictionary and the field whose /V it is found
/// in them, and check_byte_range. A failure is reported in byte_range_problem; the caller still
/// digests the byte ranges and checks the CMS, which proves the bytes before the update too.
ScannedSignature read_back_signature(const std::string& path, const SignatureRevision& revision);

/// Scans the PDF at `path`; throws InputNotPdf/InputUnreadable for unreadable files.
PdfSignatureScan scan_signatures(const std::string& path);

} // namespace kyso
