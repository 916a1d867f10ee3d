#include "core/crypto/pades_cms.hpp"

#include "core/crypto/der.hpp"
#include "core/error.hpp"

#include <functional>

namespace kyso {
namespace {

constexpr const char* kOidData = "1.2.840.113549.1.7.1";
constexpr const char* kOidSignedData = "1.2.840.113549.1.7.2";
constexpr const char* kOidContentType = "1.2.840.113549.1.9.3";
constexpr const char* kOidMessageDigest = "1.2.840.113549.1.9.4";
constexpr const char* kOidSigningCertificateV2 = "1.2.840.113549.1.9.16.2.47";
constexpr const char* kOidSha256 = "2.16.840.1.101.3.4.2.1";
constexpr const char* kOidRsaEncryption = "1.2.840.113549.1.1.1";
constexpr const char* kOidEcdsaWithSha256 = "1.2.840.10045.4.3.2";

der::Bytes der_of_name(const X509_NAME* name) {
    unsigned char* out = nullptr;
    int len = i2d_X509_NAME(name, &out);
    if (len <= 0)
        throw Error(ErrorCode::Internal, "Không mã hoá được tên chứng thư.", "Cannot encode a name.",
                    ossl::drain_errors());
    der::Bytes bytes(out, out + len);
    OPENSSL_free(out);
    return bytes;
}

der::Bytes der_of_serial(const X509* cert) {
    unsigned char* out = nullptr;
    int len = i2d_ASN1_INTEGER(X509_get0_serialNumber(cert), &out);
    der::Bytes bytes(out, out + len);
    OPENSSL_free(out);
    return bytes;
}

der::Bytes attribute(const char* type, der::Bytes value) {
    return der::sequence({der::oid(type), der::set_of({std::move(value)})});
}

// SigningCertificateV2 ::= SEQUENCE { certs SEQUENCE OF ESSCertIDv2 }
// ESSCertIDv2 ::= SEQUENCE { hashAlgorithm DEFAULT sha256 (omitted), certHash OCTET STRING,
//                            issuerSerial SEQUENCE { GeneralNames, serialNumber } }
der::Bytes signing_certificate_v2(const X509* cert) {
    ossl::Bytes cert_der = ossl::to_der(cert);
    ossl::Bytes hash = ossl::sha256(cert_der.data(), cert_der.size());
    der::Bytes general_names = der::sequence({der::context(4, der_of_name(X509_get_issuer_name(cert)))});
    der::Bytes issuer_serial = der::sequence({general_names, der_of_serial(cert)});
    der::Bytes cert_id = der::sequence({der::octet_string(hash), issuer_serial});
    return der::sequence({der::sequence({cert_id})});
}

der::Bytes assemble(const ossl::Bytes& content_digest, const KeySigner& signer,
                    const std::function<ossl::Bytes(const der::Bytes&)>& sign,
                    const SignatureTimestamper& timestamper = {}) {
    const X509* cert = signer.certificate();
    der::Bytes sha256_algorithm = der::sequence({der::oid(kOidSha256)});

    // 1. Signed attributes, DER-sorted as a SET; the signature covers them with the SET tag.
    der::Bytes attributes = der::set_of({
        attribute(kOidContentType, der::oid(kOidData)),
        attribute(kOidMessageDigest, der::octet_string(content_digest)),
        attribute(kOidSigningCertificateV2, signing_certificate_v2(cert)),
    });
    ossl::Bytes signature = sign(attributes);

    // 2. In the SignerInfo the same bytes carry the implicit [0] tag instead of SET.
    der::Bytes signed_attrs = attributes;
    signed_attrs[0] = 0xA0;

    der::Bytes signature_algorithm =
        signer.is_ec() ? der::sequence({der::oid(kOidEcdsaWithSha256)})
                       : der::sequence({der::oid(kOidRsaEncryption), der::null()});
    der::Bytes signer_id = der::sequence({der_of_name(X509_get_issuer_name(cert)), der_of_serial(cert)});
    std::vector<der::Bytes> signer_info_parts{der::small_integer(1), signer_id, sha256_algorithm,
                                              signed_attrs, signature_algorithm, der::octet_string(signature)};
    // 2b. B-T: the token is over the signature value itself (ETSI EN 319 122-1 5.3), so it can
    // only be asked for now; it goes in unsignedAttrs [1] IMPLICIT SET OF Attribute.
    if (timestamper)
        if (std::optional<ossl::Bytes> token = timestamper(signature))
            signer_info_parts.push_back(der::context(1, attribute(kOidSignatureTimeStampToken, *token)));
    der::Bytes signer_info = der::sequence(signer_info_parts);

    // 3. Certificates: the signer's first, then its chain.
    std::vector<der::Bytes> certs{ossl::to_der(cert)};
    for (const ossl::X509Ptr& link : signer.chain())
        if (X509_cmp(link.get(), cert) != 0)
            certs.push_back(ossl::to_der(link.get()));

    der::Bytes signed_data = der::sequence({
        der::small_integer(1),
        der::set_of({sha256_algorithm}),
        der::sequence({der::oid(kOidData)}), // detached: no eContent
        der::context(0, der::concat(certs)),
        der::set_of({signer_info}),
    });
    return der::sequence({der::oid(kOidSignedData), der::context(0, signed_data)});
}

} // namespace

ossl::Bytes build_pades_cms(const ossl::Bytes& content_digest, const KeySigner& signer) {
    return assemble(content_digest, signer,
                    [&signer](const der::Bytes& attributes) { return signer.sign(attributes); });
}

ossl::Bytes build_pades_cms(const ossl::Bytes& content_digest, const KeySigner& signer,
                            const SignatureTimestamper& timestamper) {
    return assemble(
        content_digest, signer, [&signer](const der::Bytes& attributes) { return signer.sign(attributes); },
        timestamper);
}

size_t pades_cms_size(const KeySigner& signer, size_t token_reserve) {
    if (token_reserve == 0)
        return pades_cms_size(signer);
    ossl::Bytes dummy_digest(32, 0);
    ossl::Bytes dummy_signature(signer.max_signature_size(), 0);
    // A dummy token of the reserved size, so the attribute's own tags and lengths count too.
    ossl::Bytes dummy_token = der::tlv(0x30, der::Bytes(token_reserve, 0));
    return assemble(dummy_digest, signer, [&](const der::Bytes&) { return dummy_signature; },
                    [&](const ossl::Bytes&) { return std::optional<ossl::Bytes>(dummy_token); })
        .size();
}

size_t pades_cms_size(const KeySigner& signer) {
    ossl::Bytes dummy_digest(32, 0);
    // ECDSA's DER signature is at most the key's maximum size; RSA's is exactly that.
    ossl::Bytes dummy_signature(signer.max_signature_size(), 0);
    return assemble(dummy_digest, signer, [&](const der::Bytes&) { return dummy_signature; }).size();
}

} // namespace kyso
