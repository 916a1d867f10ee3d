#include "core/io/file_chunks.hpp"

#include "core/error.hpp"
#include "core/io/atomic_output.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <fstream>

namespace kyso {

std::vector<char> read_buffer_for(const std::string& path, size_t extra) {
    struct stat info {};
    size_t size = ::stat(path.c_str(), &info) == 0 ? static_cast<size_t>(info.st_size) : kMaxReadChunk;
    // One byte more than the file: its single read then meets the end, as readers expect.
    return std::vector<char>(std::min(size + 1, kMaxReadChunk) + extra);
}

size_t append_file(const std::string& input, AtomicOutput& out,
                   const std::function<void(const char* data, size_t size)>& also) {
    std::ifstream in(input, std::ios::binary);
    if (!in)
        throw Error(ErrorCode::InputUnreadable, "Không đọc được tệp \"" + input + "\".", "Cannot read \"" + input + "\".");
    std::vector<char> buffer = read_buffer_for(input);
    size_t copied = 0;
    while (in) {
        in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
        auto got = static_cast<size_t>(in.gcount());
        if (got == 0)
            break;
        if (also)
            also(buffer.data(), got);
        out.write(buffer.data(), got);
        copied += got;
    }
    return copied;
}

} // namespace kyso
