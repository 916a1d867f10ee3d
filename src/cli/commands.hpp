// The `kyso` subcommands: each parses its own options, calls the core, prints, and returns
// an exit status. kyso::Error is turned into a message and a status once, in main.
#pragma once

#include <string>
#include <vector>

namespace kyso::cli {

using Args = std::vector<std::string>;

int run_token(const Args& args);
int run_sign(const Args& args);
int run_verify(const Args& args);
int run_prepare(const Args& args);
int run_sign_official(const Args& args);
int run_issue(const Args& args);
int run_sign_attachment(const Args& args);
int run_copy(const Args& args);
int run_ltv(const Args& args);
int run_register(const Args& args);

/// Prints a warning to stderr, Vietnamese first.
void print_notice(const std::string& vi, const std::string& en);

} // namespace kyso::cli
