#include "core/pdf/certification.hpp"

#include "core/error.hpp"
#include "core/pdf/acroform.hpp"

namespace kyso::pdf {

using namespace PoDoFo;

int docmdp_permission(PdfMemDocument& doc, PdfObject* signature) {
    signature = resolve(doc, signature);
    if (!signature || !signature->IsDictionary())
        return 0;
    PdfObject* references = resolve(doc, signature->GetDictionary().GetKey("Reference"));
    if (!references || !references->IsArray())
        return 0;
    for (PdfObject& entry : references->GetArray()) {
        PdfObject* reference = resolve(doc, &entry);
        if (!reference || !reference->IsDictionary())
            continue;
        const PdfObject* method = reference->GetDictionary().GetKey("TransformMethod");
        if (!method || !method->IsName() || method->GetName() != PdfName("DocMDP"))
            continue;
        PdfObject* params = resolve(doc, reference->GetDictionary().GetKey("TransformParams"));
        PdfObject* p = params && params->IsDictionary() ? resolve(doc, params->GetDictionary().GetKey("P")) : nullptr;
        if (!p || !p->IsNumber())
            return 2; // ISO 32000-1 Table 254: P defaults to 2
        pdf_int64 value = p->GetNumber();
        return value >= 1 && value <= 3 ? static_cast<int>(value) : kInvalidPermission;
    }
    return 0;
}

PdfObject* certification_signature(PdfMemDocument& doc) {
    PdfObject* catalog = doc.GetCatalog();
    if (!catalog || !catalog->IsDictionary())
        return nullptr;
    PdfObject* perms = resolve(doc, catalog->GetDictionary().GetKey("Perms"));
    if (!perms || !perms->IsDictionary())
        return nullptr;
    PdfObject* signature = resolve(doc, perms->GetDictionary().GetKey("DocMDP"));
    return signature && signature->IsDictionary() ? signature : nullptr;
}

int certification_permission(PdfMemDocument& doc) {
    PdfObject* signature = certification_signature(doc);
    if (!signature)
        return 0;
    int p = docmdp_permission(doc, signature);
    return p ? p : 2; // named by /Perms but without the transform: the default permission
}

void refuse_if_certified_against_changes(PdfMemDocument& doc, const std::string& path) {
    int p = certification_permission(doc);
    if (!forbids_any_change(p))
        return;
    bool valid = p == 1;
    throw Error(ErrorCode::InputNotPdf,
                "Văn bản \"" + path + "\" đã được chứng thực (" + (valid ? "DocMDP P=1" : "DocMDP, P không hợp lệ") +
                    "), không cho phép thay đổi hay ký thêm: một chữ ký mới sẽ làm mất hiệu lực chứng thực. "
                    "Hãy đề nghị bên chứng thực gửi bản chưa chứng thực, hoặc bản chứng thực cho phép ký thêm (P=2).",
                "\"" + path + "\" is certified (" + (valid ? "DocMDP P=1" : "DocMDP with an invalid P") +
                    ") against any change, signing included: a new signature would void the certification. "
                    "Ask the certifier for an uncertified copy, or one certified to allow signing (P=2).");
}

} // namespace kyso::pdf
