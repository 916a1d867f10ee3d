#pragma once
// An input stream over an open file descriptor that reads with pread: the descriptor's own file
// offset is never moved, so the same descriptor can be parsed (PoDoFo reads a PDF through a
// std::istream) and later copied from. Positions are kept in user space, so the parser's many
// tell() calls cost no system call.

#include <istream>
#include <string>
#include <streambuf>
#include <vector>

#include <sys/types.h>

namespace kyso {

/// Up to `length` bytes of `fd` from `offset` (fewer at the end of the file), by pread.
std::string read_bytes_at(int fd, size_t offset, size_t length);

class DescriptorReadBuf : public std::streambuf {
public:
    /// Reads `fd` (not owned; it must outlive the buffer), whose size is `size`.
    DescriptorReadBuf(int fd, off_t size);

protected:
    int_type underflow() override;
    pos_type seekoff(off_type off, std::ios_base::seekdir dir, std::ios_base::openmode which) override;
    pos_type seekpos(pos_type pos, std::ios_base::openmode which) override;

private:
    off_t position() const { return buffer_at_ + (gptr() - eback()); }

    int fd_;
    off_t size_;
    off_t buffer_at_ = 0; // file offset of the buffer's first byte
    std::vector<char> buffer_;
};

/// A std::istream reading a descriptor through DescriptorReadBuf.
class DescriptorStream : public std::istream {
public:
    DescriptorStream(int fd, off_t size) : std::istream(nullptr), buf_(fd, size) { rdbuf(&buf_); }

private:
    DescriptorReadBuf buf_;
};

} // namespace kyso
