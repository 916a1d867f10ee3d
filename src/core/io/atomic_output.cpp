#include "core/io/atomic_output.hpp"

#include "core/error.hpp"
#include "core/io/descriptor_reader.hpp"
#include "core/io/file_names.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <vector>

namespace kyso {
namespace {

std::string folder_of(const std::string& path) {
    std::filesystem::path parent = std::filesystem::path(path).parent_path();
    return parent.empty() ? "." : parent.string();
}

Error output_error(const std::string& path, const std::string& vi_why, const std::string& en_why, int err) {
    return Error(ErrorCode::OutputProblem, "Không ghi được tệp \"" + path + "\": " + vi_why + ".",
                 "Cannot write \"" + path + "\": " + en_why + ".", std::strerror(err));
}

constexpr size_t kCopyChunk = size_t{1} << 30;  // per copy_file_range call: the kernel caps it anyway
constexpr size_t kBufferChunk = size_t{1} << 20; // the fallback's buffer

Error classify(const std::string& path, int err) {
    switch (err) {
    case EACCES:
    case EPERM:
    case EROFS:
        return output_error(path, "thư mục chỉ đọc hoặc không có quyền ghi; hãy chọn thư mục khác",
                            "the folder is read-only or not writable; choose another folder", err);
    case ENOSPC:
    case EDQUOT:
        return output_error(path, "ổ đĩa đã đầy; hãy giải phóng dung lượng rồi thử lại",
                            "the disk is full; free some space and try again", err);
    case EFBIG:
        return output_error(path,
                            "tệp quá lớn so với giới hạn kích thước tệp của ổ đĩa hoặc của tài khoản; hãy ghi vào "
                            "ổ đĩa khác (ví dụ không phải FAT32) hoặc nhờ quản trị nới giới hạn",
                            "the file is too big for the disk's or the account's file size limit; write it to "
                            "another disk (not FAT32, say) or ask an administrator to raise the limit",
                            err);
    case EISDIR:
        return output_error(path, "đó là một thư mục; hãy ghi rõ tên tệp", "that is a folder; give a file name", err);
    case ENOENT:
    case ENOTDIR:
        if (!std::filesystem::is_directory(folder_of(path)))
            return output_error(path, "thư mục không tồn tại", "the folder does not exist", err);
        return output_error(path, "không tạo được tệp trong thư mục này", "files cannot be created in this folder", err);
    default:
        return output_error(path, "lỗi hệ thống", "system error", err);
    }
}

constexpr const char* kTempMark = ".kyso-";
constexpr size_t kSuffixLength = 6; // the XXXXXX of mkstemp

bool is_temp_suffix(const std::string& suffix) {
    return suffix.size() == kSuffixLength &&
           std::all_of(suffix.begin(), suffix.end(), [](unsigned char c) { return std::isalnum(c); });
}

// Removes ".NAME.kyso-XXXXXX" files in `folder` whose flock can be taken: every live writer
// holds its lock from before the file has a name until after it is renamed or removed, so an
// unlocked one belongs to a dead process. Anything unexpected is left alone.
void remove_stale_temporaries(const std::string& folder, const std::string& name) {
    std::string prefix = "." + name + kTempMark;
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(folder, ec)) {
        std::string file = entry.path().filename().string();
        if (file.compare(0, prefix.size(), prefix) != 0 || !is_temp_suffix(file.substr(prefix.size())))
            continue;
        std::string path = entry.path().string();
        int fd = ::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
        if (fd < 0)
            continue;
        struct stat opened {}, named {};
        if (::fstat(fd, &opened) == 0 && S_ISREG(opened.st_mode) && ::flock(fd, LOCK_EX | LOCK_NB) == 0 &&
            ::lstat(path.c_str(), &named) == 0 && named.st_dev == opened.st_dev && named.st_ino == opened.st_ino)
            ::unlink(path.c_str()); // still under our lock: no writer can be using it
        ::close(fd);
    }
}

// An anonymous file in `folder` (O_TMPFILE), locked, then given the name `prefix` + XXXXXX:
// it never exists under its name unlocked. Returns -1 with errno when the file system cannot
// (no O_TMPFILE), and the caller falls back to mkstemp.
int create_locked_named(const std::string& folder, const std::string& prefix, std::string& path) {
    int fd = ::open(folder.c_str(), O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
    if (fd < 0)
        return -1;
    if (::flock(fd, LOCK_EX) != 0) {
        int err = errno;
        ::close(fd);
        errno = err;
        return -1;
    }
    std::string proc = "/proc/self/fd/" + std::to_string(fd);
    for (int attempt = 0; attempt < 100; ++attempt) {
        std::string suffix = random_name_part(kSuffixLength);
        if (suffix.empty())
            break;
        std::string candidate = prefix + suffix;
        if (::linkat(AT_FDCWD, proc.c_str(), AT_FDCWD, candidate.c_str(), AT_SYMLINK_FOLLOW) == 0) {
            path = candidate;
            return fd;
        }
        if (errno != EEXIST)
            break;
    }
    int err = errno;
    ::close(fd);
    errno = err;
    return -1;
}

} // namespace

bool same_file(const std::string& a, const std::string& b) {
    struct stat first {}, second {};
    if (::stat(a.c_str(), &first) == 0 && ::stat(b.c_str(), &second) == 0)
        return first.st_dev == second.st_dev && first.st_ino == second.st_ino;
    return std::filesystem::weakly_canonical(a) == std::filesystem::weakly_canonical(b);
}

void require_distinct_paths(const std::string& input, const std::string& output) {
    if (std::filesystem::is_directory(output))
        throw classify(output, EISDIR);
    if (same_file(input, output))
        throw Error(ErrorCode::OutputProblem,
                    "Tệp kết quả trùng với tệp gốc \"" + input + "\". Hãy chọn tên tệp khác: tệp gốc không bao giờ bị ghi đè.",
                    "The output is the input file \"" + input + "\". Choose another name: kyso never overwrites its input.");
}

AtomicOutput::AtomicOutput(std::string final_path) : final_path_(std::move(final_path)) {
    std::string folder = folder_of(final_path_);
    std::string name = std::filesystem::path(final_path_).filename().string();
    remove_stale_temporaries(folder, name);
    std::string prefix = folder + "/." + name + kTempMark;
    fd_ = create_locked_named(folder, prefix, temp_path_);
    if (fd_ < 0) {
        // No O_TMPFILE here (some network and FAT file systems): mkstemp, locked at once. Only
        // in the instant between the two could a sweeper take this file for a stale one.
        std::string pattern = prefix + "XXXXXX";
        std::vector<char> buffer(pattern.begin(), pattern.end());
        buffer.push_back('\0');
        fd_ = ::mkstemp(buffer.data());
        if (fd_ < 0)
            throw classify(final_path_, errno);
        temp_path_ = buffer.data();
        ::flock(fd_, LOCK_EX);
    }
    lock_fd_ = ::dup(fd_); // the lock belongs to the open file, which the dup keeps open
    // 0600 so far. A file that is replaced keeps its mode (as editors do); a new one gets what
    // the user's umask allows, like any file the user creates.
    ::fchmod(fd_, output_mode(final_path_));
}

AtomicOutput::~AtomicOutput() {
    if (fd_ >= 0)
        ::close(fd_);
    // Removed before the lock goes: a temporary is never seen unlocked while its writer lives.
    if (!committed_ && !temp_path_.empty())
        ::unlink(temp_path_.c_str());
    if (lock_fd_ >= 0)
        ::close(lock_fd_);
}

void AtomicOutput::write(const char* data, size_t size) {
    while (size > 0) {
        ssize_t done = ::write(fd_, data, size);
        if (done < 0) {
            if (errno == EINTR)
                continue;
            throw classify(final_path_, errno);
        }
        data += done;
        size -= static_cast<size_t>(done);
    }
}

size_t AtomicOutput::append_from(int input_fd) {
    size_t copied = 0;
    bool in_kernel = true;
    std::vector<char> buffer;
    for (;;) {
        ssize_t done = -1;
        if (in_kernel) {
            done = ::copy_file_range(input_fd, nullptr, fd_, nullptr, kCopyChunk, 0);
            // Not between these file systems (or not on this kernel): copy through a buffer.
            if (done < 0 && copied == 0 && (errno == EXDEV || errno == ENOSYS || errno == EINVAL || errno == EOPNOTSUPP)) {
                in_kernel = false;
                continue;
            }
        } else {
            if (buffer.empty())
                buffer.resize(kBufferChunk);
            done = ::read(input_fd, buffer.data(), buffer.size());
            if (done > 0)
                write(buffer.data(), static_cast<size_t>(done));
        }
        if (done == 0)
            return copied;
        if (done < 0) {
            if (errno == EINTR)
                continue;
            if (errno == EIO || errno == EBADF || errno == EISDIR)
                throw Error(ErrorCode::InputUnreadable, "Không đọc được tệp vào.", "Cannot read the input file.",
                            std::strerror(errno));
            throw classify(final_path_, errno);
        }
        copied += static_cast<size_t>(done);
    }
}

size_t AtomicOutput::read_at(size_t offset, char* data, size_t size) const {
    return read_fully_at(fd_, offset, data, size);
}

void AtomicOutput::finish_writing() {
    if (fd_ < 0)
        return;
    if (::fsync(fd_) != 0 || ::close(fd_) != 0) {
        int err = errno;
        fd_ = -1;
        throw classify(final_path_, err);
    }
    fd_ = -1;
}

void sync_folder_of(const std::string& path) {
    int dir = ::open(folder_of(path).c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dir >= 0) {
        ::fsync(dir);
        ::close(dir);
    }
}

void AtomicOutput::commit() {
    finish_writing();
    if (::rename(temp_path_.c_str(), final_path_.c_str()) != 0)
        throw classify(final_path_, errno);
    committed_ = true;
    if (lock_fd_ >= 0) {
        ::close(lock_fd_);
        lock_fd_ = -1;
    }
    sync_folder_of(final_path_);
}

} // namespace kyso
