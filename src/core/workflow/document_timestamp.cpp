#include "core/workflow/document_timestamp.hpp"

#include "core/crypto/cms_check.hpp"
#include "core/error.hpp"
#include "core/io/atomic_output.hpp"
#include "core/io/input_file.hpp"
#include "core/pdf/pdf_tail.hpp"
#include "core/pdf/signature_revision.hpp"
#include "core/workflow/revision_output.hpp"

namespace kyso {

DocumentTimestampResult add_document_timestamp(const DocumentTimestampOptions& options) {
    // 1. Paths: the input is a PDF, the output another file.
    require_distinct_paths(options.input, options.output);
    read_pdf_tail(options.input);

    // 2. The invisible field and its /DocTimeStamp dictionary, /Contents reserved for the token
    //    (its size is only known once the TSA answers, so the room is a fixed reserve).
    SignatureRequest request;
    request.document_timestamp = true;
    request.contents_capacity = options.token_reserve;
    InputFile input(options.input); // parsed from and copied from this one descriptor
    SignatureRevision revision = SignatureDraft(input).build(request);
    revision.fix_byte_range();

    // 3. SHA-256 of the byte ranges: the input as copied, then the update around the placeholder.
    AtomicOutput out(options.output);
    CopiedInput copied = copy_input_and_digest(input, revision, out, RevisionKind::DocumentTimestamp);
    const ossl::Bytes& digest = copied.digest;

    // 4. The token over that digest: its imprint and nonce are this request's, its TSA trusted.
    TrustStore trust(options.tsa_trust);
    ossl::Bytes token = request_timestamp_for_digest(options.tsa, digest, trust.get());
    if (token.size() > revision.contents_capacity())
        throw Error(ErrorCode::SignatureTooLarge,
                    "Dấu thời gian của TSA (" + std::to_string(token.size()) + " byte) lớn hơn chỗ dành sẵn (" +
                        std::to_string(revision.contents_capacity()) + " byte); chưa ghi gì.",
                    "The TSA's token (" + std::to_string(token.size()) + " bytes) exceeds the room reserved (" +
                        std::to_string(revision.contents_capacity()) + " bytes); nothing was written.");
    revision.set_contents(token);

    // 5. Read back: the last entry is this time-stamp, intact and covering the whole file.
    SignatureVerdict stamp = write_and_read_back(out, revision, RevisionKind::DocumentTimestamp, copied);

    DocumentTimestampResult result;
    result.output = options.output;
    result.field_name = stamp.pdf.field_name;
    result.time = stamp.cms.timestamp_time;
    result.tsa_name = stamp.cms.tsa_name;
    result.bytes_added = revision.bytes().size();
    return result;
}

} // namespace kyso
