#pragma once
// Writing one signed revision after its input: both signing (sign_document) and the archive
// time-stamp (document_timestamp) copy the input, digest the signed byte ranges, fill /Contents,
// then read the file back before it replaces anything.

#include "core/crypto/ossl.hpp"
#include "core/workflow/verify_document.hpp"

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

} // namespace kyso
