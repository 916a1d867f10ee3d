#pragma once
// A RangeDigester over bytes held in memory: the digest of `content` with whichever algorithm the
// CMS under test asks for (what verification does with a PDF's byte ranges).

#include "core/crypto/signer_info_check.hpp"

#include <openssl/evp.h>

#include <string>

namespace kyso::test {

inline RangeDigester digester_of(const std::string& content) {
    return [content](const EVP_MD* md) {
        ossl::Bytes out(EVP_MAX_MD_SIZE);
        unsigned int size = 0;
        EVP_Digest(content.data(), content.size(), out.data(), &size, md, nullptr);
        out.resize(size);
        return out;
    };
}

} // namespace kyso::test
