#include "uno/file_version_cache.hpp"

#include <sys/stat.h>

namespace kyso::lo {

std::optional<FileVersion> version_of(const std::string& path, const std::vector<std::string>& trust) {
    struct stat info {};
    if (::stat(path.c_str(), &info) != 0)
        return std::nullopt;
    return FileVersion{static_cast<long long>(info.st_size),
                       static_cast<long long>(info.st_mtim.tv_sec) * 1000000000LL + info.st_mtim.tv_nsec, trust};
}

} // namespace kyso::lo
