#include "core/pdf/incremental_writer.hpp"

#include "core/crypto/ossl.hpp"
#include "core/error.hpp"

#include <chrono>

#include <cstdio>
#include <sstream>

namespace kyso::pdf {

using namespace PoDoFo;

namespace {

std::string render(const PdfObject& object) {
    std::ostringstream text;
    PdfOutputDevice device(&text);
    object.WriteObject(&device, ePdfWriteMode_Compact, nullptr);
    device.Flush();
    return text.str();
}

std::string variant_text(const PdfObject& value) {
    std::string text;
    value.ToString(text, ePdfWriteMode_Compact);
    return text;
}

// Consecutive object numbers form one subsection: "first count".
std::vector<std::pair<unsigned, unsigned>> subsections(const std::map<unsigned, size_t>& offsets) {
    std::vector<std::pair<unsigned, unsigned>> runs;
    for (const auto& [number, offset] : offsets) {
        (void)offset;
        if (!runs.empty() && runs.back().first + runs.back().second == number)
            ++runs.back().second;
        else
            runs.push_back({number, 1});
    }
    return runs;
}

// The /ID for this update (ISO 32000-1 §14.4): the first element kept, the second one new for
// every update — a digest of the previous revision's end, the update's objects and the time.
// A file without /ID gets one whose two elements are that new value.
std::string next_id(const LoadedPdf& pdf, const std::string& objects) {
    std::string seed = std::to_string(pdf.tail().file_size) + " " + std::to_string(pdf.tail().startxref) + " " +
                       std::to_string(std::chrono::system_clock::now().time_since_epoch().count()) + objects;
    ossl::Bytes digest = ossl::sha256(reinterpret_cast<const unsigned char*>(seed.data()), seed.size());
    std::string fresh = "<";
    char hex[3];
    for (size_t i = 0; i < 16; ++i) {
        std::snprintf(hex, sizeof hex, "%02X", digest[i]);
        fresh += hex;
    }
    fresh += ">";
    std::string first = fresh;
    if (const PdfObject* id = pdf.id(); id && id->IsArray() && !id->GetArray().empty() &&
                                        (id->GetArray()[0].IsString() || id->GetArray()[0].IsHexString()))
        first = variant_text(id->GetArray()[0]);
    return "[" + first + fresh + "]";
}

// Trailer entries an update writes itself (or must not repeat): the chain and size, the IDs,
// the catalog and Info (checked by LoadedPdf), and a cross-reference stream's own keys. Its
// /Filter or /DecodeParms carried over would make readers decode kyso's raw rows wrongly;
// /XRefStm belongs to the hybrid section it was written in, not to this one.
bool written_by_the_update(const std::string& key) {
    static const char* const kOwn[] = {"Size", "Prev",   "ID",     "Root",         "Info",   "XRefStm",
                                       "Type", "W",      "Index",  "Length",       "Filter", "DecodeParms",
                                       "F",    "FFilter", "FDecodeParms", "DL"};
    for (const char* own : kOwn)
        if (key == own)
            return true;
    return false;
}

// Every other entry of the previous trailer, as ISO 32000-1 §7.5.6 asks of an update
// (/Encrypt never occurs: encrypted files are refused before anything is written).
std::string carried_trailer_entries(const PdfDictionary& trailer) {
    std::string entries;
    for (const auto& [name, value] : trailer.GetKeys()) {
        if (written_by_the_update(name.GetName()))
            continue;
        entries += "/" + name.GetEscapedName() + " " + variant_text(*value);
    }
    return entries;
}

} // namespace

void IncrementalWriter::add(const PdfObject& object) {
    const PdfReference& ref = object.Reference();
    if (!ref.IsIndirect())
        throw Error(ErrorCode::Internal, "Lỗi nội bộ khi ghi PDF.", "Direct object passed to the update writer.");
    if (ref.GenerationNumber() != 0 && ref.ObjectNumber() >= pdf_.first_new_object())
        throw Error(ErrorCode::Internal, "Lỗi nội bộ khi ghi PDF.", "New object with a non-zero generation.");
    bodies_[ref.ObjectNumber()] = render(object);
    generations_[ref.ObjectNumber()] = ref.GenerationNumber();
}

void IncrementalWriter::add_raw(unsigned number, std::string body) {
    std::string head = std::to_string(number) + " 0 obj\n";
    raw_body_starts_[number] = head.size();
    bodies_[number] = head + body + "\nendobj\n";
    generations_[number] = 0;
}

IncrementalWriter::Output IncrementalWriter::finish() const {
    const PdfTail& tail = pdf_.tail();
    Output out;
    // Start on a fresh line: the previous revision may end right after "%%EOF".
    out.bytes = "\n";
    std::map<unsigned, size_t> offsets;
    unsigned highest = 0;
    for (const auto& [number, text] : bodies_) {
        offsets[number] = tail.file_size + out.bytes.size();
        if (auto raw = raw_body_starts_.find(number); raw != raw_body_starts_.end())
            out.raw_body_offsets[number] = out.bytes.size() + raw->second;
        out.bytes += text;
        highest = std::max(highest, number);
    }

    std::string trailer_keys = "/Root " + variant_text(*pdf_.root_ref());
    if (pdf_.info_ref())
        trailer_keys += "/Info " + variant_text(*pdf_.info_ref());
    trailer_keys += carried_trailer_entries(pdf_.trailer());
    trailer_keys += "/ID" + next_id(pdf_, out.bytes);
    trailer_keys += "/Prev " + std::to_string(tail.startxref);

    size_t xref_offset = tail.file_size + out.bytes.size();
    char line[64];
    if (tail.kind == XrefKind::Table) {
        unsigned size = std::max(highest + 1, pdf_.first_new_object());
        out.bytes += "xref\n";
        for (auto [first, count] : subsections(offsets)) {
            std::snprintf(line, sizeof line, "%u %u\n", first, count);
            out.bytes += line;
            for (unsigned n = first; n < first + count; ++n) {
                // Each entry is exactly 20 bytes: 10-digit offset, 5-digit generation, type, EOL.
                // The generation is the object's own: a rewritten object keeps it in "N G obj".
                std::snprintf(line, sizeof line, "%010zu %05u n\r\n", offsets.at(n), generations_.at(n));
                out.bytes += line;
            }
        }
        out.bytes += "trailer\n<</Size " + std::to_string(size) + trailer_keys + ">>\n";
    } else {
        // The cross-reference stream is an object too and lists itself.
        unsigned self = std::max(highest + 1, pdf_.first_new_object());
        offsets[self] = xref_offset;
        std::string rows;
        for (const auto& [number, offset] : offsets) {
            // /W [1 4 2]: type 1 (in use), 4-byte offset, 2-byte generation (the stream itself: 0).
            auto generation = generations_.find(number);
            unsigned gen = generation == generations_.end() ? 0 : generation->second;
            if (offset > 0xFFFFFFFFull)
                throw Error(ErrorCode::InputNotPdf, "Tệp PDF quá lớn (trên 4 GB).", "PDF larger than 4 GB.");
            rows += '\x01';
            for (int shift = 24; shift >= 0; shift -= 8)
                rows += static_cast<char>((offset >> shift) & 0xFF);
            rows += static_cast<char>((gen >> 8) & 0xFF);
            rows += static_cast<char>(gen & 0xFF);
        }
        std::string index;
        for (auto [first, count] : subsections(offsets))
            index += (index.empty() ? "" : " ") + std::to_string(first) + " " + std::to_string(count);
        out.bytes += std::to_string(self) + " 0 obj\n<</Type/XRef/Size " + std::to_string(self + 1) +
                     "/W[1 4 2]/Index[" + index + "]" + trailer_keys + "/Length " +
                     std::to_string(rows.size()) + ">>\nstream\n" + rows + "\nendstream\nendobj\n";
    }
    out.bytes += "startxref\n" + std::to_string(xref_offset) + "\n%%EOF\n";
    return out;
}

} // namespace kyso::pdf
