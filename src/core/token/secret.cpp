#include "core/token/secret.hpp"

#include "core/error.hpp"

#include <openssl/crypto.h>
#include <sys/mman.h>

#include <new>
#include <string>
#include <utility>

namespace kyso {
namespace {

constexpr std::size_t kBufferSize = Secret::kMaxLength + 1;

} // namespace

Error pin_too_long_error() {
    return Error(ErrorCode::BadArguments,
                 "PIN quá dài (tối đa " + std::to_string(Secret::kMaxLength) + " byte).",
                 "The PIN is too long (at most " + std::to_string(Secret::kMaxLength) + " bytes).");
}

Secret::Secret(std::string_view value) {
    if (value.size() > kMaxLength)
        throw pin_too_long_error();
    for (char c : value)
        push_back(c);
}

Secret::Secret(Secret&& other) noexcept
    : buffer_(std::exchange(other.buffer_, nullptr)), size_(std::exchange(other.size_, 0)),
      locked_(std::exchange(other.locked_, false)) {}

Secret& Secret::operator=(Secret&& other) noexcept {
    if (this != &other) {
        wipe();
        buffer_ = std::exchange(other.buffer_, nullptr);
        size_ = std::exchange(other.size_, 0);
        locked_ = std::exchange(other.locked_, false);
    }
    return *this;
}

void Secret::allocate() {
    // A private anonymous mapping: page-aligned, so mlock and MADV_DONTDUMP cover exactly it.
    void* page = ::mmap(nullptr, kBufferSize, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (page == MAP_FAILED)
        throw std::bad_alloc();
    locked_ = ::mlock(page, kBufferSize) == 0;
#ifdef MADV_DONTDUMP
    ::madvise(page, kBufferSize, MADV_DONTDUMP);
#endif
    buffer_ = static_cast<char*>(page); // a fresh mapping is zero-filled: always terminated
}

bool Secret::push_back(char c) {
    if (!buffer_)
        allocate();
    if (size_ >= kMaxLength)
        return false;
    buffer_[size_++] = c;
    return true;
}

void Secret::wipe() noexcept {
    if (!buffer_)
        return;
    OPENSSL_cleanse(buffer_, kBufferSize);
    if (locked_)
        ::munlock(buffer_, kBufferSize);
    ::munmap(buffer_, kBufferSize);
    buffer_ = nullptr;
    size_ = 0;
    locked_ = false;
}

} // namespace kyso
