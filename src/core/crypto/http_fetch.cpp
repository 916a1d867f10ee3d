#include "core/crypto/http_fetch.hpp"

#include "core/error.hpp"

#include <openssl/err.h>
#include <openssl/http.h>

namespace kyso {
namespace {

// A response larger than this is not a timestamp, an OCSP response or a CRL kyso can use.
constexpr size_t kMaxResponse = 16 * 1024 * 1024;

[[noreturn]] void fail(const std::string& url, const HttpService& service, int timeout_seconds,
                       const std::string& cause) {
    throw Error(ErrorCode::SigningFailed,
                "Không liên lạc được với " + service.vi + " (" + url + ") trong " + std::to_string(timeout_seconds) +
                    " giây: máy chủ không trả lời, từ chối kết nối hoặc trả lời sai.",
                "Could not reach the " + service.en + " (" + url + ") within " + std::to_string(timeout_seconds) +
                    " s: the server did not answer, refused the connection or answered wrongly.",
                cause);
}

} // namespace

ossl::Bytes http_exchange(const std::string& url, const ossl::Bytes* body, const char* content_type,
                          const char* expected_content_type, int timeout_seconds, const HttpService& service) {
    ERR_clear_error();
    char *host = nullptr, *port = nullptr, *path = nullptr;
    int use_ssl = 0;
    if (OSSL_HTTP_parse_url(url.c_str(), &use_ssl, nullptr, &host, &port, nullptr, &path, nullptr, nullptr) != 1)
        throw Error(ErrorCode::BadArguments, "Địa chỉ " + service.vi + " không hợp lệ: " + url,
                    "Invalid " + service.en + " URL: " + url, ossl::drain_errors());
    struct Parts {
        char *host, *port, *path;
        ~Parts() {
            OPENSSL_free(host);
            OPENSSL_free(port);
            OPENSSL_free(path);
        }
    } parts{host, port, path};
    if (use_ssl)
        throw Error(ErrorCode::BadArguments,
                    "kyso chưa hỗ trợ HTTPS cho " + service.vi + "; hãy dùng địa chỉ http:// (dữ liệu đã được ký nên không cần mã hoá kênh).",
                    "kyso does not support HTTPS for the " + service.en +
                        " yet; use its http:// URL (the data is signed, so the channel needs no encryption).");

    ossl::BioPtr request;
    if (body) {
        request.reset(BIO_new_mem_buf(body->data(), static_cast<int>(body->size())));
        if (!request)
            throw Error(ErrorCode::Internal, "Hết bộ nhớ.", "Out of memory.", ossl::drain_errors());
    }
    // proxy/no_proxy null: OpenSSL follows http_proxy and no_proxy from the environment.
    BIO* response = OSSL_HTTP_transfer(nullptr, parts.host, parts.port, parts.path, 0, nullptr, nullptr, nullptr,
                                       nullptr, nullptr, nullptr, 0, nullptr, body ? content_type : nullptr,
                                       request.get(), expected_content_type, 1, kMaxResponse, timeout_seconds, 0);
    if (!response)
        fail(url, service, timeout_seconds, ossl::drain_errors());
    ossl::BioPtr owned(response);
    ossl::Bytes bytes;
    char buffer[8192];
    for (int got; (got = BIO_read(response, buffer, sizeof buffer)) > 0;)
        bytes.insert(bytes.end(), buffer, buffer + got);
    if (bytes.empty())
        fail(url, service, timeout_seconds, "empty response");
    return bytes;
}

} // namespace kyso
