#include "core/workflow/sign_document.hpp"

#include "core/crypto/pades_cms.hpp"
#include "core/error.hpp"
#include "core/image/png_image.hpp"
#include "core/io/atomic_output.hpp"
#include "core/io/input_file.hpp"
#include "core/pdf/pdf_date.hpp"
#include "core/pdf/pdf_tail.hpp"
#include "core/workflow/revision_output.hpp"

#include <sys/stat.h>

namespace kyso {
namespace {

size_t file_size(const std::string& path) {
    struct stat info {};
    if (::stat(path.c_str(), &info) != 0)
        throw Error(ErrorCode::InputUnreadable,
                    "Không tìm thấy tệp \"" + path + "\". Hãy kiểm tra lại đường dẫn.",
                    "File not found: \"" + path + "\". Check the path.");
    if (!S_ISREG(info.st_mode))
        throw Error(ErrorCode::InputUnreadable, "\"" + path + "\" không phải là một tệp.",
                    "\"" + path + "\" is not a regular file.");
    return static_cast<size_t>(info.st_size);
}

// The visible signature as the PDF layer draws it, but for the image: decoded into `image`.
SignatureAppearance appearance_of(const VisibleSignature& visible, std::optional<PngImage>& image) {
    SignatureAppearance appearance;
    appearance.page = visible.page;
    appearance.rect = visible.rect;
    appearance.text_lines = visible.text_lines;
    if (!visible.image_path.empty())
        image = load_png(visible.image_path);
    if (!image && appearance.text_lines.empty())
        throw Error(ErrorCode::BadArguments,
                    "Chữ ký hiển thị cần ảnh chữ ký (--image) hoặc dòng chữ (--text).",
                    "A visible signature needs an image (--image) or text (--text).");
    return appearance;
}

// Decree 30 asks for a transparent background: an opaque one hides the text below.
void tell_if_opaque(const VisibleSignature& visible, const PngImage& image, const NoticeSink& notices) {
    if (!image.has_transparency && notices)
        notices({"Ảnh \"" + visible.image_path +
                     "\" không có nền trong suốt nên sẽ che chữ bên dưới; nên dùng ảnh PNG nền trong suốt.",
                 "Image \"" + visible.image_path +
                     "\" has no transparent background and will hide the text beneath; use a transparent PNG."});
}

void check_paths(const std::string& input, const std::string& output) {
    file_size(input);
    require_distinct_paths(input, output);
    read_pdf_tail(input);
}

} // namespace

void check_sign_paths(const std::string& input, const std::string& output) {
    check_paths(input, output);
    check_signature_request(input, {});
}

PreparedSigning::PreparedSigning(const SignOptions& options) : options_(options) {
    // 1. Paths: the input exists and is a PDF, the output is another file; the input is opened
    //    once and parsed from that descriptor (a file changed before it is copied is refused).
    check_paths(options_.input, options_.output);
    if (options_.visible)
        appearance_ = appearance_of(*options_.visible, image_);
    input_ = std::make_unique<InputFile>(options_.input);
    draft_.emplace(*input_); // refuses a document certified against any change (DocMDP P=1)
    // 2. The place: field name, page and rectangle.
    SignatureRequest request;
    request.field_name = options_.field_name;
    request.appearance = appearance();
    draft_->check(request);
}

std::optional<SignatureAppearance> PreparedSigning::appearance() const {
    std::optional<SignatureAppearance> appearance = appearance_;
    if (appearance && image_)
        appearance->image = &*image_; // image_ moves with this object
    return appearance;
}

PreparedSigning::PreparedSigning(PreparedSigning&&) noexcept = default;
PreparedSigning& PreparedSigning::operator=(PreparedSigning&&) noexcept = default;
PreparedSigning::~PreparedSigning() = default;

PreparedSigning prepare_signing(const SignOptions& options) { return PreparedSigning(options); }

// The signature dictionary and field as `prepared` asks for them, signed at `when`; no key yet.
SignatureRequest request_of(const PreparedSigning& prepared, std::time_t when) {
    SignatureRequest request;
    request.field_name = prepared.options().field_name;
    request.reason = prepared.options().reason;
    request.location = prepared.options().location;
    request.pdf_signing_time = pdf_date(when);
    request.appearance = prepared.appearance();
    return request;
}

SignatureRevision unsigned_revision(PreparedSigning prepared) {
    std::time_t when = prepared.options_.signing_time ? prepared.options_.signing_time : std::time(nullptr);
    SignatureRequest request = request_of(prepared, when);
    request.contents_capacity = 16; // never filled: a reader draws the widget, not the CMS
    return prepared.draft_->build(request, prepared.options_.edits);
}

SignResult sign_pdf(const SignOptions& options, const KeySigner& signer, const NoticeSink& notices) {
    return sign_pdf(prepare_signing(options), signer, notices);
}

SignResult sign_pdf(PreparedSigning prepared, const KeySigner& signer, const NoticeSink& notices) {
    const SignOptions& options = prepared.options_;
    const InputFile& input = *prepared.input_;
    if (prepared.image_)
        tell_if_opaque(*options.visible, *prepared.image_, notices);

    // 3. What to sign: field, appearance and a /Contents placeholder sized by a dry run.
    std::time_t when = options.signing_time ? options.signing_time : std::time(nullptr);
    SignatureRequest request = request_of(prepared, when);
    request.signer_name = ossl::common_name(X509_get_subject_name(signer.certificate()));
    // With a TSA the token is part of the CMS: its room is reserved now, before anything is hashed.
    request.contents_capacity =
        (options.tsa ? pades_cms_size(signer, options.timestamp_reserve) : pades_cms_size(signer)) +
        options.contents_margin;
    SignatureRevision revision = prepared.draft_->build(request, options.edits);
    revision.fix_byte_range();

    // 4. Digest: the input as copied, then the update's bytes around the /Contents placeholder.
    AtomicOutput out(options.output);
    CopiedInput copied = copy_input_and_digest(input, revision, out, RevisionKind::Signature);

    // 5. The CMS, made on the token (and time-stamped by the TSA), into the placeholder.
    bool timestamped = false;
    SignatureTimestamper timestamper;
    std::optional<TrustStore> tsa_trust;
    if (options.tsa) {
        tsa_trust.emplace(options.tsa_trust);
        timestamper = [&](const ossl::Bytes& signature_value) -> std::optional<ossl::Bytes> {
            try {
                ossl::Bytes token = request_timestamp(*options.tsa, signature_value, tsa_trust->get());
                if (token.size() > options.timestamp_reserve)
                    throw Error(ErrorCode::SignatureTooLarge,
                                "Dấu thời gian của TSA (" + std::to_string(token.size()) + " byte) lớn hơn chỗ dành sẵn (" +
                                    std::to_string(options.timestamp_reserve) + " byte).",
                                "The TSA's token (" + std::to_string(token.size()) + " bytes) exceeds the room reserved (" +
                                    std::to_string(options.timestamp_reserve) + " bytes).");
                timestamped = true;
                return token;
            } catch (const Error& error) {
                if (!options.allow_no_timestamp)
                    throw;
                if (notices)
                    notices({"Chữ ký KHÔNG có dấu thời gian (được phép bằng --allow-no-timestamp): " + error.vietnamese(),
                             "The signature has NO time-stamp (allowed by --allow-no-timestamp): " + error.english()});
                return std::nullopt;
            }
        };
    }
    revision.set_contents(build_pades_cms(copied.digest, signer, timestamper));
    // 6. Read back what was written; only a file whose new signature verifies is put in place.
    write_and_read_back(out, revision, RevisionKind::Signature, copied);

    SignResult result;
    result.output = options.output;
    result.input_size = input.size();
    result.bytes_added = revision.bytes().size();
    result.signing_time_iso = iso8601_local(when);
    result.signer_name = request.signer_name;
    result.timestamped = timestamped;
    return result;
}

} // namespace kyso
