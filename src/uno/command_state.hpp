// Whether a toolbar command can run on the open document, and what its tooltip says: what the
// button will do to this document, or why it cannot (issue 16.2). Asked by the dispatches'
// status listeners on LibreOffice's main thread, so it reads the file's signatures once per
// version of the file (path, size and modification time) and answers from that afterwards.
#pragma once

#include "uno/commands.hpp"
#include "uno/documents.hpp"
#include "uno/settings.hpp"

namespace kyso::lo {

struct CommandState {
    bool enabled = true;
    Bilingual tooltip;
};

/// The state of `command` on `source` under `settings`; never throws (an unreadable file gives a
/// disabled command with the reason).
CommandState command_state(Command command, const Source& source, const Settings& settings);

} // namespace kyso::lo
