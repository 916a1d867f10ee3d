// A tiny JSON writer for `--json` output (Debian 12's Boost predates Boost.JSON).
#pragma once

#include <string>

namespace kyso::cli {

/// A JSON string literal, quotes included.
std::string json_string(const std::string& text);
/// "true" or "false".
inline const char* json_bool(bool value) { return value ? "true" : "false"; }

} // namespace kyso::cli
