// The token options every signing subcommand shares (--module --token --cert --pin-env
// --final-try --chain), and opening the signer they describe: checks before the PIN is asked,
// warnings on stderr.
#pragma once

#include "core/crypto/key_signer.hpp"
#include "core/notice.hpp"
#include "core/workflow/roles.hpp"

#include <boost/program_options.hpp>

#include <future>
#include <memory>

namespace kyso {
class TokenModule;
}

namespace kyso::cli {

/// Adds the token options to `options`.
void add_token_options(boost::program_options::options_description& options);

/// The --module being loaded on another thread: SoftHSM's or a token driver's start-up
/// (dlopen, C_Initialize) overlaps the caller's checks of its input, which parse the PDF.
using PendingModule = std::future<std::unique_ptr<TokenModule>>;
PendingModule load_token_module(const boost::program_options::variables_map& vm);

/// Loads the module (or waits for `pending`), asks for the PIN (terminal or --pin-env) and
/// logs in. A module that failed to load is reported here, after the caller's own checks. The
/// token logs out right after the command's `signatures`-th signature.
KeySigner open_token_signer(const boost::program_options::variables_map& vm, size_t signatures = 1);
KeySigner open_token_signer(const boost::program_options::variables_map& vm, PendingModule pending,
                            size_t signatures = 1);

/// The signature time-stamp options (--tsa --tsa-trust --tsa-timeout --allow-no-timestamp) of
/// the commands that sign with a token.
void add_tsa_options(boost::program_options::options_description& options);

/// What those options ask for (no TSA URL without --tsa); --tsa-trust and --allow-no-timestamp
/// without --tsa are a usage error.
TimestampRequest timestamp_request(const boost::program_options::variables_map& vm);

/// Prints core warnings on stderr.
NoticeSink stderr_notices();

/// Throws BadArguments naming the first of `names` missing from `vm`.
void require_options(const boost::program_options::variables_map& vm, std::initializer_list<const char*> names,
                     const std::string& command);

} // namespace kyso::cli
