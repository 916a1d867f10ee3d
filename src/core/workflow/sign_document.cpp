#include "core/workflow/sign_document.hpp"

#include "core/crypto/pades_cms.hpp"
#include "core/error.hpp"
#include "core/image/png_image.hpp"
#include "core/io/atomic_output.hpp"
#include "core/pdf/pdf_date.hpp"
#include "core/pdf/pdf_tail.hpp"
#include "core/workflow/verify_document.hpp"

#include <sys/stat.h>

#include <fstream>

namespace kyso {
namespace {

constexpr size_t kCopyChunk = 1 << 20;

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

// Copies the input into the output while hashing it: the whole input lies inside the first
// signed byte range, so one pass both copies and digests it.
void copy_and_hash(const std::string& input, size_t expected_size, AtomicOutput& out, EVP_MD_CTX* md) {
    std::ifstream in(input, std::ios::binary);
    if (!in)
        throw Error(ErrorCode::InputUnreadable, "Không đọc được tệp \"" + input + "\".",
                    "Cannot read \"" + input + "\".");
    std::vector<char> buffer(kCopyChunk);
    size_t copied = 0;
    while (in) {
        in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
        size_t got = static_cast<size_t>(in.gcount());
        if (got == 0)
            break;
        EVP_DigestUpdate(md, buffer.data(), got);
        out.write(buffer.data(), got);
        copied += got;
    }
    if (copied != expected_size)
        throw Error(ErrorCode::InputUnreadable,
                    "Tệp \"" + input + "\" đã bị thay đổi trong khi ký. Hãy đóng chương trình đang sửa tệp rồi ký lại.",
                    "\"" + input + "\" changed while it was being signed. Close whatever edits it and sign again.");
}

} // namespace

void check_sign_paths(const std::string& input, const std::string& output) {
    file_size(input);
    require_distinct_paths(input, output);
    read_pdf_tail(input);
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
    if (options.visible) {
        SignatureAppearance appearance;
        appearance.page = options.visible->page;
        appearance.rect = options.visible->rect;
        appearance.text_lines = options.visible->text_lines;
        if (!options.visible->image_path.empty()) {
            image = load_png(options.visible->image_path);
            appearance.image = &*image;
            // Decree 30 asks for a transparent background: an opaque one hides the text below.
            if (!image->has_transparency && notices)
                notices({"Ảnh \"" + options.visible->image_path +
                             "\" không có nền trong suốt nên sẽ che chữ bên dưới; nên dùng ảnh PNG nền trong suốt.",
                         "Image \"" + options.visible->image_path +
                             "\" has no transparent background and will hide the text beneath; use a transparent PNG."});
        }
        if (!appearance.image && appearance.text_lines.empty())
            throw Error(ErrorCode::BadArguments,
                        "Chữ ký hiển thị cần ảnh chữ ký (--image) hoặc dòng chữ (--text).",
                        "A visible signature needs an image (--image) or text (--text).");
        request.appearance = appearance;
    }
    SignatureRevision revision = build_signature_revision(options.input, request, options.edits);
    revision.fix_byte_range();

    // 3. Digest: the input, then the update's bytes around the /Contents placeholder.
    AtomicOutput out(options.output);
    ossl::MdCtxPtr md(EVP_MD_CTX_new());
    EVP_DigestInit_ex(md.get(), EVP_sha256(), nullptr);
    copy_and_hash(options.input, input_size, out, md.get());
    const std::string& bytes = revision.bytes();
    auto [head_at, head_len] = revision.signed_head();
    auto [tail_at, tail_len] = revision.signed_tail();
    EVP_DigestUpdate(md.get(), bytes.data() + head_at, head_len);
    EVP_DigestUpdate(md.get(), bytes.data() + tail_at, tail_len);
    ossl::Bytes digest(32);
    unsigned int digest_len = 0;
    EVP_DigestFinal_ex(md.get(), digest.data(), &digest_len);

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
    revision.set_contents(build_pades_cms(digest, signer, timestamper));
    out.write(bytes.data(), bytes.size());
    out.finish_writing();

    // 5. Read back what was written; only a file whose new signature verifies is put in place.
    VerifyReport check = verify_pdf(out.temp_path(), TrustStore::none(), VerifyDepth::IntegrityOnly);
    if (check.signatures.empty() || !check.signatures.back().integrity_ok() ||
        !check.signatures.back().covers_whole_file)
        throw Error(ErrorCode::VerificationFailed,
                    "Tệp vừa ký không kiểm tra lại được nên đã bị huỷ; tệp gốc không bị thay đổi.",
                    "The freshly signed file did not verify, so it was discarded; the input is unchanged.",
                    check.signatures.empty() ? "no signature found" : check.signatures.back().problems_text());
    out.commit();

    SignResult result;
    result.output = options.output;
    result.input_size = input_size;
    result.bytes_added = bytes.size();
    result.signing_time_iso = iso8601_local(when);
    result.signer_name = request.signer_name;
    result.timestamped = timestamped;
    return result;
}

} // namespace kyso
