// How far a long operation has come (verifying a long file, signing a batch), for a shell to
// show in its status bar, and the shell's way to stop it. The core only calls a function: no
// UNO, no terminal. An operation stops only where stopping leaves nothing behind.
#pragma once

#include <cstddef>
#include <functional>
#include <string>

namespace kyso {

/// `done` of `total` steps are finished; `vi`/`en` say what is being done now.
struct ProgressStep {
    size_t done = 0;
    size_t total = 0;
    std::string vi, en;
};

/// Told before each step and once at the end (done == total). Returns false to ask the
/// operation to stop; an empty function shows nothing and never stops anything.
using ProgressSink = std::function<bool(const ProgressStep&)>;

/// Thrown by an operation its ProgressSink asked to stop (or a user refused to go on): nothing
/// was written, nothing is left half-done.
struct Cancelled {};

/// Tells `sink` about `step` where stopping is safe: throws Cancelled when the sink says stop.
inline void report_progress(const ProgressSink& sink, ProgressStep step) {
    if (sink && !sink(step))
        throw Cancelled{};
}

} // namespace kyso
