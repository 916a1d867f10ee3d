// kyso: one error type for the whole core. It carries a stable code (mapped to exit codes and
// dialogs exactly once, at the shell), a Vietnamese and an English message, and the technical
// cause (CK_RV name, OpenSSL error queue, PoDoFo error) so nothing is lost before the UI.
#pragma once

#include <stdexcept>
#include <string>

namespace kyso {

/// What went wrong, as the shells (CLI, extension) need to distinguish it.
enum class ErrorCode {
    BadArguments,       ///< a caller passed something that cannot work (usage error)
    InputUnreadable,    ///< missing or unreadable input file
    InputNotPdf,        ///< corrupt, truncated, encrypted, not a PDF at all, or certified against any change (DocMDP P=1)
    ImageInvalid,       ///< signature or seal image unusable
    OutputProblem,      ///< output path unusable (same as input, read-only folder, disk full)
    TokenNotFound,      ///< no module, no token with that label, no such certificate
    TokenPinIncorrect,  ///< wrong PIN (tries left may be low)
    TokenPinLocked,     ///< PIN locked, or refusing the final try without consent
    CertificateRejected,///< expired, not yet valid, no signing key usage, wrong kind
    SignatureTooLarge,  ///< the CMS did not fit the reserved placeholder
    SigningFailed,      ///< the token or OpenSSL failed while signing
    VerificationFailed, ///< the written file did not verify (never renamed into place)
    Internal,           ///< a bug: an invariant kyso relies on did not hold
};

/// The one exception type thrown by the core.
class Error : public std::runtime_error {
public:
    Error(ErrorCode code, std::string vi, std::string en, std::string cause = {});

    ErrorCode code() const noexcept { return code_; }
    const std::string& vietnamese() const noexcept { return vi_; }
    const std::string& english() const noexcept { return en_; }
    const std::string& cause() const noexcept { return cause_; }

    /// "vi / en (cause)": the form written to a terminal or a log.
    std::string describe() const;

private:
    ErrorCode code_;
    std::string vi_;
    std::string en_;
    std::string cause_;
};

/// Exit status for each code, documented in `kyso --help`.
int exit_status(ErrorCode code) noexcept;

} // namespace kyso
