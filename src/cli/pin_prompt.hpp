// Where the CLI gets a PIN: the terminal without echo, or an environment variable named on the
// command line (for automation). Never from argv: a PIN there would show in `ps` and history.
#pragma once

#include "core/token/secret.hpp"

#include <string>

namespace kyso::cli {

/// Reads the PIN from $`env_var` when given, else asks on the terminal with echo off.
/// The variable is cleansed in this process's environment and removed after it is read (the
/// parent shell's copy, and /proc/PID/environ's view of the original block, are out of reach:
/// a cleansed value reads there as NUL bytes). From the terminal the bytes go straight into the
/// Secret one at a time; the kernel's tty buffer is outside the process.
Secret read_pin(const std::string& env_var, const std::string& prompt);

} // namespace kyso::cli
