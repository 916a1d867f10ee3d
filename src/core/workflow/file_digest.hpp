#pragma once
// Digesting byte ranges of a file on disk: the signed bytes of a signature, for verify and for
// the read-back after signing.

#include "core/crypto/ossl.hpp"

#include <string>
#include <vector>

namespace kyso {

/// Adds the (offset, length) pairs of `ranges` of the file at `path` to the digest `ctx`, read
/// in chunks; a range past the end of the file is digested as far as the file goes.
void digest_file_ranges_into(EVP_MD_CTX* ctx, const std::string& path, const std::vector<long long>& ranges);

/// The `md` digest of those ranges.
ossl::Bytes digest_file_ranges(const std::string& path, const std::vector<long long>& ranges, const EVP_MD* md);

} // namespace kyso
