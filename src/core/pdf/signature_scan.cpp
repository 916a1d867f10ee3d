#include "core/pdf/signature_scan.hpp"

#include "core/error.hpp"
#include "core/pdf/certification.hpp"
#include "core/pdf/loaded_pdf.hpp"
#include "core/pdf/pdf_objects.hpp"

#include <algorithm>
#include <fstream>
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

void check_gap(std::ifstream& file, size_t file_size, ScannedSignature& sig) {
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
    std::string gap(gap_end - gap_start, '\0');
    file.clear();
    file.seekg(static_cast<std::streamoff>(gap_start));
    file.read(gap.data(), static_cast<std::streamsize>(gap.size()));
    if (gap.front() != '<' || gap.back() != '>')
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
            ScannedSignature sig;
            sig.field_name = name;
            sig.filter = text_of(v.GetKey("Filter"));
            sig.sub_filter = text_of(v.GetKey("SubFilter"));
            sig.signing_time = text_of(v.GetKey("M"));
            sig.name = text_of(v.GetKey("Name"));
            sig.reason = text_of(v.GetKey("Reason"));
            sig.location = text_of(v.GetKey("Location"));
            sig.page = page_of(pages, field);
            if (value == certifying)
                sig.certification = pdf::certification_permission(doc);
            if (PdfObject* rect = dict.GetKey("Rect"); rect && rect->IsArray() && rect->GetArray().size() == 4) {
                PdfArray& a = rect->GetArray();
                sig.visible = number_of(a[2]) != number_of(a[0]) && number_of(a[3]) != number_of(a[1]);
            }
            if (PdfObject* br = resolve(doc, v.GetKey("ByteRange")); br && br->IsArray())
                for (PdfObject& n : br->GetArray())
                    sig.byte_range.push_back(n.IsNumber() ? n.GetNumber() : -1);
            if (PdfObject* c = v.GetKey("Contents"); c && (c->IsString() || c->IsHexString()))
                sig.contents.assign(c->GetString().GetString(), c->GetString().GetString() + c->GetString().GetLength());
            out.push_back(std::move(sig));
        }
        collect(doc, pages, resolve(doc, dict.GetKey("Kids")), name, ft, certifying, depth + 1, seen, out);
    }
}

} // namespace

PdfSignatureScan scan_signatures(const std::string& path) {
    pdf::LoadedPdf pdf(path);
    PdfSignatureScan scan;
    scan.file_size = pdf.tail().file_size;
    scan.revision_ends = revision_ends(path);
    try {
        PdfMemDocument& doc = pdf.doc();
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
    for (ScannedSignature& sig : scan.signatures)
        check_gap(file, scan.file_size, sig);
    std::stable_sort(scan.signatures.begin(), scan.signatures.end(),
                     [](const ScannedSignature& a, const ScannedSignature& b) { return a.signed_end < b.signed_end; });
    return scan;
}

} // namespace kyso
