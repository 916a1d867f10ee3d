// The read-back of an incremental update that carries no signature (prepared fields, validation
// data): the bytes on disk are the ones meant and the update parses on its own. A signed update
// is read back by read_back_signature, which also checks its signature.
#pragma once

#include <cstddef>
#include <string>

namespace kyso {

/// Why the update `meant`, written after the first `base` bytes of the file at `path`, is not
/// what the file holds, or "" when it is: the file's size, the update's bytes on disk, its
/// cross-reference section naming each object at its own header, and every object parsing.
/// Only the update is read; the bytes before it are the caller's to prove.
std::string written_update_problem(const std::string& path, size_t base, const std::string& meant);

} // namespace kyso
