#pragma once
// Reading files in chunks: at most 1 MB at a time, and never a buffer bigger than the file, so
// that the many small PDFs an office signs do not each pay for zero-filling a megabyte per read
// (that was most of the time spent on a 1 KB file).

#include <cstddef>
#include <string>
#include <vector>

namespace kyso {

class AtomicOutput;

constexpr size_t kMaxReadChunk = 1 << 20;

/// A buffer of min(size of `path` + 1, 1 MB) bytes plus `extra`.
std::vector<char> read_buffer_for(const std::string& path, size_t extra = 0);

/// Appends the whole of `input` to `out`, copied in the kernel where it can be
/// (AtomicOutput::append_from); returns the number of bytes copied. Throws InputUnreadable
/// when `input` cannot be opened.
size_t append_file(const std::string& input, AtomicOutput& out);

} // namespace kyso
