// One bounded HTTP exchange for the long-term-signature services (RFC 3161 TSA, OCSP, CRL),
// through OpenSSL's own HTTP client so that kyso needs no other network library.
#pragma once

#include "core/crypto/ossl.hpp"

#include <string>

namespace kyso {

/// What the exchange is for, worded for the user ("máy chủ cấp dấu thời gian" / "time-stamp server").
struct HttpService {
    std::string vi;
    std::string en;
};

/// POSTs `body` (when not null) or GETs `url`, and returns the response body. The whole
/// exchange (connect, send, receive) is bounded by `timeout_seconds`. A refused connection,
/// a timeout, an HTTP error or a wrong content type throws SigningFailed naming `service`.
ossl::Bytes http_exchange(const std::string& url, const ossl::Bytes* body, const char* content_type,
                          const char* expected_content_type, int timeout_seconds, const HttpService& service);

} // namespace kyso
