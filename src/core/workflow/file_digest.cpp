#include "core/workflow/file_digest.hpp"

#include "core/io/file_chunks.hpp"

#include <algorithm>
#include <fstream>

namespace kyso {

void digest_file_ranges_into(EVP_MD_CTX* ctx, const std::string& path, const std::vector<long long>& ranges) {
    std::ifstream in(path, std::ios::binary);
    std::vector<char> buffer = read_buffer_for(path);
    for (size_t i = 0; i + 1 < ranges.size(); i += 2) {
        in.clear();
        in.seekg(static_cast<std::streamoff>(ranges[i]));
        auto left = static_cast<size_t>(ranges[i + 1]);
        while (left > 0 && in) {
            in.read(buffer.data(), static_cast<std::streamsize>(std::min(left, buffer.size())));
            auto got = static_cast<size_t>(in.gcount());
            if (got == 0)
                break;
            EVP_DigestUpdate(ctx, buffer.data(), got);
            left -= got;
        }
    }
}

ossl::Bytes digest_file_ranges(const std::string& path, const std::vector<long long>& ranges, const EVP_MD* md) {
    ossl::MdCtxPtr ctx(EVP_MD_CTX_new());
    EVP_DigestInit_ex(ctx.get(), md, nullptr);
    digest_file_ranges_into(ctx.get(), path, ranges);
    ossl::Bytes digest(static_cast<size_t>(EVP_MD_get_size(md)));
    unsigned int len = 0;
    EVP_DigestFinal_ex(ctx.get(), digest.data(), &len);
    return digest;
}

} // namespace kyso
