// A long operation the user can stop (issue 16.5): LibreOffice 7.4's status-bar progress has no
// cancel control. The operation runs on a worker thread; once it has run `show_after`, a modal
// window shows its steps with a progress bar and Huỷ, and keeps the office responsive (it
// repaints; the document cannot be closed or changed under the operation). Huỷ makes the
// operation's ProgressSink answer "stop": the core stops at its next safe step (kyso::Cancelled).
// The operation must not call UNO: it gets only the sink.
#pragma once

#include "core/progress.hpp"
#include "uno/ui.hpp"

#include <chrono>
#include <functional>

namespace kyso::lo {

/// Runs `work` with a sink that shows its steps and says stop after Huỷ; returns when it ends,
/// rethrowing what it threw (kyso::Cancelled after Huỷ). `first` is shown until the first step
/// is reported. Not interactive: `work` runs here, with an empty sink. Once the last step is
/// reported (done == total) Huỷ is greyed: what follows cannot stop.
void run_cancellable(const Env& env, const OUString& title, const OUString& first, std::chrono::milliseconds show_after,
                     const std::function<void(const ProgressSink&)>& work);

/// On the main thread: when a run_cancellable operation is under way, keeps `job` for when it
/// has ended and returns true; otherwise returns false and `job` is the caller's to run. For
/// work that would otherwise read PDFs on the main thread beside the worker (the state line,
/// posted by LibreOffice's events while the window runs): the core's readers are used from one
/// thread at a time.
bool defer_while_busy(std::function<void()> job);

} // namespace kyso::lo
