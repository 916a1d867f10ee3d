#pragma once
// Writing one revision after its input, the only way kyso appends to a PDF: the input is copied
// from the descriptor it was parsed through, the update appended, the result read back, and only
// then does it replace anything. A signed revision (sign_document, document_timestamp) also
// digests its byte ranges and fills /Contents; an unsigned one (prepare's fields, the DSS) is
// appended as built.

#include "core/crypto/ossl.hpp"
#include "core/workflow/verify_document.hpp"

#include <functional>
#include <string>

namespace kyso {

class AtomicOutput;
class InputFile;
class SignatureRevision;

/// What is being written, for the messages: a signature or a document time-stamp.
enum class RevisionKind { Signature, DocumentTimestamp };

/// The input as copied into the output.
struct CopiedInput {
    ossl::MdCtxPtr prefix; ///< SHA-256 state after the copied input, hashed as the output holds it
    ossl::Bytes digest;    ///< SHA-256 over the revision's byte ranges: the copy, then the update around /Contents
};

/// Copies `input` (in the kernel where it can) into `out`, which must be empty, and digests it
/// as written; throws InputUnreadable when the input is no longer the file that was opened and
/// parsed (another size, inode or modification time).
CopiedInput copy_input_and_digest(const InputFile& input, const SignatureRevision& revision, AtomicOutput& out,
                                  RevisionKind kind);

/// Appends the revision (its /Contents filled), reads it back and commits the file only if the
/// update on disk is the one meant and parses, and its signature is of `kind`, intact and covers
/// the whole file; otherwise the temporary file is discarded and VerificationFailed thrown.
/// Returns the new signature's read-back verdict (no trust, no modification analysis).
SignatureVerdict write_and_read_back(AtomicOutput& out, const SignatureRevision& revision, RevisionKind kind,
                                     const CopiedInput& copied);

/// Appends `update` (built for `input` as it was opened) to a copy of the input at `output` and
/// commits it only if the copy is that input unchanged, the update on disk is the one meant and
/// parses, and `accept` (when given, called with the written file's path) does not throw.
/// Otherwise nothing is written: InputUnreadable when the input changed, VerificationFailed when
/// the update did not read back, or `accept`'s error.
void append_update_and_commit(const InputFile& input, const std::string& output, const std::string& update,
                              const std::function<void(const std::string& written)>& accept = {});

} // namespace kyso
