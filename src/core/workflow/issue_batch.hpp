// Issuing a document with its separate-file attachments in one run, on one login (issue 16.4):
// the main document is issued (number, date, seal, register), then each attachment is signed
// with the note of that number (sign_attachment --main semantics). All or nothing: when any step
// fails, no output is kept and the register's number is released.
#pragma once

#include "core/progress.hpp"
#include "core/workflow/roles.hpp"

#include <functional>
#include <string>
#include <vector>

namespace kyso {

/// An attachment to sign and where its signed copy goes.
struct AttachmentFile {
    std::string input;
    std::string output;
};

struct IssueBatchOptions {
    IssueOptions issue;                    ///< the main document, as for issue_document
    std::vector<AttachmentFile> attachments; ///< in the order they are signed
    /// Told before each attachment is signed ({index, count, "Ký tệp đính kèm 1/2: …"}) and
    /// once after the last ({count, count}), before anything is put in place. Returning false
    /// stops the issuance there (kyso::Cancelled): no output is kept and the register's number
    /// is released, as for a failure.
    ProgressSink progress;
};

struct IssueBatchResult {
    IssueResult issued;
    std::vector<SignResult> attachments; ///< in the order given
};

/// The signed attachment's default name: "<its name>-ban-hanh.pdf" in the folder of the issued
/// document `issued_output`.
std::string default_attachment_output(const std::string& attachment, const std::string& issued_output);

/// The checks that need no token, run before the PIN is asked: the main document's paths, a
/// number that differs from the one a joint document already carries, and for each attachment
/// a readable, unencrypted, unsigned PDF with room for the note, its output another file than
/// every input and every other output.
void check_issue_batch(const IssueBatchOptions& options);

/// Issues `options.issue` and signs every attachment with `organisation`, the main document's
/// number and the same instant. Throws kyso::Error with nothing written and the register as it
/// was (the number released) when any step fails.
IssueBatchResult issue_with_attachments(const IssueBatchOptions& options, const KeySigner& organisation,
                                        const NoticeSink& notices = {});

} // namespace kyso
