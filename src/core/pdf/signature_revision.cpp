#include "core/pdf/signature_revision.hpp"

#include "core/error.hpp"
#include "core/io/input_file.hpp"
#include "core/pdf/certification.hpp"
#include "core/pdf/pdf_text.hpp"
#include "core/pdf/revision_builder.hpp"

#include <cstdio>

namespace kyso {

using namespace PoDoFo;

namespace {

constexpr size_t kByteRangeWidth = 48; // "[0 a b c]" plus padding: four 10-digit numbers fit

std::string raw_signature_dictionary(const SignatureRequest& request, size_t& byte_range_at,
                                     size_t& contents_at) {
    std::string body;
    if (request.document_timestamp) {
        // ISO 32000-2 12.8.5: a document time-stamp names no signer, time or reason; the token does.
        body = "<</Type/DocTimeStamp/Filter/Adobe.PPKLite/SubFilter/ETSI.RFC3161";
    } else {
        body = "<</Type/Sig/Filter/Adobe.PPKLite/SubFilter/ETSI.CAdES.detached/M(" + request.pdf_signing_time + ")";
        if (!request.signer_name.empty())
            body += "/Name" + pdf_hex_text_string(request.signer_name);
        if (!request.reason.empty())
            body += "/Reason" + pdf_hex_text_string(request.reason);
        if (!request.location.empty())
            body += "/Location" + pdf_hex_text_string(request.location);
    }
    body += "/ByteRange";
    byte_range_at = body.size();
    std::string placeholder = "[0 0 0 0]";
    placeholder.insert(placeholder.size() - 1, kByteRangeWidth - placeholder.size(), ' ');
    body += placeholder + "/Contents";
    contents_at = body.size();
    body += "<" + std::string(request.contents_capacity * 2, '0') + ">>>";
    return body;
}


} // namespace

SignatureRevision::SignatureRevision(std::string bytes, size_t base_offset, size_t byte_range_at,
                                     size_t contents_at, size_t contents_capacity, unsigned signature_object,
                                     std::string field_name)
    : bytes_(std::move(bytes)), base_(base_offset), byte_range_at_(byte_range_at),
      contents_at_(contents_at), capacity_(contents_capacity), signature_object_(signature_object),
      field_name_(std::move(field_name)) {}

std::vector<long long> SignatureRevision::byte_range() const {
    auto [tail_at, tail_len] = signed_tail();
    return {0, static_cast<long long>(base_ + contents_at_), static_cast<long long>(base_ + tail_at),
            static_cast<long long>(tail_len)};
}

std::pair<size_t, size_t> SignatureRevision::signed_tail() const {
    // +2: the '<' and '>' around the hex digits are outside the signed bytes too.
    size_t after = contents_at_ + capacity_ * 2 + 2;
    return {after, bytes_.size() - after};
}

void SignatureRevision::fix_byte_range() {
    std::vector<long long> range = byte_range();
    char text[kByteRangeWidth + 1];
    int len = std::snprintf(text, sizeof text, "[0 %lld %lld %lld", range[1], range[2], range[3]);
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

SignatureDraft::SignatureDraft(const InputFile& input) : path_(input.path()) {
    try {
        builder_ = std::make_unique<pdf::RevisionBuilder>(input);
        pdf::refuse_if_certified_against_changes(builder_->doc(), path_);
    } catch (const PdfError& error) {
        pdf::rethrow_podofo(error, path_);
    }
}

SignatureDraft::~SignatureDraft() = default;
SignatureDraft::SignatureDraft(SignatureDraft&&) noexcept = default;
SignatureDraft& SignatureDraft::operator=(SignatureDraft&&) noexcept = default;

void SignatureDraft::check(const SignatureRequest& request) {
    try {
        if (!request.field_name.empty() || request.appearance)
            builder_->check_signature_place(
                request.field_name.empty() ? builder_->form().unused_name("Signature") : request.field_name,
                request.appearance);
    } catch (const PdfError& error) {
        pdf::rethrow_podofo(error, path_);
    }
}

SignatureRevision SignatureDraft::build(const SignatureRequest& request, const FormEdits& edits) {
    if (!builder_)
        throw Error(ErrorCode::Internal, "Lỗi nội bộ: bản nháp chữ ký đã được dùng.", "The signature draft was already built.");
    try {
        pdf::RevisionBuilder& builder = *builder_;
        builder.apply(edits);
        std::string field_name = !request.field_name.empty() ? request.field_name
                                 : request.document_timestamp ? builder.form().unused_name("DocTimeStamp")
                                                              : builder.form().unused_name("Signature");

        // The signature dictionary's number is reserved now; kyso writes its text itself to
        // know the offsets of /ByteRange and /Contents.
        PdfObject* signature = builder.doc().GetObjects().CreateObject("Sig");
        unsigned signature_number = signature->Reference().ObjectNumber();
        builder.add_signature_widget(field_name, request.appearance, signature->Reference());

        size_t byte_range_at = 0, contents_at = 0;
        std::string body = raw_signature_dictionary(request, byte_range_at, contents_at);
        pdf::IncrementalWriter::Output out = builder.finish(std::make_pair(signature_number, std::move(body)));
        size_t at = out.raw_body_offsets.at(signature_number);
        SignatureRevision revision(std::move(out.bytes), builder.input_size(), at + byte_range_at, at + contents_at,
                                   request.contents_capacity, signature_number, field_name);
        builder_.reset(); // its objects are changed: one build per parse
        return revision;
    } catch (const PdfError& error) {
        pdf::rethrow_podofo(error, path_);
    }
}

void check_signature_request(const std::string& path, const SignatureRequest& request) {
    InputFile input(path);
    SignatureDraft(input).check(request);
}

SignatureRevision build_signature_revision(const std::string& path, const SignatureRequest& request,
                                           const FormEdits& edits) {
    InputFile input(path);
    return SignatureDraft(input).build(request, edits);
}

std::string build_form_update(const std::string& path, const FormEdits& edits) {
    try {
        pdf::RevisionBuilder builder(path);
        builder.apply(edits);
        return builder.finish().bytes;
    } catch (const PdfError& error) {
        pdf::rethrow_podofo(error, path);
    }
}

} // namespace kyso
