// Reading back what kyso (or Writer) put in a PDF: its form fields and named destinations.
#include "core/pdf/acroform.hpp"
#include "core/pdf/form_edits.hpp"
#include "core/pdf/loaded_pdf.hpp"
#include "core/pdf/pdf_objects.hpp"

#include <cstdio>
#include <set>

namespace kyso {

using namespace PoDoFo;

namespace {

constexpr int kMaxDepth = 32;

using pdf::number_of;

void collect_fields(PdfMemDocument& doc, pdf::PageNumbers& pages, PdfObject* fields, const std::string& parent,
                    const std::string& inherited_ft, int depth, std::set<unsigned>& seen, std::vector<FormField>& out) {
    if (!fields || !fields->IsArray() || depth > kMaxDepth)
        return;
    for (PdfObject& entry : fields->GetArray()) {
        if (entry.IsReference() && !seen.insert(entry.GetReference().ObjectNumber()).second)
            continue;
        PdfObject* field = pdf::resolve(doc, &entry);
        if (!field || !field->IsDictionary())
            continue;
        PdfDictionary& dict = field->GetDictionary();
        std::string name = parent;
        if (const PdfObject* t = dict.GetKey("T"); t && (t->IsString() || t->IsHexString()))
            name = parent.empty() ? t->GetString().GetStringUtf8() : parent + "." + t->GetString().GetStringUtf8();
        std::string ft = inherited_ft;
        if (const PdfObject* f = dict.GetKey("FT"); f && f->IsName())
            ft = f->GetName().GetName();
        PdfObject* kids = pdf::resolve(doc, dict.GetKey("Kids"));
        if (kids && kids->IsArray() && !kids->GetArray().empty()) {
            collect_fields(doc, pages, kids, name, ft, depth + 1, seen, out);
            continue;
        }
        FormField info;
        info.name = name;
        info.type = ft;
        if (const PdfObject* p = dict.GetKey("P"); p && p->IsReference())
            info.page = pages.of(p->GetReference());
        if (PdfObject* rect = pdf::resolve(doc, dict.GetKey("Rect")); rect && rect->IsArray() && rect->GetArray().size() == 4) {
            PdfArray& a = rect->GetArray();
            double x1 = number_of(a[0]), y1 = number_of(a[1]), x2 = number_of(a[2]), y2 = number_of(a[3]);
            info.rect = {std::min(x1, x2), std::min(y1, y2), std::abs(x2 - x1), std::abs(y2 - y1)};
        }
        PdfObject* value = pdf::resolve(doc, dict.GetKey("V"));
        if (value && (value->IsString() || value->IsHexString())) {
            info.value = value->GetString().GetStringUtf8();
            info.has_value = !info.value.empty();
        } else if (value && value->IsDictionary()) {
            info.has_value = true; // a signature dictionary
        }
        if (const PdfObject* da = dict.GetKey("DA"); da && (da->IsString() || da->IsHexString()))
            std::sscanf(da->GetString().GetStringUtf8().c_str(), "/%*s %lf Tf", &info.font_size);
        out.push_back(std::move(info));
    }
}

std::optional<NamedDestination> destination_of(PdfMemDocument& doc, pdf::PageNumbers& pages, PdfObject* value) {
    value = pdf::resolve(doc, value);
    if (value && value->IsDictionary())
        value = pdf::resolve(doc, value->GetDictionary().GetKey("D"));
    if (!value || !value->IsArray() || value->GetArray().size() < 2)
        return std::nullopt;
    PdfArray& a = value->GetArray();
    if (!a[0].IsReference())
        return std::nullopt;
    NamedDestination dest;
    dest.page = pages.of(a[0].GetReference());
    if (a[1].IsName() && a[1].GetName() == PdfName("XYZ") && a.size() >= 4) {
        dest.left = number_of(a[2]);
        dest.top = number_of(a[3]);
    }
    return dest;
}

void walk_name_tree(PdfMemDocument& doc, pdf::PageNumbers& pages, PdfObject* node, int depth, std::set<unsigned>& seen,
                    std::vector<std::pair<std::string, NamedDestination>>& out) {
    if (!node || !node->IsDictionary() || depth > kMaxDepth)
        return;
    if (PdfObject* names = pdf::resolve(doc, node->GetDictionary().GetKey("Names")); names && names->IsArray()) {
        PdfArray& a = names->GetArray();
        for (size_t i = 0; i + 1 < a.size(); i += 2)
            if (a[i].IsString() || a[i].IsHexString())
                if (auto dest = destination_of(doc, pages, &a[i + 1]))
                    out.emplace_back(a[i].GetString().GetStringUtf8(), *dest);
    }
    if (PdfObject* kids = pdf::resolve(doc, node->GetDictionary().GetKey("Kids")); kids && kids->IsArray())
        for (PdfObject& kid : kids->GetArray())
            if (!kid.IsReference() || seen.insert(kid.GetReference().ObjectNumber()).second)
                walk_name_tree(doc, pages, pdf::resolve(doc, &kid), depth + 1, seen, out);
}

} // namespace

std::vector<FormField> read_form_fields(const std::string& path) {
    pdf::LoadedPdf pdf(path);
    std::vector<FormField> fields;
    try {
        PdfMemDocument& doc = pdf.doc();
        PdfObject* form = pdf::resolve(doc, doc.GetCatalog()->GetDictionary().GetKey("AcroForm"));
        if (form && form->IsDictionary()) {
            std::set<unsigned> seen;
            pdf::PageNumbers pages(doc, path);
            collect_fields(doc, pages, pdf::resolve(doc, form->GetDictionary().GetKey("Fields")), "", "", 0, seen,
                           fields);
        }
    } catch (const PdfError& error) {
        pdf::rethrow_podofo(error, path);
    }
    return fields;
}

std::vector<PageRect> page_boxes(const std::string& path) {
    pdf::LoadedPdf pdf(path);
    std::vector<PageRect> boxes;
    try {
        pdf::PageNumbers pages(pdf.doc(), path);
        for (PdfObject* object : pages.objects()) {
            // The media box is inherited through /Parent, which needs no list of parents.
            PoDoFo::PdfRect box = PdfPage(object, {}).GetMediaBox();
            boxes.push_back({box.GetLeft(), box.GetBottom(), box.GetWidth(), box.GetHeight()});
        }
    } catch (const PdfError& error) {
        pdf::rethrow_podofo(error, path);
    }
    return boxes;
}

std::vector<std::pair<std::string, NamedDestination>> read_named_destinations(const std::string& path) {
    pdf::LoadedPdf pdf(path);
    std::vector<std::pair<std::string, NamedDestination>> out;
    try {
        PdfMemDocument& doc = pdf.doc();
        PdfDictionary& catalog = doc.GetCatalog()->GetDictionary();
        pdf::PageNumbers pages(doc, path);
        // PDF 1.1 style: /Dests is a dictionary from name to destination.
        if (PdfObject* dests = pdf::resolve(doc, catalog.GetKey("Dests")); dests && dests->IsDictionary())
            for (const auto& [key, value] : dests->GetDictionary().GetKeys())
                if (auto dest = destination_of(doc, pages, value))
                    out.emplace_back(key.GetName(), *dest);
        // PDF 1.2 style: the /Names dictionary's /Dests name tree.
        if (PdfObject* names = pdf::resolve(doc, catalog.GetKey("Names")); names && names->IsDictionary()) {
            std::set<unsigned> seen;
            walk_name_tree(doc, pages, pdf::resolve(doc, names->GetDictionary().GetKey("Dests")), 0, seen, out);
        }
    } catch (const PdfError& error) {
        pdf::rethrow_podofo(error, path);
    }
    return out;
}

} // namespace kyso
