#include "core/io/descriptor_reader.hpp"

#include <cerrno>

#include <unistd.h>

namespace kyso {

namespace {
constexpr size_t kBlockSize = 16 * 1024; // small: a jump costs one block; aligned: blocks are shared

} // namespace

size_t read_fully_at(int fd, size_t offset, char* into, size_t length) {
    size_t got = 0;
    while (got < length) {
        ssize_t done = ::pread(fd, into + got, length - got, static_cast<off_t>(offset + got));
        if (done < 0 && errno == EINTR)
            continue;
        if (done <= 0)
            break;
        got += static_cast<size_t>(done);
    }
    return got;
}

std::string read_bytes_at(int fd, size_t offset, size_t length) {
    std::string bytes(length, '\0');
    bytes.resize(read_fully_at(fd, offset, bytes.data(), length));
    return bytes;
}

DescriptorReadBuf::DescriptorReadBuf(int fd, off_t size) : fd_(fd), size_(size) { setg(nullptr, nullptr, nullptr); }

DescriptorReadBuf::Block& DescriptorReadBuf::block_at(off_t aligned) {
    Block* oldest = &blocks_[0];
    for (Block& block : blocks_) {
        if (block.at == aligned)
            return block;
        if (block.used < oldest->used)
            oldest = &block;
    }
    oldest->data.resize(kBlockSize);
    oldest->length = read_fully_at(fd_, static_cast<size_t>(aligned), oldest->data.data(), kBlockSize);
    oldest->at = aligned;
    ++blocks_read_;
    return *oldest;
}

DescriptorReadBuf::int_type DescriptorReadBuf::underflow() {
    if (gptr() < egptr())
        return traits_type::to_int_type(*gptr());
    off_t at = position();
    if (at >= size_)
        return traits_type::eof();
    Block& block = block_at(at - at % static_cast<off_t>(kBlockSize));
    block.used = ++clock_;
    size_t from = static_cast<size_t>(at - block.at);
    if (from >= block.length)
        return traits_type::eof(); // the file is shorter than it was
    current_at_ = block.at;
    setg(block.data.data(), block.data.data() + from, block.data.data() + block.length);
    return traits_type::to_int_type(*gptr());
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
    if (eback() && target >= current_at_ && target < current_at_ + (egptr() - eback())) {
        setg(eback(), eback() + (target - current_at_), egptr()); // in the current block
    } else {
        current_at_ = target; // the next read finds (or fetches) its block
        setg(nullptr, nullptr, nullptr);
    }
    return pos;
}

} // namespace kyso
