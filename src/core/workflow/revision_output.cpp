#include "core/workflow/revision_output.hpp"

#include "core/error.hpp"
#include "core/io/atomic_output.hpp"
#include "core/io/file_chunks.hpp"
#include "core/crypto/timestamp_check.hpp"
#include "core/pdf/pdf_date.hpp"
#include "core/pdf/signature_revision.hpp"
#include "core/workflow/file_digest.hpp"


namespace kyso {
namespace {

bool is_timestamp(RevisionKind kind) { return kind == RevisionKind::DocumentTimestamp; }

// Copies the input into the output while hashing it: the whole input lies inside the first
// signed byte range, so one pass both copies and digests it, whatever the file's size.
void copy_and_hash(const std::string& input, size_t expected_size, AtomicOutput& out, EVP_MD_CTX* md,
                   RevisionKind kind) {
    size_t copied = append_file(input, out, [md](const char* data, size_t size) { EVP_DigestUpdate(md, data, size); });
    if (copied != expected_size)
        throw Error(ErrorCode::InputUnreadable,
                    "Tệp \"" + input + "\" đã bị thay đổi trong khi " +
                        (is_timestamp(kind) ? "đóng dấu thời gian" : "ký") +
                        ". Hãy đóng chương trình đang sửa tệp rồi làm lại.",
                    "\"" + input + "\" changed while it was being " + (is_timestamp(kind) ? "time-stamped" : "signed") +
                        ". Close whatever edits it and try again.");
}

} // namespace

ossl::Bytes copy_input_and_digest(const std::string& input, size_t input_size, const SignatureRevision& revision,
                                  AtomicOutput& out, RevisionKind kind) {
    ossl::MdCtxPtr md(EVP_MD_CTX_new());
    EVP_DigestInit_ex(md.get(), EVP_sha256(), nullptr);
    copy_and_hash(input, input_size, out, md.get(), kind);
    const std::string& bytes = revision.bytes();
    auto [head_at, head_len] = revision.signed_head();
    auto [tail_at, tail_len] = revision.signed_tail();
    EVP_DigestUpdate(md.get(), bytes.data() + head_at, head_len);
    EVP_DigestUpdate(md.get(), bytes.data() + tail_at, tail_len);
    ossl::Bytes digest(32);
    unsigned int digest_len = 0;
    EVP_DigestFinal_ex(md.get(), digest.data(), &digest_len);
    return digest;
}

SignatureVerdict write_and_read_back(AtomicOutput& out, const SignatureRevision& revision, RevisionKind kind) {
    const std::string& bytes = revision.bytes();
    out.write(bytes.data(), bytes.size());
    out.finish_writing();

    // Only what was just written, and without parsing the input again: the update's bytes and
    // objects (read_back_signature), then the digest of the byte ranges as they are on disk,
    // which covers the copied input, checked by the new CMS. The full analysis is verify's job.
    const std::string& path = out.temp_path();
    SignatureVerdict check;
    check.pdf = read_back_signature(path, revision);
    check.document_timestamp = check.pdf.sub_filter == "ETSI.RFC3161";
    if (check.pdf.byte_range_ok) {
        check.covers_whole_file = check.pdf.signed_end == revision.base_offset() + bytes.size();
        std::vector<long long> ranges = check.pdf.byte_range;
        RangeDigester digester = [&](const EVP_MD* md) { return digest_file_ranges(path, ranges, md); };
        check.cms = check.document_timestamp
                        ? check_document_timestamp(check.pdf.contents, digester, TrustStore::none())
                        : check_cms(check.pdf.contents, digester, TrustStore::none(), parse_pdf_date(check.pdf.signing_time));
    }
    bool ok = check.document_timestamp == is_timestamp(kind) && check.integrity_ok() && check.covers_whole_file;
    if (!ok)
        throw Error(ErrorCode::VerificationFailed,
                    std::string("Tệp vừa ") + (is_timestamp(kind) ? "đóng dấu thời gian" : "ký") +
                        " không kiểm tra lại được nên đã bị huỷ; tệp gốc không bị thay đổi.",
                    std::string("The freshly ") + (is_timestamp(kind) ? "time-stamped" : "signed") +
                        " file did not verify, so it was discarded; the input is unchanged.",
                    check.problems_text());
    out.commit();
    return check;
}

} // namespace kyso
