#include "core/crypto/tsa_client.hpp"

#include "core/crypto/http_fetch.hpp"
#include "core/error.hpp"

#include <openssl/err.h>
#include <openssl/rand.h>
#include <openssl/ts.h>

namespace kyso {
namespace {

using TsReqPtr = std::unique_ptr<TS_REQ, ossl::Deleter<TS_REQ_free>>;
using TsRespPtr = std::unique_ptr<TS_RESP, ossl::Deleter<TS_RESP_free>>;
using TsVerifyPtr = std::unique_ptr<TS_VERIFY_CTX, ossl::Deleter<TS_VERIFY_CTX_free>>;
using TsImprintPtr = std::unique_ptr<TS_MSG_IMPRINT, ossl::Deleter<TS_MSG_IMPRINT_free>>;
using AlgorPtr = std::unique_ptr<X509_ALGOR, ossl::Deleter<X509_ALGOR_free>>;
using BignumPtr = std::unique_ptr<BIGNUM, ossl::Deleter<BN_free>>;
using IntegerPtr = std::unique_ptr<ASN1_INTEGER, ossl::Deleter<ASN1_INTEGER_free>>;

const HttpService kService{"máy chủ cấp dấu thời gian (TSA)", "time-stamp server (TSA)"};

[[noreturn]] void refuse(const TsaConfig& tsa, const std::string& cause) {
    throw Error(ErrorCode::SigningFailed,
                "Câu trả lời của máy chủ cấp dấu thời gian " + tsa.url +
                    " không hợp lệ nên bị từ chối (không khớp yêu cầu, sai chữ ký hoặc chứng thư TSA không tin cậy).",
                "The time-stamp server " + tsa.url +
                    " gave an answer that was refused (it does not match the request, its signature is wrong or the "
                    "TSA certificate is not trusted).",
                cause);
}

// TimeStampReq for a SHA-256 digest with a fresh 64-bit nonce; certReq so the token carries
// the TSA certificate, which the verifier needs years later.
TsReqPtr make_request(ossl::Bytes digest) { // by value: OpenSSL takes a non-const pointer (and copies)
    AlgorPtr algorithm(X509_ALGOR_new());
    X509_ALGOR_set0(algorithm.get(), OBJ_nid2obj(NID_sha256), V_ASN1_NULL, nullptr);
    TsImprintPtr imprint(TS_MSG_IMPRINT_new());
    TS_MSG_IMPRINT_set_algo(imprint.get(), algorithm.get());
    TS_MSG_IMPRINT_set_msg(imprint.get(), digest.data(), static_cast<int>(digest.size()));

    unsigned char random[8];
    if (RAND_bytes(random, sizeof random) != 1)
        throw Error(ErrorCode::Internal, "Không tạo được số ngẫu nhiên.", "No randomness for the nonce.",
                    ossl::drain_errors());
    random[0] &= 0x7F; // a positive INTEGER
    BignumPtr bn(BN_bin2bn(random, sizeof random, nullptr));
    IntegerPtr nonce(BN_to_ASN1_INTEGER(bn.get(), nullptr));

    TsReqPtr request(TS_REQ_new());
    if (!request || TS_REQ_set_version(request.get(), 1) != 1 ||
        TS_REQ_set_msg_imprint(request.get(), imprint.get()) != 1 || TS_REQ_set_nonce(request.get(), nonce.get()) != 1 ||
        TS_REQ_set_cert_req(request.get(), 1) != 1)
        throw Error(ErrorCode::Internal, "Không tạo được yêu cầu dấu thời gian.", "Cannot build the time-stamp request.",
                    ossl::drain_errors());
    return request;
}

} // namespace

ossl::Bytes request_timestamp(const TsaConfig& tsa, const ossl::Bytes& data, X509_STORE* trust) {
    return request_timestamp_for_digest(tsa, ossl::sha256(data.data(), data.size()), trust);
}

ossl::Bytes request_timestamp_for_digest(const TsaConfig& tsa, const ossl::Bytes& sha256_digest, X509_STORE* trust) {
    if (sha256_digest.size() != 32)
        throw Error(ErrorCode::Internal, "Lỗi nội bộ: mã băm gửi TSA không phải SHA-256.",
                    "Internal: the digest sent to the TSA is not SHA-256.");
    TsReqPtr request = make_request(sha256_digest);
    unsigned char* der = nullptr;
    int der_len = i2d_TS_REQ(request.get(), &der);
    ossl::Bytes query(der, der + std::max(der_len, 0));
    OPENSSL_free(der);

    ossl::Bytes reply = http_exchange(tsa.url, &query, "application/timestamp-query", "application/timestamp-reply",
                                      tsa.timeout_seconds, kService);
    const unsigned char* p = reply.data();
    TsRespPtr response(d2i_TS_RESP(nullptr, &p, static_cast<long>(reply.size())));
    if (!response)
        refuse(tsa, "not an RFC 3161 TimeStampResp: " + ossl::drain_errors());

    // The request's own checks (version, imprint, nonce) plus the TSA's signature and chain;
    // TS_RESP_verify_response also requires the status "granted".
    TsVerifyPtr ctx(TS_REQ_to_TS_VERIFY_CTX(request.get(), nullptr));
    if (!ctx)
        throw Error(ErrorCode::Internal, "Lỗi nội bộ khi kiểm tra dấu thời gian.", "Cannot set up the TSA check.",
                    ossl::drain_errors());
    TS_VERIFY_CTX_add_flags(ctx.get(), TS_VFY_SIGNATURE);
    X509_STORE_up_ref(trust); // the context frees its store
    TS_VERIFY_CTX_set_store(ctx.get(), trust);
    ERR_clear_error();
    if (TS_RESP_verify_response(ctx.get(), response.get()) != 1)
        refuse(tsa, ossl::drain_errors());

    der = nullptr;
    der_len = i2d_PKCS7(TS_RESP_get_token(response.get()), &der);
    if (der_len <= 0)
        refuse(tsa, "the response carries no token");
    ossl::Bytes token(der, der + der_len);
    OPENSSL_free(der);
    return token;
}

} // namespace kyso
