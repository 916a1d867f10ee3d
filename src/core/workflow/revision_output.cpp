#include "core/workflow/revision_output.hpp"

#include "core/error.hpp"
#include "core/io/atomic_output.hpp"
#include "core/io/input_file.hpp"
#include "core/crypto/timestamp_check.hpp"
#include "core/pdf/pdf_date.hpp"
#include "core/pdf/update_check.hpp"
#include "core/pdf/signature_revision.hpp"
#include "core/workflow/file_digest.hpp"

#include <algorithm>

namespace kyso {
namespace {

bool is_timestamp(RevisionKind kind) { return kind == RevisionKind::DocumentTimestamp; }

constexpr size_t kHashRead = size_t{4} << 20; // large reads: one system call per 4 MB hashed

Error input_changed(const std::string& input, RevisionKind kind) {
    return Error(ErrorCode::InputUnreadable,
                 "Tệp \"" + input + "\" đã bị thay đổi trong khi " + (is_timestamp(kind) ? "đóng dấu thời gian" : "ký") +
                     ". Hãy đóng chương trình đang sửa tệp rồi làm lại.",
                 "\"" + input + "\" changed while it was being " + (is_timestamp(kind) ? "time-stamped" : "signed") +
                     ". Close whatever edits it and try again.");
}

// SHA-256 of the first `size` bytes of what `out` holds, read back in large chunks.
ossl::MdCtxPtr hash_written_prefix(const AtomicOutput& out, size_t size) {
    ossl::MdCtxPtr md(EVP_MD_CTX_new());
    EVP_DigestInit_ex(md.get(), EVP_sha256(), nullptr);
    std::vector<char> buffer(std::min(std::max<size_t>(size, 1), kHashRead));
    for (size_t at = 0; at < size;) {
        size_t got = out.read_at(at, buffer.data(), std::min(buffer.size(), size - at));
        if (got == 0)
            throw Error(ErrorCode::OutputProblem, "Không đọc lại được tệp đang ghi.", "Cannot read back the output being written.");
        EVP_DigestUpdate(md.get(), buffer.data(), got);
        at += got;
    }
    return md;
}

} // namespace

CopiedInput copy_input_and_digest(const InputFile& input, const SignatureRevision& revision, AtomicOutput& out,
                                  RevisionKind kind) {
    // The unchanged prefix is copied in the kernel, then hashed once as the output holds it;
    // the input must be the file that was parsed: same inode, size and times as when opened.
    size_t copied = out.append_from(input.fd());
    if (copied != input.size() || copied != revision.base_offset() || !input.unchanged())
        throw input_changed(input.path(), kind);
    CopiedInput result;
    result.prefix = hash_written_prefix(out, copied);
    ossl::MdCtxPtr md(EVP_MD_CTX_new());
    EVP_MD_CTX_copy_ex(md.get(), result.prefix.get());
    const std::string& bytes = revision.bytes();
    auto [head_at, head_len] = revision.signed_head();
    auto [tail_at, tail_len] = revision.signed_tail();
    EVP_DigestUpdate(md.get(), bytes.data() + head_at, head_len);
    EVP_DigestUpdate(md.get(), bytes.data() + tail_at, tail_len);
    result.digest.resize(32);
    unsigned int digest_len = 0;
    EVP_DigestFinal_ex(md.get(), result.digest.data(), &digest_len);
    return result;
}

void append_update_and_commit(const InputFile& input, const std::string& output, const std::string& update,
                              const std::function<void(const std::string& written)>& accept) {
    require_distinct_paths(input.path(), output);
    AtomicOutput out(output);
    size_t copied = out.append_from(input.fd());
    if (copied != input.size() || !input.unchanged())
        throw Error(ErrorCode::InputUnreadable,
                    "Tệp \"" + input.path() + "\" đã bị thay đổi trong khi đang ghi. Hãy đóng chương trình đang sửa tệp rồi làm lại.",
                    "\"" + input.path() + "\" changed while it was being written. Close whatever edits it and try again.");
    out.write(update.data(), update.size());
    out.finish_writing();
    // The copy is the opened input (same descriptor, unchanged since); the update is checked on
    // disk, so what replaces the output is exactly what was built.
    if (std::string problem = written_update_problem(out.temp_path(), copied, update); !problem.empty())
        throw Error(ErrorCode::VerificationFailed,
                    "Tệp vừa ghi không đọc lại được đúng như đã ghi nên đã bị huỷ; tệp gốc không bị thay đổi.",
                    "The file just written did not read back as written, so it was discarded; the input is unchanged.",
                    problem);
    if (accept)
        accept(out.temp_path());
    out.commit();
}

SignatureVerdict write_and_read_back(AtomicOutput& out, const SignatureRevision& revision, RevisionKind kind,
                                     const CopiedInput& copied) {
    const std::string& bytes = revision.bytes();
    out.write(bytes.data(), bytes.size());
    out.finish_writing();

    // Only what was just written, and without parsing the input again: the update's bytes and
    // objects (read_back_signature), then the digest of the byte ranges as they are on disk,
    // checked by the new CMS. The copied input was hashed once, as the output holds it, so its
    // digest state continues with the update read back. The full analysis is verify's job.
    const std::string& path = out.temp_path();
    SignatureVerdict check;
    check.pdf = read_back_signature(path, revision);
    check.document_timestamp = check.pdf.sub_filter == "ETSI.RFC3161";
    if (check.pdf.byte_range_ok) {
        check.covers_whole_file = check.pdf.signed_end == revision.base_offset() + bytes.size();
        std::vector<long long> ranges = check.pdf.byte_range;
        size_t base = revision.base_offset();
        RangeDigester digester = [&](const EVP_MD* md) {
            if (EVP_MD_get_type(md) != NID_sha256 || ranges[1] < static_cast<long long>(base))
                return digest_file_ranges(path, ranges, md);
            ossl::MdCtxPtr ctx(EVP_MD_CTX_new());
            EVP_MD_CTX_copy_ex(ctx.get(), copied.prefix.get());
            digest_file_ranges_into(ctx.get(), path,
                                    {static_cast<long long>(base), ranges[1] - static_cast<long long>(base), ranges[2], ranges[3]});
            ossl::Bytes digest(32);
            unsigned int len = 0;
            EVP_DigestFinal_ex(ctx.get(), digest.data(), &len);
            return digest;
        };
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
