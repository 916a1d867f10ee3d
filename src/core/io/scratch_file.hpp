#pragma once
// A scratch file beside another file: same folder, so same filesystem and permissions (a rename
// from it stays atomic), hidden, and removed when the object goes away. The folder may be shared
// (a network drive, /tmp), so the name is unguessable and the file is created exclusively:
// nobody can plant a file or a link under it before kyso writes there.

#include <filesystem>
#include <string>

namespace kyso {

class ScratchFile {
public:
    /// Creates `.kyso-<purpose>-<random>.pdf` (empty, mode 0600) in the folder of `near`.
    /// Throws Error(OutputProblem) when the folder does not take it.
    ScratchFile(const std::string& near, const std::string& purpose);
    ~ScratchFile();
    ScratchFile(const ScratchFile&) = delete;
    ScratchFile& operator=(const ScratchFile&) = delete;

    std::string path() const { return path_.string(); }

private:
    std::filesystem::path path_;
};

} // namespace kyso
