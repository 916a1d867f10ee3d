// The verification checks (src/core/crypto, the byte-range scan, the embedded-data check) state
// each problem as one English line: a fixed phrase, then a detail (OpenSSL's reason, an OID, a
// name). This turns such a line into Vietnamese for `kyso verify` (which prints both) and the
// extension's report: every phrase the checks write has a translation here
// (tests/unit/problem_text_test.cpp reads the checks' sources to hold that), OpenSSL's own
// chain errors are translated too, any other detail is kept as it is.
#pragma once

#include <string>

namespace kyso {

/// One problem line in the reader's language: unchanged in English, translated in Vietnamese
/// (a line no rule knows is returned as it is).
std::string problem_text(const std::string& problem, bool vietnamese);

/// The problem line in both languages, "vi / en"; once when it has no translation.
std::string problem_text_bilingual(const std::string& problem);

} // namespace kyso
