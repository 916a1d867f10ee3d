#include "core/pdf/signature_revision.hpp"

#include "core/error.hpp"
#include "core/pdf/acroform.hpp"
#include "core/pdf/appearance.hpp"
#include "core/pdf/incremental_writer.hpp"
#include "core/pdf/loaded_pdf.hpp"
#include "core/pdf/pdf_text.hpp"

#include <cstdio>

namespace kyso {

using namespace PoDoFo;

namespace {

constexpr size_t kByteRangeWidth = 48; // "[0 a b c]" plus padding: four 10-digit numbers fit
constexpr long kWidgetFlags = 4 | 128; // Print | Locked: printed, and not movable by readers

std::string raw_signature_dictionary(const SignatureRequest& request, size_t& byte_range_at,
                                     size_t& contents_at) {
    std::string body = "<</Type/Sig/Filter/Adobe.PPKLite/SubFilter/ETSI.CAdES.detached/M(" +
                       request.pdf_signing_time + ")";
    if (!request.signer_name.empty())
        body += "/Name" + pdf_hex_text_string(request.signer_name);
    if (!request.reason.empty())
        body += "/Reason" + pdf_hex_text_string(request.reason);
    if (!request.location.empty())
        body += "/Location" + pdf_hex_text_string(request.location);
    body += "/ByteRange";
    byte_range_at = body.size();
    std::string placeholder = "[0 0 0 0]";
    placeholder.insert(placeholder.size() - 1, kByteRangeWidth - placeholder.size(), ' ');
    body += placeholder + "/Contents";
    contents_at = body.size();
    body += "<" + std::string(request.contents_capacity * 2, '0') + ">>>";
    return body;
}

PdfArray rect_array(const PageRect& r) {
    PdfArray array;
    array.push_back(PdfVariant(r.x));
    array.push_back(PdfVariant(r.y));
    array.push_back(PdfVariant(r.x + r.width));
    array.push_back(PdfVariant(r.y + r.height));
    return array;
}

} // namespace

SignatureRevision::SignatureRevision(std::string bytes, size_t base_offset, size_t byte_range_at,
                                     size_t contents_at, size_t contents_capacity)
    : bytes_(std::move(bytes)), base_(base_offset), byte_range_at_(byte_range_at),
      contents_at_(contents_at), capacity_(contents_capacity) {}

std::pair<size_t, size_t> SignatureRevision::signed_tail() const {
    // +2: the '<' and '>' around the hex digits are outside the signed bytes too.
    size_t after = contents_at_ + capacity_ * 2 + 2;
    return {after, bytes_.size() - after};
}

void SignatureRevision::fix_byte_range() {
    size_t contents_start = base_ + contents_at_;
    size_t contents_end = contents_start + capacity_ * 2 + 2;
    size_t total = base_ + bytes_.size();
    char text[kByteRangeWidth + 1];
    int len = std::snprintf(text, sizeof text, "[0 %zu %zu %zu", contents_start, contents_end,
                            total - contents_end);
    if (len < 0 || static_cast<size_t>(len) >= kByteRangeWidth)
        throw Error(ErrorCode::Internal, "Lỗi nội bộ khi ghi /ByteRange.", "ByteRange does not fit.");
    std::string field(text);
    field.append(kByteRangeWidth - 1 - field.size(), ' ');
    field += ']';
    bytes_.replace(byte_range_at_, kByteRangeWidth, field);
}

void SignatureRevision::set_contents(const std::vector<unsigned char>& cms) {
    if (cms.size() > capacity_)
        throw Error(ErrorCode::SignatureTooLarge,
                    "Chữ ký số (" + std::to_string(cms.size()) + " byte) lớn hơn chỗ dành sẵn (" +
                        std::to_string(capacity_) + " byte). Đây là lỗi của phần mềm, hãy báo cho bộ phận hỗ trợ.",
                    "The signature (" + std::to_string(cms.size()) + " bytes) is larger than the space reserved (" +
                        std::to_string(capacity_) + " bytes). This is a kyso bug; please report it.");
    static const char digits[] = "0123456789ABCDEF";
    size_t at = contents_at_ + 1;
    for (unsigned char byte : cms) {
        bytes_[at++] = digits[byte >> 4];
        bytes_[at++] = digits[byte & 0xF];
    } // the rest stays '0': DER ignores trailing bytes after the outer SEQUENCE
}

SignatureRevision build_signature_revision(const std::string& path, const SignatureRequest& request) {
    pdf::LoadedPdf pdf(path);
    PdfMemDocument& doc = pdf.doc();
    try {
        pdf::AcroForm form(doc);
        std::string field_name = request.field_name.empty() ? form.unused_name("Signature") : request.field_name;
        form.require_new_name(field_name);

        // 1. The signature dictionary's number is reserved now; kyso writes its text itself.
        PdfObject* signature = doc.GetObjects().CreateObject("Sig");
        unsigned signature_number = signature->Reference().ObjectNumber();

        // 2. The field, merged with its widget annotation.
        int page_count = doc.GetPageCount();
        int page_number = request.appearance ? request.appearance->page : 1;
        if (page_number < 1 || page_number > page_count)
            throw Error(ErrorCode::BadArguments,
                        "Trang " + std::to_string(page_number) + " không có trong tài liệu (có " +
                            std::to_string(page_count) + " trang).",
                        "Page " + std::to_string(page_number) + " does not exist (the document has " +
                            std::to_string(page_count) + " pages).");
        PdfPage* page = doc.GetPage(page_number - 1);
        PdfObject* widget = doc.GetObjects().CreateObject("Annot");
        PdfDictionary& w = widget->GetDictionary();
        w.AddKey("Subtype", PdfName("Widget"));
        w.AddKey("FT", PdfName("Sig"));
        w.AddKey("T", pdf::text_string(field_name));
        w.AddKey("V", signature->Reference());
        w.AddKey("F", PdfVariant(static_cast<pdf_int64>(kWidgetFlags)));
        w.AddKey("P", page->GetObject()->Reference());
        if (request.appearance) {
            pdf::require_rect_on_page(request.appearance->rect, *page, page_number);
            w.AddKey("Rect", rect_array(request.appearance->rect));
            PdfObject* normal = pdf::draw_appearance(doc, *request.appearance);
            PdfDictionary ap;
            ap.AddKey("N", normal->Reference());
            w.AddKey("AP", ap);
        } else {
            w.AddKey("Rect", rect_array(PageRect{}));
        }

        // 3. Hook it into the page's /Annots and the form's /Fields; note what changed.
        std::vector<const PdfObject*> changed;
        pdf::append_reference(doc, *page->GetObject(), "Annots", widget->Reference(), changed);
        form.add_signature_field(widget->Reference(), changed);

        // 4. Fonts used by the appearance are subset only now that all text is drawn.
        doc.EmbedSubsetFonts();

        pdf::IncrementalWriter writer(pdf);
        for (const PdfObject* object : changed)
            writer.add(*object);
        for (const PdfObject* object : doc.GetObjects())
            if (object->Reference().ObjectNumber() >= pdf.first_new_object() &&
                object->Reference().ObjectNumber() != signature_number)
                writer.add(*object);
        size_t byte_range_at = 0, contents_at = 0;
        writer.add_raw(signature_number, raw_signature_dictionary(request, byte_range_at, contents_at));
        pdf::IncrementalWriter::Output out = writer.finish();
        size_t body = out.raw_body_offsets.at(signature_number);
        return SignatureRevision(std::move(out.bytes), pdf.tail().file_size, body + byte_range_at,
                                 body + contents_at, request.contents_capacity);
    } catch (const PdfError& error) {
        pdf::rethrow_podofo(error, path);
    }
}

} // namespace kyso
