#pragma once
// An input stream over an open file descriptor that reads with pread: the descriptor's own file
// offset is never moved, so the same descriptor can be parsed (PoDoFo reads a PDF through a
// std::istream) and later copied from. Positions are kept in user space, so the parser's many
// tell() calls cost no system call, and the last few blocks read are kept: PoDoFo goes back and
// forth between a cross-reference entry and the object it names, which one buffer would read
// again on every step (25 MB read for an 0.9 MB file).

#include <array>
#include <istream>
#include <streambuf>
#include <string>
#include <vector>

#include <sys/types.h>

namespace kyso {

/// Reads up to `length` bytes of `fd` at `offset` into `into`, by pread (retried when
/// interrupted); returns how many were read, fewer only at the end of the file or on an error.
size_t read_fully_at(int fd, size_t offset, char* into, size_t length);

/// Up to `length` bytes of `fd` from `offset` (fewer at the end of the file), by pread.
std::string read_bytes_at(int fd, size_t offset, size_t length);

class DescriptorReadBuf : public std::streambuf {
public:
    /// Reads `fd` (not owned; it must outlive the buffer), whose size is `size`.
    DescriptorReadBuf(int fd, off_t size);
    /// Blocks read from the file so far (each a pread of at most 16 KB).
    unsigned long long blocks_read() const { return blocks_read_; }

protected:
    int_type underflow() override;
    pos_type seekoff(off_type off, std::ios_base::seekdir dir, std::ios_base::openmode which) override;
    pos_type seekpos(pos_type pos, std::ios_base::openmode which) override;

private:
    struct Block {
        off_t at = -1; // file offset of data[0]; -1: empty
        size_t length = 0;
        unsigned long long used = 0; // when it was last read from: the oldest is reused
        std::vector<char> data;
    };

    off_t position() const { return current_at_ + (gptr() - eback()); }
    Block& block_at(off_t aligned);

    int fd_;
    off_t size_;
    off_t current_at_ = 0; // file offset of eback(); with no current block, the position itself
    unsigned long long clock_ = 0;
    unsigned long long blocks_read_ = 0;
    std::array<Block, 4> blocks_;
};

/// A std::istream reading a descriptor through DescriptorReadBuf.
class DescriptorStream : public std::istream {
public:
    DescriptorStream(int fd, off_t size) : std::istream(nullptr), buf_(fd, size) { rdbuf(&buf_); }
    const DescriptorReadBuf& reader() const { return buf_; }

private:
    DescriptorReadBuf buf_;
};

} // namespace kyso
