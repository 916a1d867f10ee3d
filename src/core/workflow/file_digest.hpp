#pragma once
// Digesting byte ranges of a file on disk: the signed bytes of a signature, for verify and for
// the read-back after signing.

#include "core/crypto/ossl.hpp"

#include <string>
#include <vector>

namespace kyso {

/// The `md` digest of the (offset, length) pairs of `ranges` of the file at `path`, read in
/// chunks; a range past the end of the file is digested as far as the file goes.
ossl::Bytes digest_file_ranges(const std::string& path, const std::vector<long long>& ranges, const EVP_MD* md);

} // namespace kyso
