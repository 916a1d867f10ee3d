#include "core/pdf/acroform.hpp"

#include "core/error.hpp"

#include <algorithm>
#include <set>

namespace kyso::pdf {

using PoDoFo::PdfArray;
using PoDoFo::PdfDictionary;
using PoDoFo::PdfObject;
using PoDoFo::PdfReference;

namespace {

constexpr int kMaxFieldDepth = 32; // deeper field trees are malformed or hostile

PdfObject* resolve(PoDoFo::PdfMemDocument& doc, PdfObject* value) {
    if (value && value->IsReference())
        return doc.GetObjects().GetObject(value->GetReference());
    return value;
}

void collect_names(PoDoFo::PdfMemDocument& doc, PdfObject* fields, const std::string& parent, int depth,
                   std::set<unsigned>& seen, std::vector<std::string>& names) {
    if (!fields || !fields->IsArray() || depth > kMaxFieldDepth)
        return;
    for (PdfObject& entry : fields->GetArray()) {
        if (entry.IsReference() && !seen.insert(entry.GetReference().ObjectNumber()).second)
            continue; // a loop in the field tree
        PdfObject* field = resolve(doc, &entry);
        if (!field || !field->IsDictionary())
            continue;
        std::string name = parent;
        if (const PdfObject* t = field->GetDictionary().GetKey("T"); t && (t->IsString() || t->IsHexString())) {
            std::string partial = t->GetString().GetStringUtf8();
            name = parent.empty() ? partial : parent + "." + partial;
            names.push_back(name);
        }
        collect_names(doc, resolve(doc, field->GetDictionary().GetKey("Kids")), name, depth + 1, seen, names);
    }
}

} // namespace

PoDoFo::PdfString text_string(const std::string& utf8) {
    bool ascii = std::all_of(utf8.begin(), utf8.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
    if (ascii)
        return PoDoFo::PdfString(utf8);
    return PoDoFo::PdfString(reinterpret_cast<const PoDoFo::pdf_utf8*>(utf8.c_str()));
}

void note_changed(const PdfObject* object, ChangedObjects& changed) {
    if (std::find(changed.begin(), changed.end(), object) == changed.end())
        changed.push_back(object);
}

AcroForm::AcroForm(PoDoFo::PdfMemDocument& doc) : doc_(doc) {
    PdfObject* form = resolve(doc_, doc_.GetCatalog()->GetDictionary().GetKey("AcroForm"));
    if (form && form->IsDictionary()) {
        std::set<unsigned> seen;
        collect_names(doc_, resolve(doc_, form->GetDictionary().GetKey("Fields")), "", 0, seen, names_);
    }
}

std::string AcroForm::unused_name(const std::string& prefix) const {
    for (int n = 1;; ++n) {
        std::string name = prefix + std::to_string(n);
        if (std::find(names_.begin(), names_.end(), name) == names_.end())
            return name;
    }
}

void AcroForm::require_new_name(const std::string& name) const {
    if (name.empty() || name.find('.') != std::string::npos)
        throw Error(ErrorCode::BadArguments,
                    "Tên trường chữ ký \"" + name + "\" không hợp lệ (không được rỗng hay chứa dấu chấm).",
                    "Invalid signature field name \"" + name + "\" (must be non-empty, without dots).");
    if (std::find(names_.begin(), names_.end(), name) != names_.end())
        throw Error(ErrorCode::BadArguments,
                    "Tài liệu đã có trường tên \"" + name + "\". Có thể văn bản đã được ký ở bước này rồi.",
                    "The document already has a field named \"" + name + "\". It may already be signed at this step.");
}

void AcroForm::add_signature_field(const PdfReference& field, ChangedObjects& changed) {
    PdfObject* catalog = doc_.GetCatalog();
    PdfObject* entry = catalog->GetDictionary().GetKey("AcroForm");
    PdfObject* form = resolve(doc_, entry);
    if (!form || !form->IsDictionary()) {
        form = doc_.GetObjects().CreateObject(); // new: written with the other new objects
        catalog->GetDictionary().AddKey("AcroForm", form->Reference());
        note_changed(catalog, changed);
    } else {
        note_changed(entry->IsReference() ? form : catalog, changed);
    }
    form->GetDictionary().AddKey("SigFlags", PdfObject(static_cast<PoDoFo::pdf_int64>(3)));
    // /Fields may live in the form dictionary or in an array object of its own.
    if (PdfObject* fields = form->GetDictionary().GetKey("Fields"); fields && fields->IsReference()) {
        PdfObject* array = resolve(doc_, fields);
        if (array && array->IsArray()) {
            array->GetArray().push_back(field);
            note_changed(array, changed);
            return;
        }
    }
    PdfObject* fields = form->GetDictionary().GetKey("Fields");
    if (!fields || !fields->IsArray()) {
        form->GetDictionary().AddKey("Fields", PdfArray());
        fields = form->GetDictionary().GetKey("Fields");
    }
    fields->GetArray().push_back(field);
}

void append_reference(PoDoFo::PdfMemDocument& doc, PdfObject& holder, const char* key, const PdfReference& ref,
                      ChangedObjects& changed) {
    PdfObject* value = holder.GetDictionary().GetKey(key);
    if (value && value->IsReference()) {
        PdfObject* array = resolve(doc, value);
        if (array && array->IsArray()) {
            array->GetArray().push_back(ref);
            note_changed(array, changed);
            return;
        }
    }
    if (!value || !value->IsArray()) {
        holder.GetDictionary().AddKey(key, PdfArray());
        value = holder.GetDictionary().GetKey(key);
    }
    value->GetArray().push_back(ref);
    note_changed(&holder, changed);
}

} // namespace kyso::pdf
