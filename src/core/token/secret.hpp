// A PIN held in memory only as long as needed and wiped on destruction. Never copied, never
// logged, never stored (regulation: the key device is managed like a state secret).
#pragma once

#include <string>

namespace kyso {

/// Owns a secret string and cleanses it when it goes away.
class Secret {
public:
    Secret() = default;
    explicit Secret(std::string value) : value_(std::move(value)) {}
    Secret(const Secret&) = delete;
    Secret& operator=(const Secret&) = delete;
    Secret(Secret&& other) noexcept;
    Secret& operator=(Secret&& other) noexcept;
    ~Secret() { wipe(); }

    const char* c_str() const { return value_.c_str(); }
    bool empty() const { return value_.empty(); }
    /// Overwrites the bytes, then empties.
    void wipe() noexcept;

private:
    std::string value_;
};

} // namespace kyso
