// `kyso issue` with the outgoing register: the number comes from (or is checked against) the
// register, and the register learns what was issued.
#pragma once

#include "core/workflow/roles.hpp"

#include <functional>

namespace kyso {

/// 1. Pins the issuance instant, so the register's year, the printed date and the signing time
///    are the same moment even across midnight on 31 December.
/// 2. Reserves the next number of (book, year), or the hand-typed `options.number`.
/// 3. Runs `issue` with that number; on failure releases the number with the error's reason.
/// 4. Confirms with the issued file's SHA-256, signers, serials and trích yếu; if the register
///    cannot be reached then, the issued file is removed: nothing issued outside the register.
IssueResult issue_with_register(const IssueOptions& options,
                                const std::function<IssueResult(const IssueOptions&)>& issue);

} // namespace kyso
