// The whole of a RevisionHistory as text, one line per fact, so that two analyses of the same
// file (DiffScope::TouchedObjects against DiffScope::Everything) compare with a readable diff.
#pragma once

#include "core/pdf/revision_diff.hpp"

#include <string>

namespace kyso::test {

inline std::string history_text(const RevisionHistory& history) {
    std::string text = "ends";
    for (size_t end : history.revision_ends)
        text += " " + std::to_string(end);
    text += "\ntrailing " + std::to_string(history.trailing_bytes) + "\n";
    for (const RevisionDiff& diff : history.diffs) {
        text += "revision " + std::to_string(diff.revision) + " [" + std::to_string(diff.start) + ", " +
                std::to_string(diff.end) + ") readable " + std::to_string(diff.readable) + " " + diff.unreadable_reason + "\n";
        for (const ObjectChange& c : diff.objects) {
            text += "  object " + std::to_string(c.number) + " kind " + std::to_string(static_cast<int>(c.kind)) +
                    " role " + std::to_string(static_cast<int>(c.role)) + " old_role " +
                    std::to_string(static_cast<int>(c.old_role)) + " page " + std::to_string(c.page) + " field '" +
                    c.field + "' old_field '" + c.old_field + "' detail '" + c.detail + "' stream " +
                    std::to_string(c.stream_changed) + " annotations_removed " + std::to_string(c.annotations_removed) +
                    "\n    keys";
            for (const std::string& key : c.changed_keys)
                text += " " + key;
            text += "\n";
            for (const ObjectUse& use : c.old_uses)
                text += "    use " + std::to_string(static_cast<int>(use.role)) + " page " + std::to_string(use.page) +
                        " field '" + use.field + "' path '" + use.path + "'\n";
        }
        for (unsigned n : diff.stray_definitions)
            text += "  stray " + std::to_string(n) + "\n";
        for (const std::string& key : diff.trailer_changes)
            text += "  trailer " + key + "\n";
        for (const auto& [name, state] : diff.fields_before)
            text += "  before " + name + " " + state.type + " " + std::to_string(state.has_value) + " " + state.rect + "\n";
        for (const auto& [name, state] : diff.fields_after)
            text += "  after " + name + " " + state.type + " " + std::to_string(state.has_value) + " " + state.rect + "\n";
    }
    return text;
}

} // namespace kyso::test
