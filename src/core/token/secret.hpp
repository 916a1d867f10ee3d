// A PIN held in memory only as long as needed. Its bytes live in one fixed-size buffer of their
// own (locked into RAM where the system allows, left out of core dumps), which moves by pointer
// and is cleansed in full when the Secret goes away: no resizing, so no stray heap copies.
// What this class cannot wipe is said where the PIN comes from (the terminal's line discipline,
// an environment variable, a UNO string) and where it goes (libp11 keeps a copy while the token's
// slots are held: see KeySigner::release_token).
#pragma once

#include <cstddef>
#include <string_view>

namespace kyso {

class Error;

class Secret {
public:
    /// Bytes a PIN may have; PKCS#11 tokens accept far fewer (usually 4 to 16).
    static constexpr std::size_t kMaxLength = 255;

    Secret() = default;
    /// Copies `value` into the secure buffer; the caller wipes its own copy. Throws
    /// Error(BadArguments) when it is longer than kMaxLength.
    explicit Secret(std::string_view value);
    Secret(const Secret&) = delete;
    Secret& operator=(const Secret&) = delete;
    Secret(Secret&& other) noexcept;
    Secret& operator=(Secret&& other) noexcept;
    ~Secret() { wipe(); }

    /// Appends one byte; false (and nothing changed) when the buffer is full.
    bool push_back(char c);

    const char* c_str() const { return buffer_ ? buffer_ : ""; }
    std::size_t size() const { return size_; }
    bool empty() const { return size_ == 0; }
    /// True when the buffer is locked into RAM (mlock succeeded; it may not without privileges).
    bool locked() const { return locked_; }
    /// Cleanses the whole buffer, unlocks and frees it.
    void wipe() noexcept;

private:
    void allocate();

    char* buffer_ = nullptr; // kMaxLength + 1 bytes, always NUL-terminated
    std::size_t size_ = 0;
    bool locked_ = false;
};

/// The error for a PIN longer than Secret::kMaxLength.
Error pin_too_long_error();

} // namespace kyso
