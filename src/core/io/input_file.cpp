#include "core/io/input_file.hpp"

#include "core/error.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cstring>

namespace kyso {
namespace {

bool same_times(const timespec& a, const timespec& b) { return a.tv_sec == b.tv_sec && a.tv_nsec == b.tv_nsec; }

bool same_file(const struct stat& a, const struct stat& b) {
    return a.st_dev == b.st_dev && a.st_ino == b.st_ino && a.st_size == b.st_size && same_times(a.st_mtim, b.st_mtim) &&
           same_times(a.st_ctim, b.st_ctim);
}

} // namespace

InputFile::InputFile(std::string path) : path_(std::move(path)) {
    fd_ = ::open(path_.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd_ < 0 || ::fstat(fd_, &opened_) != 0) {
        int err = errno;
        if (fd_ >= 0)
            ::close(fd_);
        fd_ = -1;
        throw Error(ErrorCode::InputUnreadable, "Không đọc được tệp \"" + path_ + "\".",
                    "Cannot read \"" + path_ + "\".", std::strerror(err));
    }
}

InputFile::~InputFile() {
    if (fd_ >= 0)
        ::close(fd_);
}

bool InputFile::unchanged() const {
    struct stat now {}, named {};
    return ::fstat(fd_, &now) == 0 && same_file(opened_, now) && ::stat(path_.c_str(), &named) == 0 &&
           same_file(opened_, named);
}

} // namespace kyso
