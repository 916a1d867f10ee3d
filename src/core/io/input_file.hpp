#pragma once
// The input of one signing, opened once: the descriptor the unchanged prefix is copied from, and
// what the file was when it was opened (inode, size, modification and change times), so that a
// file edited or replaced while it was being parsed and copied is noticed instead of signed.

#include <string>

#include <sys/stat.h>

namespace kyso {

class InputFile {
public:
    /// Opens `path` for reading; throws InputUnreadable.
    explicit InputFile(std::string path);
    ~InputFile();
    InputFile(const InputFile&) = delete;
    InputFile& operator=(const InputFile&) = delete;

    int fd() const { return fd_; }
    const std::string& path() const { return path_; }
    size_t size() const { return static_cast<size_t>(opened_.st_size); }
    /// True while the descriptor's file has kept its size and times and `path` still names it.
    bool unchanged() const;

private:
    std::string path_;
    int fd_ = -1;
    struct stat opened_ {};
};

} // namespace kyso
