// What a new file is called and which mode it gets: the two rules every writer shares.
#pragma once

#include <sys/types.h>

#include <string>

namespace kyso {

/// `length` letters and digits from the kernel's random source (like mkstemp's XXXXXX), so a
/// scratch name in a shared folder cannot be guessed and planted beforehand. Empty on failure.
std::string random_name_part(size_t length);

/// The mode a new file gets when created with 0666: 0666 without the process's umask bits.
/// Read without changing the umask (other threads may be creating files).
mode_t mode_under_umask();

/// The mode an output written to `final_path` gets: a file it replaces keeps its mode (as
/// editors do); a new one gets what the umask allows, like any file the user creates.
mode_t output_mode(const std::string& final_path);

} // namespace kyso
