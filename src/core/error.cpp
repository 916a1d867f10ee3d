#include "core/error.hpp"

namespace kyso {

Error::Error(ErrorCode code, std::string vi, std::string en, std::string cause)
    : std::runtime_error(en), code_(code), vi_(std::move(vi)), en_(std::move(en)),
      cause_(std::move(cause)) {}

std::string Error::describe() const {
    std::string text = vi_ + "\n" + en_;
    if (!cause_.empty())
        text += "\n(" + cause_ + ")";
    return text;
}

int exit_status(ErrorCode code) noexcept {
    switch (code) {
    case ErrorCode::BadArguments: return 2;
    case ErrorCode::InputUnreadable: return 3;
    case ErrorCode::InputNotPdf: return 3;
    case ErrorCode::ImageInvalid: return 4;
    case ErrorCode::OutputProblem: return 5;
    case ErrorCode::TokenNotFound: return 6;
    case ErrorCode::TokenPinIncorrect: return 7;
    case ErrorCode::TokenPinLocked: return 7;
    case ErrorCode::CertificateRejected: return 8;
    case ErrorCode::SignatureTooLarge: return 9;
    case ErrorCode::SigningFailed: return 9;
    case ErrorCode::VerificationFailed: return 10;
    case ErrorCode::Internal: return 70;
    }
    return 70;
}

} // namespace kyso
