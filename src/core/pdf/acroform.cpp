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

struct NameCollector {
    PoDoFo::PdfMemDocument& doc;
    std::set<unsigned> seen;
    std::vector<std::pair<std::string, PdfObject*>> found;

    void walk(PdfObject* fields, const std::string& parent, int depth) {
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
                found.emplace_back(name, field);
            }
            walk(resolve(doc, field->GetDictionary().GetKey("Kids")), name, depth + 1);
        }
    }
};

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

AcroForm::AcroForm(PoDoFo::PdfMemDocument& doc, ChangedObjects& changed) : doc_(doc), changed_(changed) {
    PdfObject* form = resolve(doc_, doc_.GetCatalog()->GetDictionary().GetKey("AcroForm"));
    if (form && form->IsDictionary()) {
        NameCollector collector{doc_, {}, {}};
        collector.walk(resolve(doc_, form->GetDictionary().GetKey("Fields")), "", 0);
        for (auto& [name, field] : collector.found)
            record_name(field, name);
    }
}

void AcroForm::record_name(PdfObject* field, const std::string& name) {
    names_.push_back(name);
    fields_.push_back(field);
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
                    "Tên trường \"" + name + "\" không hợp lệ (không được rỗng hay chứa dấu chấm).",
                    "Invalid field name \"" + name + "\" (must be non-empty, without dots).");
    if (std::find(names_.begin(), names_.end(), name) != names_.end())
        throw Error(ErrorCode::BadArguments,
                    "Tài liệu đã có trường tên \"" + name + "\". Có thể văn bản đã được ký ở bước này rồi.",
                    "The document already has a field named \"" + name + "\". It may already be signed at this step.");
}

PdfObject* AcroForm::find(const std::string& name) {
    auto it = std::find(names_.begin(), names_.end(), name);
    return it == names_.end() ? nullptr : fields_[static_cast<size_t>(it - names_.begin())];
}

PdfObject& AcroForm::form_dictionary() {
    PdfObject* catalog = doc_.GetCatalog();
    PdfObject* entry = catalog->GetDictionary().GetKey("AcroForm");
    PdfObject* form = resolve(doc_, entry);
    if (!form || !form->IsDictionary()) {
        form = doc_.GetObjects().CreateObject(); // new: written with the other new objects
        catalog->GetDictionary().AddKey("AcroForm", form->Reference());
        note_changed(catalog, changed_);
        return *form;
    }
    note_changed(entry->IsReference() ? form : catalog, changed_);
    return *form;
}

void AcroForm::set_signature_flags() {
    form_dictionary().GetDictionary().AddKey("SigFlags", PdfObject(static_cast<PoDoFo::pdf_int64>(3)));
}

void AcroForm::add_field(const PdfReference& field, bool signature) {
    PdfObject& form = form_dictionary();
    if (signature)
        set_signature_flags();
    // /Fields may live in the form dictionary or in an array object of its own.
    if (PdfObject* fields = form.GetDictionary().GetKey("Fields"); fields && fields->IsReference()) {
        PdfObject* array = resolve(doc_, fields);
        if (array && array->IsArray()) {
            array->GetArray().push_back(field);
            note_changed(array, changed_);
            return;
        }
    }
    PdfObject* fields = form.GetDictionary().GetKey("Fields");
    if (!fields || !fields->IsArray()) {
        form.GetDictionary().AddKey("Fields", PdfArray());
        fields = form.GetDictionary().GetKey("Fields");
    }
    fields->GetArray().push_back(field);
}

void AcroForm::add_default_font(const std::string& resource, const PdfReference& font) {
    PdfObject& form = form_dictionary();
    PdfObject* dr = resolve(doc_, form.GetDictionary().GetKey("DR"));
    if (!dr || !dr->IsDictionary()) {
        form.GetDictionary().AddKey("DR", PdfDictionary());
        dr = form.GetDictionary().GetKey("DR");
    } else if (form.GetDictionary().GetKey("DR")->IsReference()) {
        note_changed(dr, changed_);
    }
    PdfObject* fonts = resolve(doc_, dr->GetDictionary().GetKey("Font"));
    if (!fonts || !fonts->IsDictionary()) {
        dr->GetDictionary().AddKey("Font", PdfDictionary());
        fonts = dr->GetDictionary().GetKey("Font");
    } else if (dr->GetDictionary().GetKey("Font")->IsReference()) {
        note_changed(fonts, changed_);
    }
    fonts->GetDictionary().AddKey(PoDoFo::PdfName(resource), font);
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
