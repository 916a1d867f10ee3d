// "How to sign": the one thing a key does for a PAdES signature. The CMS builder knows nothing
// about where the key lives (token, file); the token module hands out an EVP_PKEY backed by
// libp11, tests may use a software key, and both go through this class.
#pragma once

#include "core/crypto/ossl.hpp"

#include <memory>
#include <mutex>
#include <span>
#include <vector>

namespace kyso {

/// A signing key with its certificate and the chain to send along.
class KeySigner {
public:
    /// Takes ownership of the key handle. `guard` (optional) serialises calls into a token;
    /// `keep_alive` holds whatever the key handle depends on (the loaded module, its slots).
    KeySigner(ossl::PkeyPtr key, ossl::X509Ptr certificate, std::vector<ossl::X509Ptr> chain,
              std::mutex* guard = nullptr, std::shared_ptr<void> keep_alive = {});

    const X509* certificate() const { return certificate_.get(); }
    const std::vector<ossl::X509Ptr>& chain() const { return chain_; }
    /// Replaces the certificates sent along with the signature (issuer first).
    void set_chain(std::vector<ossl::X509Ptr> chain) { chain_ = std::move(chain); }

    /// True for EC keys (ECDSA), false for RSA.
    bool is_ec() const;

    /// The largest signature this key can produce, in bytes (sizes the dry run).
    size_t max_signature_size() const;

    /// SHA-256 then sign (RSA PKCS#1 v1.5 or ECDSA) over `data`. Throws Error(SigningFailed)
    /// once the token has been released.
    ossl::Bytes sign(std::span<const unsigned char> data) const;

    /// For a command that makes `signatures` signatures (a document, or a document and its
    /// attachments): right after the last, drop the key handle and the token's slots. Releasing
    /// the slots closes the sessions (the token logs out) and makes libp11 cleanse the copy of
    /// the PIN it keeps for re-login; until then that copy lives in libp11's heap. Leave it
    /// unset to sign any number of documents after one login.
    void release_after_signing(size_t signatures = 1) { signatures_left_ = signatures; }
    /// Drops the key handle and the token's slots now (see release_after_signing).
    void release_token() const;
    bool token_released() const { return !key_; }

private:
    ossl::Bytes sign_with_token(std::span<const unsigned char> data) const;

    mutable std::shared_ptr<void> keep_alive_; // declared first: released after the key
    mutable ossl::PkeyPtr key_;
    ossl::X509Ptr certificate_;
    std::vector<ossl::X509Ptr> chain_;
    mutable std::mutex* guard_;
    bool is_ec_ = false;
    size_t max_signature_size_ = 0;
    mutable size_t signatures_left_ = 0; ///< before the token is released; 0: never released
};

} // namespace kyso
