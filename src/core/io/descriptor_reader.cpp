#include "core/io/descriptor_reader.hpp"

#include <cerrno>

#include <unistd.h>

namespace kyso {

namespace {
constexpr size_t kReadChunk = 64 * 1024; // a parser jumps between objects: most jumps land inside
} // namespace

std::string read_bytes_at(int fd, size_t offset, size_t length) {
    std::string bytes(length, '\0');
    size_t got = 0;
    while (got < length) {
        ssize_t done = ::pread(fd, bytes.data() + got, length - got, static_cast<off_t>(offset + got));
        if (done < 0 && errno == EINTR)
            continue;
        if (done <= 0)
            break;
        got += static_cast<size_t>(done);
    }
    bytes.resize(got);
    return bytes;
}

DescriptorReadBuf::DescriptorReadBuf(int fd, off_t size) : fd_(fd), size_(size), buffer_(kReadChunk) {
    setg(buffer_.data(), buffer_.data(), buffer_.data());
}

DescriptorReadBuf::int_type DescriptorReadBuf::underflow() {
    if (gptr() < egptr())
        return traits_type::to_int_type(*gptr());
    off_t next = buffer_at_ + (egptr() - eback());
    ssize_t got;
    do
        got = ::pread(fd_, buffer_.data(), buffer_.size(), next);
    while (got < 0 && errno == EINTR);
    buffer_at_ = next;
    setg(buffer_.data(), buffer_.data(), buffer_.data() + (got > 0 ? got : 0));
    return got > 0 ? traits_type::to_int_type(*gptr()) : traits_type::eof();
}

DescriptorReadBuf::pos_type DescriptorReadBuf::seekoff(off_type off, std::ios_base::seekdir dir,
                                                       std::ios_base::openmode which) {
    off_type base = dir == std::ios_base::beg ? 0 : dir == std::ios_base::cur ? position() : size_;
    return seekpos(pos_type(base + off), which);
}

DescriptorReadBuf::pos_type DescriptorReadBuf::seekpos(pos_type pos, std::ios_base::openmode which) {
    off_t target = static_cast<off_t>(pos);
    if (!(which & std::ios_base::in) || target < 0)
        return pos_type(off_type(-1));
    if (target >= buffer_at_ && target <= buffer_at_ + (egptr() - eback())) {
        setg(eback(), eback() + (target - buffer_at_), egptr()); // inside what was read: no system call
    } else {
        buffer_at_ = target;
        setg(buffer_.data(), buffer_.data(), buffer_.data());
    }
    return pos;
}

} // namespace kyso
