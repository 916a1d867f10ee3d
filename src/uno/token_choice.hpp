// From "which certificate?" to a logged-in KeySigner: the module, token and certificate come
// from the arguments, then the settings, then (interactive) the chooser; the PIN from the PIN
// dialog, or (Interactive=false) the PIN argument. Personal certificates sign as the official,
// the organisation's certificate issues (regulation R5).
#pragma once

#include "core/crypto/key_signer.hpp"
#include "core/notice.hpp"
#include "core/progress.hpp"
#include "uno/arguments.hpp"
#include "uno/settings.hpp"
#include "uno/ui.hpp"

namespace kyso::lo {

enum class Role { Official, Organisation };

/// Selects the certificate, gets the PIN and logs in, for `signatures` signatures (a batch
/// issuance: the document and each attachment) after which it logs out. Throws kyso::Error, or
/// kyso::Cancelled (core/progress.hpp) when the user cancels a dialog.
KeySigner open_role_signer(const Env& env, Role role, Arguments& args, const Settings& settings,
                           const NoticeSink& notices, size_t signatures = 1);

} // namespace kyso::lo
