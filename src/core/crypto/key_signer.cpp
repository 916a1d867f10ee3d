#include "core/crypto/key_signer.hpp"

#include "core/error.hpp"

namespace kyso {

KeySigner::KeySigner(ossl::PkeyPtr key, ossl::X509Ptr certificate,
                     std::vector<ossl::X509Ptr> chain, std::mutex* guard,
                     std::shared_ptr<void> keep_alive)
    : keep_alive_(std::move(keep_alive)), key_(std::move(key)), certificate_(std::move(certificate)), chain_(std::move(chain)),
      guard_(guard) {
    // Kept apart from the key: both are still asked for after the token is released.
    is_ec_ = key_ && EVP_PKEY_get_base_id(key_.get()) == EVP_PKEY_EC;
    max_signature_size_ = key_ ? static_cast<size_t>(EVP_PKEY_get_size(key_.get())) : 0;
}

bool KeySigner::is_ec() const { return is_ec_; }

size_t KeySigner::max_signature_size() const { return max_signature_size_; }

void KeySigner::release_token() const {
    key_.reset();        // the key handle refers to the slots: it goes first
    guard_ = nullptr;    // the mutex lives in the token state released next
    keep_alive_.reset(); // the last owner's release closes the sessions and frees the slots
}

ossl::Bytes KeySigner::sign(std::span<const unsigned char> data) const {
    if (!key_)
        throw Error(ErrorCode::SigningFailed,
                    "Phiên làm việc với thiết bị ký số đã đóng; hãy ký lại từ đầu.",
                    "The token session is already closed; start the signing again.");
    ossl::Bytes signature = sign_with_token(data);
    if (signatures_left_ > 0 && --signatures_left_ == 0)
        release_token();
    return signature;
}

ossl::Bytes KeySigner::sign_with_token(std::span<const unsigned char> data) const {
    std::unique_lock<std::mutex> lock;
    if (guard_)
        lock = std::unique_lock<std::mutex>(*guard_);

    auto fail = [](const char* step) {
        return Error(ErrorCode::SigningFailed,
                     "Thiết bị ký số không tạo được chữ ký. Hãy rút thiết bị ra, cắm lại rồi thử lại.",
                     std::string("The token could not make the signature (") + step +
                         "). Unplug and replug the token, then try again.",
                     ossl::drain_errors());
    };
    ossl::MdCtxPtr ctx(EVP_MD_CTX_new());
    if (!ctx || EVP_DigestSignInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key_.get()) != 1)
        throw fail("init");
    size_t length = 0;
    if (EVP_DigestSign(ctx.get(), nullptr, &length, data.data(), data.size()) != 1)
        throw fail("size");
    ossl::Bytes signature(length);
    if (EVP_DigestSign(ctx.get(), signature.data(), &length, data.data(), data.size()) != 1)
        throw fail("sign");
    signature.resize(length);
    return signature;
}

} // namespace kyso
