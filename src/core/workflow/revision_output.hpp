#pragma once
// Writing one signed revision after its input: both signing (sign_document) and the archive
// time-stamp (document_timestamp) copy the input, digest the signed byte ranges, fill /Contents,
// then read the file back before it replaces anything.

#include "core/crypto/ossl.hpp"
#include "core/workflow/verify_document.hpp"

#include <string>

namespace kyso {

class AtomicOutput;
class SignatureRevision;

/// What is being written, for the messages: a signature or a document time-stamp.
enum class RevisionKind { Signature, DocumentTimestamp };

/// Copies `input` (which must still be `input_size` bytes long) into `out` and returns the
/// SHA-256 over the revision's signed byte ranges: the input, then the update around /Contents.
ossl::Bytes copy_input_and_digest(const std::string& input, size_t input_size, const SignatureRevision& revision,
                                  AtomicOutput& out, RevisionKind kind);

/// Appends the revision (its /Contents filled), reads it back and commits the file only if the
/// update on disk is the one meant and parses, and its signature is of `kind`, intact and covers
/// the whole file; otherwise the temporary file is discarded and VerificationFailed thrown.
/// Returns the new signature's read-back verdict (no trust, no modification analysis).
SignatureVerdict write_and_read_back(AtomicOutput& out, const SignatureRevision& revision, RevisionKind kind);

} // namespace kyso
