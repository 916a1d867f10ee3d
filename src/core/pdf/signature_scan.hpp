// Finds every signature in a PDF and checks the byte-range invariants of each: the first range
// starts at 0, the gap between the ranges is exactly this signature's /Contents hex string, and
// the ranges stay inside the file. Cryptography is left to the caller.
#pragma once

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
};

/// Scans the PDF at `path`; throws InputNotPdf/InputUnreadable for unreadable files.
PdfSignatureScan scan_signatures(const std::string& path);

} // namespace kyso
