// Which of the libraries the real component (libkyso_uno.so) needs are missing on this machine,
// and what to tell the user about it. Plain C++ and dlopen: the loader must work exactly where
// the real component does not.
#pragma once

#include <string>
#include <vector>

namespace kyso::loader {

/// One shared library the real component needs, and the Debian package that ships it.
struct Requirement {
    std::string soname;  // e.g. libpodofo.so.0.9.8
    std::string package; // e.g. libpodofo0.9.8; empty when the build machine could not tell
};

/// Reads libraries.txt ("SONAME PACKAGE" per line, written at build time by
/// extension/list-libraries.sh). A missing or unreadable file gives an empty list.
std::vector<Requirement> read_requirements(const std::string& path);

/// The requirements that the dynamic loader cannot open here.
std::vector<Requirement> unavailable(const std::vector<Requirement>& requirements);

/// The explanation in both languages: what is missing and the commands that fix it.
struct Explanation {
    std::string vi;
    std::string en;
    std::string both() const { return vi + "\n\n" + en; }
};

/// `missing` may be empty (every library is there, yet loading failed: `load_error` says why).
Explanation explain(const std::vector<Requirement>& missing, const std::string& load_error,
                    const std::string& version);

} // namespace kyso::loader
