// Small file helpers for tests: read, write, digest, corrupt.
#pragma once

#include <string>
#include <vector>

namespace kyso::test {

std::string read_file(const std::string& path);
void write_file(const std::string& path, const std::string& bytes);
std::string sha256_file(const std::string& path);
/// How many times `what` occurs in `bytes` (overlapping occurrences counted).
size_t count_occurrences(const std::string& bytes, const std::string& what);
/// Inverts the bits of the byte at `offset`.
void flip_byte(const std::string& path, size_t offset);

/// Writes an 8-bit RGBA PNG; `dpi` > 0 adds a pHYs chunk.
void write_png(const std::string& path, unsigned width, unsigned height, const std::vector<unsigned char>& rgba,
               double dpi = 0);
/// A blue, transparent "handwritten" stroke image (the official's signature).
std::vector<unsigned char> blue_signature_pixels(unsigned width, unsigned height);
/// A red, transparent ring (the organisation's seal).
std::vector<unsigned char> red_seal_pixels(unsigned side);

} // namespace kyso::test
