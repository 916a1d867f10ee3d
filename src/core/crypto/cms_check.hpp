// Checks one CMS signature over a PDF's byte ranges: a detached SignedData, its SignerInfos (the
// first that verifies is the signature; every other one whose certificate is carried must verify
// too), chain, certificate validity and key usage, and which attributes it carries (a PAdES
// baseline set or not: a fact for the caller, not a fault). PDF-agnostic: the caller hashes the
// ranges with whatever digest the CMS names.
#pragma once

#include "core/crypto/ossl.hpp"
#include "core/crypto/signer_info_check.hpp"
#include "core/notice.hpp"

#include <ctime>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace kyso {

/// Trust anchors for chain checks.
class TrustStore {
public:
    /// Anchors from PEM files; with no file, the system's default store.
    explicit TrustStore(const std::vector<std::string>& pem_files);
    /// No anchor at all: chains never verify. For checks that only need integrity (kyso's
    /// read-back of what it just wrote), without the cost of loading the system store.
    static TrustStore none();
    X509_STORE* get() const { return store_.get(); }
    bool from_files() const { return from_files_; }

private:
    struct NoAnchors {};
    explicit TrustStore(NoAnchors) : store_(X509_STORE_new()), from_files_(false) {}
    ossl::StorePtr store_;
    bool from_files_;
};

/// The outcome of each check; a problem text explains every false.
struct CmsReport {
    bool parsed = false;
    std::string signer_subject;
    std::string signer_name;      ///< commonName of the signer
    std::string signer_serial;    ///< hex
    std::string digest_algorithm; ///< e.g. "SHA256"
    bool digest_ok = false;
    bool signature_ok = false;
    bool chain_ok = false;
    int chain_error = 0; ///< X509_V_ERR_* of the chain check when it failed (tells "untrusted" from "expired")
    /// Validity and chain are judged at `validation_time`: the verified signature time-stamp's
    /// genTime (a proof of existence) when there is one, else the moment of verification — never
    /// the signer-chosen /M.
    bool certificate_valid_at_signing_time = false;
    std::string validation_time;     ///< ISO 8601 UTC
    bool validation_time_proven = false; ///< it comes from a verified time-stamp (its own or a document's)
    std::optional<std::time_t> proven_time; ///< that time-stamp's genTime (a document time-stamp: its own)
    /// The proof is a later document time-stamp over the signature (PAdES B-LTA), earlier than
    /// any time-stamp of its own.
    bool proven_by_document_timestamp = false;
    bool digest_strong = false;      ///< not MD5; SHA-1 only with a proof of existence before 2017
    bool key_usage_ok = false;
    bool pades_attributes = false; ///< exactly contentType, messageDigest, signingCertificateV2
    /// What the SignerInfo is, apart from whether it holds (the caller judges it against the
    /// profile its SubFilter names): signed attributes present, the ones beyond contentType,
    /// messageDigest and signingCertificateV2 (named, e.g. "signingTime (1.2.840.113549.1.9.5)"),
    /// and an ESS signingCertificateV2 present.
    bool signed_attributes = false;
    std::vector<std::string> other_signed_attributes;
    bool ess_signing_certificate_v2 = false;
    /// No ESS signing-certificate attribute names another certificate than the signer's.
    bool ess_ok = true;
    /// Nothing that the standards forbid in a PDF signature or that kyso does not know: detached
    /// content, known and consistent algorithms, content type id-data.
    bool form_allowed = true;
    size_t signer_infos = 0;      ///< how many SignerInfos the CMS holds
    size_t signer_info_index = 0; ///< 1-based: the one checked (the first that verifies)
    bool has_timestamp = false;    ///< an unsigned signature-time-stamp attribute is present
    bool timestamp_ok = false;     ///< its token is over this signature value, signed by a trusted TSA
    std::string timestamp_time;    ///< the token's genTime, ISO 8601 UTC
    std::string tsa_name;          ///< the TSA certificate's subject
    std::vector<ossl::Bytes> certificates;           ///< DER, signer first, then the CMS's others
    std::vector<ossl::Bytes> timestamp_certificates; ///< DER, every certificate in the token
    std::vector<std::string> problems;
    /// Worth knowing, never by itself a reason for not valid (several SignerInfos, say).
    std::vector<Notice> notes;
    std::string not_before, not_after; ///< ISO 8601 UTC

    /// The token parses, is over this signature value, its TSA signature verifies with strong
    /// digests; it may still lack a trusted TSA (then it proves no time, but breaks nothing).
    bool timestamp_intact = false;
    /// A present time-stamp that is not intact breaks the signature, as a wrong digest does.
    bool timestamp_broken() const { return has_timestamp && !timestamp_intact; }

    bool valid() const {
        return parsed && form_allowed && digest_ok && signature_ok && ess_ok && chain_ok && certificate_valid_at_signing_time &&
               key_usage_ok && digest_strong && !timestamp_broken();
    }
};

/// Checks DER `cms` against the ranges; `signing_time` is the signature dictionary's /M, which
/// is only compared with the proven time (a /M after it is flagged), never trusted.
/// `covering_proof` is the genTime of the earliest verified document time-stamp whose ranges
/// cover this signature: a proof of existence from outside the CMS, used when it is earlier than
/// the signature's own time-stamp (so a SHA-1 signature sealed before 2017 can hold).
CmsReport check_cms(const ossl::Bytes& cms, const RangeDigester& digest_ranges,
                    const TrustStore& trust, std::optional<std::time_t> signing_time,
                    std::optional<std::time_t> covering_proof = std::nullopt);

/// Why `md` may not protect a signature whose existence is proven at `proven_time` (none: no
/// proof); empty when it may. MD5 never; SHA-1 only with a proof from before 2017.
std::string weak_digest_reason(const EVP_MD* md, std::optional<std::time_t> proven_time);

/// An ASN1_TIME as seconds since the epoch; none when it cannot be read.
std::optional<std::time_t> to_time_t(const ASN1_TIME* time);

/// ISO 8601 (UTC, "Z") rendering of an ASN1_TIME.
std::string iso8601(const ASN1_TIME* time);

/// Fills the report's signer fields from the signer's certificate (subject, name, serial,
/// validity) and `certificates` (the signer first, then the other ones of `carried`).
void describe_signer(X509* signer, const STACK_OF(X509) * carried, CmsReport& report);

} // namespace kyso
