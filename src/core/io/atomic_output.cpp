#include "core/io/atomic_output.hpp"

#include "core/error.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

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

} // namespace

void require_distinct_paths(const std::string& input, const std::string& output) {
    if (std::filesystem::is_directory(output))
        throw classify(output, EISDIR);
    struct stat in {}, out {};
    bool same = false;
    if (::stat(output.c_str(), &out) == 0 && ::stat(input.c_str(), &in) == 0)
        same = in.st_dev == out.st_dev && in.st_ino == out.st_ino;
    else
        same = std::filesystem::weakly_canonical(input) == std::filesystem::weakly_canonical(output);
    if (same)
        throw Error(ErrorCode::OutputProblem,
                    "Tệp kết quả trùng với tệp gốc \"" + input + "\". Hãy chọn tên tệp khác: tệp gốc không bao giờ bị ghi đè.",
                    "The output is the input file \"" + input + "\". Choose another name: kyso never overwrites its input.");
}

AtomicOutput::AtomicOutput(std::string final_path) : final_path_(std::move(final_path)) {
    std::string name = std::filesystem::path(final_path_).filename().string();
    std::string pattern = folder_of(final_path_) + "/." + name + ".kyso-XXXXXX";
    std::vector<char> buffer(pattern.begin(), pattern.end());
    buffer.push_back('\0');
    fd_ = ::mkstemp(buffer.data());
    if (fd_ < 0)
        throw classify(final_path_, errno);
    temp_path_ = buffer.data();
    ::fchmod(fd_, 0644); // mkstemp makes 0600; a signed document is meant to be shared
}

AtomicOutput::~AtomicOutput() {
    if (fd_ >= 0)
        ::close(fd_);
    if (!committed_ && !temp_path_.empty())
        ::unlink(temp_path_.c_str());
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

void AtomicOutput::commit() {
    finish_writing();
    if (::rename(temp_path_.c_str(), final_path_.c_str()) != 0)
        throw classify(final_path_, errno);
    committed_ = true;
    int dir = ::open(folder_of(final_path_).c_str(), O_RDONLY | O_DIRECTORY);
    if (dir >= 0) {
        ::fsync(dir); // the rename itself must survive a power cut
        ::close(dir);
    }
}

} // namespace kyso
