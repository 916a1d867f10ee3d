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

// The visible signature as the PDF layer draws it; `image` keeps the decoded PNG alive.
// `notices` (may be null) hears about an opaque image.
SignatureAppearance appearance_of(const VisibleSignature& visible, std::optional<PngImage>& image,
                                  const NoticeSink* notices) {
    SignatureAppearance appearance;
    appearance.page = visible.page;
    appearance.rect = visible.rect;
    appearance.text_lines = visible.text_lines;
    if (!visible.image_path.empty()) {
        image = load_png(visible.image_path);
        appearance.image = &*image;
        // Decree 30 asks for a transparent background: an opaque one hides the text below.
        if (!image->has_transparency && notices && *notices)
            (*notices)({"Ảnh \"" + visible.image_path +
                            "\" không có nền trong suốt nên sẽ che chữ bên dưới; nên dùng ảnh PNG nền trong suốt.",
                        "Image \"" + visible.image_path +
                            "\" has no transparent background and will hide the text beneath; use a transparent PNG."});
    }
    if (!appearance.image && appearance.text_lines.empty())
        throw Error(ErrorCode::BadArguments,
                    "Chữ ký hiển thị cần ảnh chữ ký (--image) hoặc dòng chữ (--text).",
                    "A visible signature needs an image (--image) or text (--text).");
    return appearance;
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

void check_sign_options(const SignOptions& options) {
    check_paths(options.input, options.output);
    SignatureRequest request;
    request.field_name = options.field_name;
    std::optional<PngImage> image;
    if (options.visible)
        request.appearance = appearance_of(*options.visible, image, nullptr);
    check_signature_request(options.input, request);
}

SignResult sign_pdf(const SignOptions& options, const KeySigner& signer, const NoticeSink& notices) {
    // 1. Paths: the input exists, the output is another file.
    size_t input_size = file_size(options.input);
    require_distinct_paths(options.input, options.output);

    // 2. What to sign: field, appearance and a /Contents placeholder sized by a dry run.
    std::time_t when = options.signing_time ? options.signing_time : std::time(nullptr);
    SignatureRequest request;
    request.field_name = options.field_name;
    request.signer_name = ossl::common_name(X509_get_subject_name(signer.certificate()));
    request.reason = options.reason;
    request.location = options.location;
    request.pdf_signing_time = pdf_date(when);
    // With a TSA the token is part of the CMS: its room is reserved now, before anything is hashed.
    request.contents_capacity =
        (options.tsa ? pades_cms_size(signer, options.timestamp_reserve) : pades_cms_size(signer)) +
        options.contents_margin;
    std::optional<PngImage> image;
    if (options.visible)
        request.appearance = appearance_of(*options.visible, image, &notices);
    // A document certified against any change (DocMDP P=1) is refused here too, for callers
    // that did not run check_sign_options first.
    // The input is opened once, before it is parsed: the copy comes from this descriptor, and a
    // file changed in between is refused.
    InputFile input(options.input);
    SignatureRevision revision = build_signature_revision(options.input, request, options.edits);
    revision.fix_byte_range();

    // 3. Digest: the input as copied, then the update's bytes around the /Contents placeholder.
    AtomicOutput out(options.output);
    CopiedInput copied = copy_input_and_digest(input, revision, out, RevisionKind::Signature);

    // 4. The CMS, made on the token (and time-stamped by the TSA), into the placeholder.
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
    // 5. Read back what was written; only a file whose new signature verifies is put in place.
    write_and_read_back(out, revision, RevisionKind::Signature, copied);

    SignResult result;
    result.output = options.output;
    result.input_size = input_size;
    result.bytes_added = revision.bytes().size();
    result.signing_time_iso = iso8601_local(when);
    result.signer_name = request.signer_name;
    result.timestamped = timestamped;
    return result;
}

} // namespace kyso
