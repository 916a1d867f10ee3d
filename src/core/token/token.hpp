// PKCS#11 tokens through libp11: load a module, list tokens and certificates, select a token by
// label and a certificate by label, id or subject (never by slot number: slots move), log in,
// and hand out a KeySigner. Resources are an RAII stack released in reverse order of loading:
// module -> slots -> session/login -> key.
#pragma once

#include "core/crypto/key_signer.hpp"
#include "core/notice.hpp"
#include "core/token/secret.hpp"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace kyso {

/// A certificate found on a token.
struct TokenCertificate {
    std::string label;
    std::string id_hex;
    std::string subject;
    std::string common_name;
    std::string issuer;
    std::string serial_hex;
    std::string not_before; ///< ISO 8601 UTC
    std::string not_after;
    std::string key_usage;  ///< e.g. "digitalSignature, nonRepudiation"; empty when unrestricted
    std::string key_type;   ///< the public key: "RSA 2048", "EC 256"; "unknown" when unreadable
    // Whether the token holds the matching private key is only known after login (private
    // objects are hidden before): open_signer says so then.
    bool can_sign = false;  ///< key usage allows a document signature
};

/// The index of the certificate `wanted` names among `certificates` (CertificateQuery::certificate):
/// its label or id before any subject it is part of; certificates.size() when none.
size_t matching_certificate(const std::vector<TokenCertificate>& certificates, const std::string& wanted);

/// A token (a USB key, or a SoftHSM2 token) and its state flags.
struct TokenInfo {
    std::string label;
    std::string manufacturer;
    std::string model;
    std::string serial;
    bool pin_count_low = false;
    bool pin_final_try = false;
    bool pin_locked = false;
    std::vector<TokenCertificate> certificates; ///< public ones, readable without login
};

/// Module choice: explicit path, else $KYSO_PKCS11_MODULE, else p11-kit's proxy module.
std::string resolve_module_path(const std::string& explicit_path);

/// How to select a certificate on a token.
struct CertificateQuery {
    std::string token_label;
    std::string certificate; ///< label, id in hex, or part of the subject
};

/// A loaded PKCS#11 module, shared by every TokenModule of the same path in the process.
/// Calls into it are serialised by one mutex.
class TokenModule {
public:
    explicit TokenModule(const std::string& module_path);
    ~TokenModule();
    TokenModule(const TokenModule&) = delete;
    TokenModule& operator=(const TokenModule&) = delete;

    /// Every token present, with the certificates readable before login.
    std::vector<TokenInfo> list_tokens();

    /// Logs in to the selected token and returns a signer for the selected certificate.
    /// Refuses a locked token, and the final PIN try unless `allow_final_try`. The PIN is wiped
    /// right after the login call.
    KeySigner open_signer(const CertificateQuery& query, Secret pin, bool allow_final_try,
                          const NoticeSink& notices);

    /// One token and its PIN state flags (the CLI warns before asking for the PIN), without its
    /// certificates: listing them made every token's objects be read, a sixth of a one-page
    /// signature's instructions on SoftHSM2 (issue 13.5); open_signer reads the chosen token's.
    TokenInfo token_info(const std::string& token_label);

private:
    struct State;
    std::shared_ptr<State> state_;
};

} // namespace kyso
