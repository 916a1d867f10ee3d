// May this certificate sign a document now? Expired, not-yet-valid and non-signing
// certificates are refused before any PIN is asked; one close to expiry gets a warning
// (renewal needs a formal request, so users want to know early).
#pragma once

#include "core/notice.hpp"

#include <openssl/x509.h>

#include <ctime>

namespace kyso {

/// Days before expiry at which a warning starts.
constexpr int kExpiryWarningDays = 30;

/// Throws CertificateRejected when `cert` cannot sign at `now`; warns when it expires soon.
void require_signing_certificate(const X509* cert, std::time_t now, const NoticeSink& notices);

} // namespace kyso
