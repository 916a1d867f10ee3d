#include "core/crypto/ossl.hpp"

#include "core/error.hpp"

#include <openssl/err.h>
#include <openssl/pem.h>

#include <cstdio>

namespace kyso::ossl {

std::string drain_errors() {
    std::string text;
    unsigned long code;
    char buffer[256];
    while ((code = ERR_get_error()) != 0) {
        ERR_error_string_n(code, buffer, sizeof buffer);
        if (!text.empty())
            text += "; ";
        text += buffer;
    }
    return text;
}

std::string oid_text(const ASN1_OBJECT* object) {
    char buffer[128];
    OBJ_obj2txt(buffer, sizeof buffer, object, 1);
    return buffer;
}

std::string oid_name(const ASN1_OBJECT* object) {
    int nid = OBJ_obj2nid(object);
    std::string dotted = oid_text(object);
    return nid == NID_undef ? dotted : std::string(OBJ_nid2ln(nid)) + " (" + dotted + ")";
}

Bytes to_der(const X509* cert) {
    int len = i2d_X509(cert, nullptr);
    if (len <= 0)
        throw Error(ErrorCode::Internal, "Không mã hoá được chứng thư số.",
                    "Could not encode a certificate.", drain_errors());
    Bytes der(static_cast<size_t>(len));
    unsigned char* out = der.data();
    i2d_X509(cert, &out);
    return der;
}

X509Ptr from_der(const unsigned char* data, size_t size) {
    const unsigned char* in = data;
    return X509Ptr(d2i_X509(nullptr, &in, static_cast<long>(size)));
}

std::vector<X509Ptr> read_pem_certificates(const std::string& path) {
    BioPtr bio(BIO_new_file(path.c_str(), "r"));
    if (!bio)
        throw Error(ErrorCode::InputUnreadable,
                    "Không đọc được tệp chứng thư số: " + path,
                    "Cannot read certificate file: " + path, drain_errors());
    std::vector<X509Ptr> certs;
    while (X509* cert = PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr))
        certs.emplace_back(cert);
    ERR_clear_error(); // the loop ends on "no start line", which is not an error
    if (certs.empty())
        throw Error(ErrorCode::InputUnreadable,
                    "Tệp không chứa chứng thư số PEM nào: " + path,
                    "No PEM certificate in file: " + path);
    return certs;
}

std::string name_to_string(const X509_NAME* name) {
    BioPtr bio(BIO_new(BIO_s_mem()));
    X509_NAME_print_ex(bio.get(), name, 0, XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB);
    char* data = nullptr;
    long len = BIO_get_mem_data(bio.get(), &data);
    return std::string(data, static_cast<size_t>(len));
}

std::string common_name(const X509_NAME* name) {
    int index = X509_NAME_get_index_by_NID(name, NID_commonName, -1);
    if (index < 0)
        return {};
    const ASN1_STRING* value = X509_NAME_ENTRY_get_data(X509_NAME_get_entry(name, index));
    unsigned char* utf8 = nullptr;
    int len = ASN1_STRING_to_UTF8(&utf8, value);
    if (len < 0)
        return {};
    std::string text(reinterpret_cast<char*>(utf8), static_cast<size_t>(len));
    OPENSSL_free(utf8);
    return text;
}

Bytes sha256(const unsigned char* data, size_t size) {
    Bytes digest(32);
    unsigned int len = 0;
    EVP_Digest(data, size, digest.data(), &len, EVP_sha256(), nullptr);
    return digest;
}

std::string to_hex(const unsigned char* data, size_t size) {
    static const char digits[] = "0123456789abcdef";
    std::string hex;
    hex.reserve(size * 2);
    for (size_t i = 0; i < size; ++i) {
        hex += digits[data[i] >> 4];
        hex += digits[data[i] & 0xF];
    }
    return hex;
}

CertStackPtr attach_signer_certificates(CMS_ContentInfo* cms) {
    CertStackPtr certs(CMS_get1_certs(cms));
    if (!certs)
        certs.reset(sk_X509_new_null());
    CMS_set1_signers_certs(cms, certs.get(), 0);
    ERR_clear_error(); // a SignerInfo whose certificate is missing is the caller's to report
    return certs;
}

std::string serial_hex(const X509* cert) {
    std::string text;
    if (BIGNUM* bn = ASN1_INTEGER_to_BN(X509_get0_serialNumber(cert), nullptr)) {
        char* hex = BN_bn2hex(bn);
        text = hex;
        OPENSSL_free(hex);
        BN_free(bn);
    }
    return text;
}

} // namespace kyso::ossl
