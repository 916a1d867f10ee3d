// The vn.kyso: commands, over kyso_core's workflow (core/workflow/roles.hpp). Shared by the
// toolbar's dispatches and the scripting service; they throw kyso::Error (or Cancelled), and
// the callers turn that into a message exactly once.
#pragma once

#include "core/error.hpp"
#include "core/notice.hpp"
#include "core/workflow/verify_document.hpp"
#include "uno/arguments.hpp"
#include "uno/documents.hpp"
#include "uno/ui.hpp"

#include <optional>
#include <string>
#include <vector>

namespace kyso::lo {

enum class Command { ExportDraft, SignOfficial, Issue, Verify, Settings, OpenRegister };

/// "ExportDraft" → Command::ExportDraft; nullopt for an unknown name.
std::optional<Command> command_of(const OUString& name);

/// What a command did.
struct Outcome {
    std::string output;            ///< the file written; empty when none
    std::vector<std::string> attachments; ///< Issue: the signed attachments, in order
    Bilingual message;             ///< what to tell the user
    std::vector<Notice> notices;   ///< warnings met on the way
    std::optional<VerifyReport> report;
    std::string report_text;       ///< the verification report in the UI language
};

/// Runs `command` on `source`. Throws kyso::Error or Cancelled; nothing is written on either.
Outcome run_command(const Env& env, Command command, const Source& source, Arguments& args);

/// Stable name of an error code, e.g. "TokenNotFound" (automation matches on it).
const char* code_name(ErrorCode code);

} // namespace kyso::lo
