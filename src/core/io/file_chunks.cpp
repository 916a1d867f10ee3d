#include "core/io/file_chunks.hpp"

#include "core/error.hpp"
#include "core/io/atomic_output.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>

namespace kyso {

std::vector<char> read_buffer_for(const std::string& path, size_t extra) {
    struct stat info {};
    size_t size = ::stat(path.c_str(), &info) == 0 ? static_cast<size_t>(info.st_size) : kMaxReadChunk;
    // One byte more than the file: its single read then meets the end, as readers expect.
    return std::vector<char>(std::min(size + 1, kMaxReadChunk) + extra);
}

size_t append_file(const std::string& input, AtomicOutput& out) {
    int fd = ::open(input.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        throw Error(ErrorCode::InputUnreadable, "Không đọc được tệp \"" + input + "\".", "Cannot read \"" + input + "\".");
    try {
        size_t copied = out.append_from(fd);
        ::close(fd);
        return copied;
    } catch (...) {
        ::close(fd);
        throw;
    }
}

} // namespace kyso
