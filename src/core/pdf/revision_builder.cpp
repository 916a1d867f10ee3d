#include "core/pdf/revision_builder.hpp"

#include "core/error.hpp"
#include "core/pdf/appearance.hpp"

namespace kyso::pdf {

using namespace PoDoFo;

namespace {

constexpr pdf_int64 kPrintFlag = 4;
constexpr pdf_int64 kLockedFlag = 128;   // readers may not move or delete the widget
constexpr pdf_int64 kReadOnlyField = 1;  // only kyso fills the number and date
constexpr const char* kFontResource = "KysoSerif";
constexpr const char* kItalicFontResource = "KysoSerifItalic";

void set_appearance(PdfObject& widget, PdfObject* normal) {
    PdfDictionary ap;
    ap.AddKey("N", normal->Reference());
    widget.GetDictionary().AddKey("AP", ap);
}

std::string default_appearance(double font_size, bool italic = false) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "/%s %.2f Tf 0 g", italic ? kItalicFontResource : kFontResource, font_size);
    return buffer;
}

} // namespace

PdfArray rect_array(const PageRect& r) {
    PdfArray array;
    array.push_back(PdfVariant(r.x));
    array.push_back(PdfVariant(r.y));
    array.push_back(PdfVariant(r.right()));
    array.push_back(PdfVariant(r.top()));
    return array;
}

RevisionBuilder::RevisionBuilder(const std::string& path) : path_(path), pdf_(path), form_(pdf_.doc(), changed_) {}

RevisionBuilder::RevisionBuilder(const InputFile& input)
    : path_(input.path()), pdf_(input), form_(pdf_.doc(), changed_) {}

PdfPage& RevisionBuilder::page(int number) {
    int count = doc().GetPageCount();
    if (number < 1 || number > count)
        throw Error(ErrorCode::BadArguments,
                    "Trang " + std::to_string(number) + " không có trong tài liệu (có " + std::to_string(count) +
                        " trang).",
                    "Page " + std::to_string(number) + " does not exist (the document has " + std::to_string(count) +
                        " pages).");
    return page_at(doc(), number, path_); // a broken /Kids is InputNotPdf, not a null page
}

PdfFont* RevisionBuilder::serif_font() { return pdf::serif_font(doc()); }

PdfObject* RevisionBuilder::new_widget(const std::string& name, const char* field_type, int page_number,
                                       const PageRect& rect) {
    form_.require_new_name(name);
    PdfPage& target = page(page_number);
    if (rect.width > 0)
        require_rect_on_page(rect, target, page_number);
    PdfObject* widget = doc().GetObjects().CreateObject("Annot");
    PdfDictionary& w = widget->GetDictionary();
    w.AddKey("Subtype", PdfName("Widget"));
    w.AddKey("FT", PdfName(field_type));
    w.AddKey("T", text_string(name));
    w.AddKey("F", PdfVariant(kPrintFlag | kLockedFlag));
    w.AddKey("P", target.GetObject()->Reference());
    w.AddKey("Rect", rect_array(rect));
    append_reference(doc(), *target.GetObject(), "Annots", widget->Reference(), changed_);
    form_.add_field(widget->Reference(), std::string(field_type) == "Sig");
    return widget;
}

void RevisionBuilder::apply(const FormEdits& edits) {
    bool uses_font = !edits.text_fields.empty() || !edits.fills.empty() || !edits.notes.empty();
    if (uses_font)
        form_.add_default_font(kFontResource, serif_font()->GetObject()->Reference());
    for (const TextFieldSpec& spec : edits.text_fields)
        if (spec.italic) {
            form_.add_default_font(kItalicFontResource, pdf::serif_font(doc(), true)->GetObject()->Reference());
            break;
        }

    for (const TextFieldSpec& spec : edits.text_fields) {
        PdfObject* field = new_widget(spec.name, "Tx", spec.page, spec.rect);
        field->GetDictionary().AddKey("Ff", PdfVariant(kReadOnlyField));
        field->GetDictionary().AddKey("DA", PdfString(default_appearance(spec.font_size, spec.italic)));
        set_appearance(*field, draw_nothing(doc(), spec.rect.width, spec.rect.height));
    }

    for (const FieldFill& fill : edits.fills) {
        PdfObject* field = form_.find(fill.name);
        if (!field || !field->GetDictionary().HasKey("Rect"))
            throw Error(ErrorCode::InputNotPdf,
                        "Văn bản thiếu ô \"" + fill.name + "\" do kyso chuẩn bị. Hãy xuất lại văn bản dự thảo bằng kyso.",
                        "The document lacks kyso's field \"" + fill.name + "\". Export the draft again with kyso.");
        PdfArray& r = field->GetDictionary().GetKey("Rect")->GetArray();
        double width = r[2].GetReal() - r[0].GetReal();
        double height = r[3].GetReal() - r[1].GetReal();
        double font_size = 13;
        char font_name[64] = {};
        if (const PdfObject* da = field->GetDictionary().GetKey("DA"); da && da->IsString())
            std::sscanf(da->GetString().GetStringUtf8().c_str(), "/%63s %lf Tf", font_name, &font_size);
        bool italic = std::string(font_name) == kItalicFontResource;
        field->GetDictionary().AddKey("V", text_string(fill.value));
        set_appearance(*field, draw_filled_field(doc(), width, height, fill.value, font_size, italic));
        note_changed(field, changed_);
    }

    for (const NoteSpec& note : edits.notes) {
        PdfObject* field = new_widget(note.name, "Tx", note.page, note.rect);
        field->GetDictionary().AddKey("Ff", PdfVariant(kReadOnlyField));
        field->GetDictionary().AddKey("DA", PdfString(default_appearance(note.font_size)));
        std::string value;
        for (const std::string& line : note.lines)
            value += (value.empty() ? "" : "\n") + line;
        field->GetDictionary().AddKey("V", text_string(value));
        set_appearance(*field, draw_note(doc(), note.rect.width, note.rect.height, note.lines, note.font_size,
                                           note.line_spacing));
    }

    for (const EmptySignatureField& place : edits.empty_signatures) {
        PdfObject* field = new_widget(place.name, "Sig", place.page, place.rect);
        set_appearance(*field, draw_nothing(doc(), place.rect.width, place.rect.height));
    }
}

void RevisionBuilder::check_signature_place(const std::string& name,
                                            const std::optional<SignatureAppearance>& appearance) {
    if (PdfObject* existing = form_.find(name)) {
        // A place prepared earlier: only an empty signature field, signed on its own page.
        const PdfObject* ft = existing->GetDictionary().GetKey("FT");
        if (!ft || !ft->IsName() || ft->GetName() != PdfName("Sig") || existing->GetDictionary().HasKey("V"))
            form_.require_new_name(name); // throws "already has a field named …"
        const PdfObject* p = existing->GetDictionary().GetKey("P");
        if (appearance && p && p->IsReference() &&
            !(page(appearance->page).GetObject()->Reference() == p->GetReference()))
            throw Error(ErrorCode::BadArguments,
                        "Ô chữ ký \"" + name + "\" đã được chuẩn bị ở một trang khác trang " +
                            std::to_string(appearance->page) + "; hãy ký đúng trang của ô đó hoặc dùng tên ô khác.",
                        "The signature field \"" + name + "\" was prepared on another page than page " +
                            std::to_string(appearance->page) + "; sign on its page or use another field name.");
    } else {
        form_.require_new_name(name);
    }
    if (appearance)
        require_rect_on_page(appearance->rect, page(appearance->page), appearance->page);
    else
        page(1); // an invisible signature's widget still sits on page 1
}

void RevisionBuilder::add_signature_widget(const std::string& name, const std::optional<SignatureAppearance>& appearance,
                                           const PdfReference& signature) {
    check_signature_place(name, appearance);
    PdfObject* existing = form_.find(name);
    PdfObject* widget = nullptr;
    if (existing) {
        // A place prepared earlier: sign into it, on its own page (checked above).
        widget = existing;
        widget->GetDictionary().AddKey("Rect", rect_array(appearance ? appearance->rect : PageRect{}));
        widget->GetDictionary().RemoveKey("AP");
        note_changed(widget, changed_);
        form_.set_signature_flags();
    } else {
        int page_number = appearance ? appearance->page : 1;
        widget = new_widget(name, "Sig", page_number, appearance ? appearance->rect : PageRect{});
    }
    widget->GetDictionary().AddKey("V", signature);
    if (appearance) {
        require_rect_on_page(appearance->rect, page(appearance->page), appearance->page);
        set_appearance(*widget, draw_appearance(doc(), *appearance));
    }
}

IncrementalWriter::Output RevisionBuilder::finish(std::optional<std::pair<unsigned, std::string>> raw) {
    // Fonts are subset only now that every text is drawn.
    doc().EmbedSubsetFonts();
    IncrementalWriter writer(pdf_);
    for (const PdfObject* object : changed_)
        writer.add(*object);
    for (const PdfObject* object : doc().GetObjects())
        if (object->Reference().ObjectNumber() >= pdf_.first_new_object() &&
            (!raw || object->Reference().ObjectNumber() != raw->first))
            writer.add(*object);
    if (raw)
        writer.add_raw(raw->first, std::move(raw->second));
    return writer.finish();
}

} // namespace kyso::pdf
