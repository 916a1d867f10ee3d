#include "core/pdf/signature_scan.hpp"

#include "core/error.hpp"
#include "core/pdf/certification.hpp"
#include "core/pdf/loaded_pdf.hpp"
#include "core/pdf/pdf_objects.hpp"
#include "core/pdf/signature_revision.hpp"
#include "core/pdf/update_objects.hpp"

#include <algorithm>
#include <fstream>
#include <sys/stat.h>
#include <set>

namespace kyso {

using namespace PoDoFo;

namespace {

constexpr int kMaxFieldDepth = 32;

using pdf::number_of;
using pdf::resolve;
using pdf::text_of;

int page_of(pdf::PageNumbers& pages, PdfObject* widget) {
    const PdfObject* p = widget->GetDictionary().GetKey("P");
    return p && p->IsReference() ? pages.of(p->GetReference()) : 0;
}

// What a signature field `field` and its value `v` say; `byte_range` is v's /ByteRange, resolved.
ScannedSignature signature_values(const PdfDictionary& field, const PdfDictionary& v, const PdfObject* byte_range) {
    ScannedSignature sig;
    sig.filter = text_of(v.GetKey("Filter"));
    sig.sub_filter = text_of(v.GetKey("SubFilter"));
    sig.signing_time = text_of(v.GetKey("M"));
    sig.name = text_of(v.GetKey("Name"));
    sig.reason = text_of(v.GetKey("Reason"));
    sig.location = text_of(v.GetKey("Location"));
    if (const PdfObject* rect = field.GetKey("Rect"); rect && rect->IsArray() && rect->GetArray().size() == 4) {
        const PdfArray& a = rect->GetArray();
        sig.visible = number_of(a[2]) != number_of(a[0]) && number_of(a[3]) != number_of(a[1]);
    }
    if (byte_range && byte_range->IsArray())
        for (const PdfObject& n : byte_range->GetArray())
            sig.byte_range.push_back(n.IsNumber() ? n.GetNumber() : -1);
    if (const PdfObject* c = v.GetKey("Contents"); c && (c->IsString() || c->IsHexString()))
        sig.contents.assign(c->GetString().GetString(), c->GetString().GetString() + c->GetString().GetLength());
    return sig;
}

// `certifying` is the signature dictionary the catalog's /Perms /DocMDP names (or null).
void collect(PdfMemDocument& doc, pdf::PageNumbers& pages, PdfObject* fields, const std::string& parent,
             const std::string& inherited_ft, const PdfObject* certifying, int depth, std::set<unsigned>& seen,
             std::vector<ScannedSignature>& out) {
    if (!fields || !fields->IsArray() || depth > kMaxFieldDepth)
        return;
    for (PdfObject& entry : fields->GetArray()) {
        if (entry.IsReference() && !seen.insert(entry.GetReference().ObjectNumber()).second)
            continue;
        PdfObject* field = resolve(doc, &entry);
        if (!field || !field->IsDictionary())
            continue;
        PdfDictionary& dict = field->GetDictionary();
        std::string name = parent;
        if (const PdfObject* t = dict.GetKey("T"); t && (t->IsString() || t->IsHexString()))
            name = parent.empty() ? text_of(t) : parent + "." + text_of(t);
        std::string ft = dict.HasKey("FT") ? text_of(dict.GetKey("FT")) : inherited_ft;
        PdfObject* value = resolve(doc, dict.GetKey("V"));
        if (ft == "Sig" && value && value->IsDictionary()) {
            PdfDictionary& v = value->GetDictionary();
            ScannedSignature sig = signature_values(dict, v, resolve(doc, v.GetKey("ByteRange")));
            sig.field_name = name;
            sig.page = page_of(pages, field);
            if (value == certifying)
                sig.certification = pdf::certification_permission(doc);
            out.push_back(std::move(sig));
        }
        collect(doc, pages, resolve(doc, dict.GetKey("Kids")), name, ft, certifying, depth + 1, seen, out);
    }
}

// Whether `value` (followed into arrays and dictionaries, not through references) names `target`.
bool refers_to(const PdfObject& value, const PdfReference& target, int depth = 0) {
    if (depth > kMaxFieldDepth)
        return false;
    if (value.IsReference())
        return value.GetReference() == target;
    if (value.IsArray()) {
        for (const PdfObject& item : value.GetArray())
            if (refers_to(item, target, depth + 1))
                return true;
    } else if (value.IsDictionary()) {
        for (const auto& [key, item] : value.GetDictionary().GetKeys())
            if (refers_to(*item, target, depth + 1))
                return true;
    }
    return false;
}

// Reads `length` bytes at `offset` of `file` (fewer at its end).
ByteReader reader_of(std::ifstream& file) {
    return [&file](size_t offset, size_t length) {
        std::string bytes(length, '\0');
        file.clear();
        file.seekg(static_cast<std::streamoff>(offset));
        file.read(bytes.data(), static_cast<std::streamsize>(length));
        bytes.resize(static_cast<size_t>(std::max<std::streamsize>(file.gcount(), 0)));
        return bytes;
    };
}

std::string last_name_part(const std::string& full) {
    size_t dot = full.rfind('.');
    return dot == std::string::npos ? full : full.substr(dot + 1);
}

// The signature field of the update whose /V is `signature`: its number, or 0.
unsigned field_of(const pdf::UpdateObjects& update, const PdfReference& signature) {
    for (const auto& [number, object] : update.objects())
        if (object->IsDictionary())
            if (const PdfObject* v = object->GetDictionary().GetKey("V"); v && v->IsReference() && v->GetReference() == signature)
                return number;
    return 0;
}

} // namespace

void check_byte_range(const ByteReader& read, size_t file_size, ScannedSignature& sig) {
    const std::vector<long long>& r = sig.byte_range;
    auto fail = [&sig](std::string why) { sig.byte_range_problem = std::move(why); };
    if (r.size() != 4)
        return fail("/ByteRange does not have 4 numbers");
    if (std::any_of(r.begin(), r.end(), [](long long v) { return v < 0; }))
        return fail("/ByteRange has a negative number");
    if (r[0] != 0)
        return fail("/ByteRange does not start at 0");
    size_t gap_start = static_cast<size_t>(r[1]);
    size_t gap_end = static_cast<size_t>(r[2]);
    size_t end = gap_end + static_cast<size_t>(r[3]);
    if (gap_end <= gap_start || end > file_size || gap_end > file_size)
        return fail("/ByteRange points outside the file or overlaps itself");
    // -1 and +1 are the '<' and '>' that delimit the hex string, excluded from the signed bytes.
    if (gap_end - gap_start != sig.contents.size() * 2 + 2)
        return fail("the gap in /ByteRange is not exactly the /Contents hex string");
    std::string gap = read(gap_start, gap_end - gap_start);
    if (gap.size() != gap_end - gap_start || gap.front() != '<' || gap.back() != '>')
        return fail("the gap in /ByteRange is not a hex string");
    auto nibble = [](char c) -> int {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    };
    for (size_t i = 0; i < sig.contents.size(); ++i) {
        int hi = nibble(gap[1 + 2 * i]), lo = nibble(gap[2 + 2 * i]);
        if (hi < 0 || lo < 0 || static_cast<unsigned char>(hi * 16 + lo) != sig.contents[i])
            return fail("the gap in /ByteRange holds other bytes than this signature's /Contents");
    }
    sig.signed_end = end;
    sig.byte_range_ok = true;
}

PdfSignatureScan scan_signatures(const std::string& path) {
    pdf::LoadedPdf pdf(path);
    PdfSignatureScan scan;
    scan.file_size = pdf.tail().file_size;
    scan.revision_ends = revision_ends(path);
    try {
        PdfMemDocument& doc = pdf.doc();
        scan.has_dss = doc.GetCatalog()->GetDictionary().HasKey("DSS");
        PdfObject* form = resolve(doc, doc.GetCatalog()->GetDictionary().GetKey("AcroForm"));
        if (form && form->IsDictionary()) {
            std::set<unsigned> seen;
            pdf::PageNumbers pages(doc, path);
            collect(doc, pages, resolve(doc, form->GetDictionary().GetKey("Fields")), "", "",
                    pdf::certification_signature(doc), 0, seen, scan.signatures);
        }
    } catch (const PdfError& error) {
        pdf::rethrow_podofo(error, path);
    }
    std::ifstream file(path, std::ios::binary);
    ByteReader read = reader_of(file);
    for (ScannedSignature& sig : scan.signatures)
        check_byte_range(read, scan.file_size, sig);
    std::stable_sort(scan.signatures.begin(), scan.signatures.end(),
                     [](const ScannedSignature& a, const ScannedSignature& b) { return a.signed_end < b.signed_end; });
    return scan;
}

ScannedSignature read_back_signature(const std::string& path, const SignatureRevision& revision) {
    ScannedSignature sig;
    sig.field_name = revision.field_name();
    auto fail = [&sig](std::string why) {
        sig.byte_range_ok = false;
        sig.byte_range_problem = std::move(why);
        return sig;
    };
    std::ifstream file(path, std::ios::binary);
    struct stat info {};
    if (!file || ::stat(path.c_str(), &info) != 0)
        return fail("the written file cannot be read back");
    size_t base = revision.base_offset();
    const std::string& meant = revision.bytes();
    auto file_size = static_cast<size_t>(info.st_size);
    if (file_size != base + meant.size())
        return fail("the written file does not have the size meant: " + std::to_string(file_size) + " bytes, not " +
                    std::to_string(base + meant.size()));
    ByteReader read = reader_of(file);
    std::string written = read(base, meant.size());
    if (written != meant)
        return fail("the update on disk differs from the bytes written");

    // Only the new revision's objects are parsed: the bytes before it are the input, copied
    // unchanged, which the digest over the byte ranges read back from disk proves.
    try {
        pdf::UpdateObjects update(std::move(written), base);
        if (!update.problem().empty())
            return fail("the update written does not parse: " + update.problem());
        PdfReference signature_ref(revision.signature_object(), 0);
        PdfObject* value = update.object(revision.signature_object());
        if (!value || !value->IsDictionary())
            return fail("the update holds no signature dictionary");
        unsigned field_number = field_of(update, signature_ref);
        if (field_number == 0)
            return fail("no field of the update has the signature as its value");
        PdfObject* field = update.object(field_number);
        const PdfDictionary& dict = field->GetDictionary();
        if (const PdfObject* t = dict.GetKey("T"); t && text_of(t) != last_name_part(sig.field_name))
            return fail("the signature field has another name than the one meant: " + text_of(t));
        // A field made in this update is numbered after the signature dictionary (made first)
        // and must be listed by another object of the update (/Fields, or its parent's /Kids);
        // one numbered before it is a field of the input, reached as before.
        if (field_number > revision.signature_object()) {
            PdfReference field_ref(field_number, 0);
            bool listed = std::any_of(update.objects().begin(), update.objects().end(), [&](const auto& entry) {
                return entry.first != field_number && refers_to(*entry.second, field_ref);
            });
            if (!listed)
                return fail("the new signature field is listed by no object of the update");
        }
        ScannedSignature found = signature_values(dict, value->GetDictionary(), value->GetDictionary().GetKey("ByteRange"));
        found.field_name = sig.field_name;
        sig = std::move(found);
    } catch (const PdfError& error) {
        return fail("the update written does not parse: " + std::string(PdfError::ErrorMessage(error.GetError())));
    }
    if (sig.byte_range != revision.byte_range())
        return fail("/ByteRange on disk is not the one digested");
    check_byte_range(read, file_size, sig);
    return sig;
}

} // namespace kyso
