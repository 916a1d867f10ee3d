#include "core/token/secret.hpp"

#include <openssl/crypto.h>

namespace kyso {

Secret::Secret(Secret&& other) noexcept : value_(std::move(other.value_)) { other.wipe(); }

Secret& Secret::operator=(Secret&& other) noexcept {
    if (this != &other) {
        wipe();
        value_ = std::move(other.value_);
        other.wipe();
    }
    return *this;
}

void Secret::wipe() noexcept {
    if (!value_.empty())
        OPENSSL_cleanse(value_.data(), value_.size());
    value_.clear();
    value_.shrink_to_fit();
}

} // namespace kyso
