// Where the CLI gets a PIN: the terminal without echo, or an environment variable named on the
// command line (for automation). Never from argv: a PIN there would show in `ps` and history.
#pragma once

#include "core/token/secret.hpp"

#include <string>

namespace kyso::cli {

/// Reads the PIN from $`env_var` when given, else asks on the terminal with echo off.
Secret read_pin(const std::string& env_var, const std::string& prompt);

} // namespace kyso::cli
