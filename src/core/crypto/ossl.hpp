// RAII owners for the OpenSSL objects kyso uses, and the error-queue reader.
#pragma once

#include <openssl/cms.h>
#include <openssl/evp.h>
#include <openssl/x509.h>

#include <memory>
#include <string>
#include <vector>

namespace kyso::ossl {

template <auto Free> struct Deleter {
    template <class T> void operator()(T* p) const noexcept { Free(p); }
};

using X509Ptr = std::unique_ptr<X509, Deleter<X509_free>>;
using PkeyPtr = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY_free>>;
using MdCtxPtr = std::unique_ptr<EVP_MD_CTX, Deleter<EVP_MD_CTX_free>>;
using CmsPtr = std::unique_ptr<CMS_ContentInfo, Deleter<CMS_ContentInfo_free>>;
using StorePtr = std::unique_ptr<X509_STORE, Deleter<X509_STORE_free>>;
using StoreCtxPtr = std::unique_ptr<X509_STORE_CTX, Deleter<X509_STORE_CTX_free>>;
using BioPtr = std::unique_ptr<BIO, Deleter<BIO_free_all>>;

struct CertStackFree {
    void operator()(STACK_OF(X509) * stack) const noexcept { sk_X509_pop_free(stack, X509_free); }
};
/// A stack that owns its certificates.
using CertStackPtr = std::unique_ptr<STACK_OF(X509), CertStackFree>;

using Bytes = std::vector<unsigned char>;

/// Drains the thread's OpenSSL error queue into one line (empty when there was none).
std::string drain_errors();

/// The certificates carried by a SignedData, also attached to its SignerInfos so that each
/// signer's certificate can be read from them (CMS_SignerInfo_get0_algs). Never null.
CertStackPtr attach_signer_certificates(CMS_ContentInfo* cms);

/// A certificate's serial number in upper-case hex.
std::string serial_hex(const X509* cert);

/// DER encoding of a certificate.
Bytes to_der(const X509* cert);

/// Parses DER; returns null on failure (the caller words the error).
X509Ptr from_der(const unsigned char* data, size_t size);

/// Reads every certificate of a PEM file (a chain file may hold several).
std::vector<X509Ptr> read_pem_certificates(const std::string& path);

/// A one-line RFC 2253 rendering of a name, UTF-8 kept as is.
std::string name_to_string(const X509_NAME* name);

/// The commonName of a name (empty when it has none).
std::string common_name(const X509_NAME* name);

/// SHA-256 of a byte string.
Bytes sha256(const unsigned char* data, size_t size);

/// An object identifier in dotted form ("1.2.840.113549.1.9.5").
std::string oid_text(const ASN1_OBJECT* object);
/// Its short name and dotted form ("signingTime (1.2.840.113549.1.9.5)"); dotted only when
/// OpenSSL does not know it.
std::string oid_name(const ASN1_OBJECT* object);

/// Lowercase hex of bytes.
std::string to_hex(const unsigned char* data, size_t size);

} // namespace kyso::ossl
