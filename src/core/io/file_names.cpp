#include "core/io/file_names.hpp"

#include <sys/random.h>
#include <sys/stat.h>

#include <fstream>
#include <mutex>

namespace kyso {

std::string random_name_part(size_t length) {
    static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    std::string bytes(length, '\0');
    if (::getrandom(bytes.data(), length, 0) != static_cast<ssize_t>(length))
        return {};
    for (char& c : bytes)
        c = alphabet[static_cast<unsigned char>(c) % (sizeof alphabet - 1)];
    return bytes;
}

mode_t mode_under_umask() {
    // Linux ≥ 4.7 shows the umask in /proc/self/status; umask() itself can only be read by
    // setting it, which races with threads creating files, so that fallback is serialised.
    std::ifstream status("/proc/self/status");
    for (std::string line; std::getline(status, line);)
        if (line.rfind("Umask:", 0) == 0)
            return 0666 & ~static_cast<mode_t>(std::stoul(line.substr(6), nullptr, 8));
    static std::mutex guard;
    std::lock_guard lock(guard);
    mode_t mask = ::umask(022);
    ::umask(mask);
    return 0666 & ~mask;
}

mode_t output_mode(const std::string& final_path) {
    struct stat existing {};
    if (::stat(final_path.c_str(), &existing) == 0 && S_ISREG(existing.st_mode))
        return existing.st_mode & 07777;
    return mode_under_umask();
}

} // namespace kyso
