#pragma once
// A scratch file beside another file: same folder, so same filesystem and permissions (a rename
// from it stays atomic), hidden, and removed when the object goes away.

#include <unistd.h>

#include <filesystem>
#include <string>

namespace kyso {

class ScratchFile {
public:
    /// `.kyso-<purpose>-<pid>.pdf` in the folder of `near`; nothing is created yet.
    ScratchFile(const std::string& near, const std::string& purpose)
        : path_(folder_of(near) / (".kyso-" + purpose + "-" + std::to_string(::getpid()) + ".pdf")) {}
    ~ScratchFile() {
        std::error_code ignored;
        std::filesystem::remove(path_, ignored);
    }
    ScratchFile(const ScratchFile&) = delete;
    ScratchFile& operator=(const ScratchFile&) = delete;

    std::string path() const { return path_.string(); }

private:
    static std::filesystem::path folder_of(const std::string& near) {
        std::filesystem::path folder = std::filesystem::path(near).parent_path();
        return folder.empty() ? std::filesystem::path(".") : folder;
    }

    std::filesystem::path path_;
};

} // namespace kyso
