// A trust store holding exactly some certificates, through a PEM file as users give it
// (`--trust`), for unit tests of the CMS checks.
#pragma once

#include "core/crypto/cms_check.hpp"

#include <gtest/gtest.h>
#include <openssl/pem.h>

#include <cstdio>
#include <filesystem>
#include <string>
#include <unistd.h>
#include <vector>

namespace kyso::test {

class Anchors {
public:
    explicit Anchors(std::vector<const X509*> certificates)
        : path_((std::filesystem::temp_directory_path() /
                 ("kyso-anchors-" + std::to_string(::getpid()) + "-" + std::to_string(++count_) + ".pem"))
                    .string()) {
        FILE* file = std::fopen(path_.c_str(), "w");
        EXPECT_TRUE(file) << path_;
        for (const X509* cert : certificates)
            PEM_write_X509(file, const_cast<X509*>(cert));
        std::fclose(file);
    }
    ~Anchors() { std::filesystem::remove(path_); }
    Anchors(const Anchors&) = delete;
    Anchors& operator=(const Anchors&) = delete;
    TrustStore store() const { return TrustStore({path_}); }
    const std::string& path() const { return path_; }

private:
    static inline int count_ = 0;
    std::string path_;
};

} // namespace kyso::test
