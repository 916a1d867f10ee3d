// The state line of issue 16.2: an infobar above the document saying where the open PDF — or
// the signed or issued PDF beside a Writer draft — stands in the workflow, with the verdict of
// its verification (core/workflow/state_line reads both; this only shows them). Shown when the
// kyso toolbar first asks for its states in a window, and again after each kyso command there.
#pragma once

#include "uno/ui.hpp"

namespace kyso::lo {

/// The infobar's id on the frame's controller (css::frame::XInfobarProvider).
constexpr const char* kStateInfobarId = "vn.kyso.state";

/// Shows or updates the state line of the document in `frame`, soon, on LibreOffice's main
/// thread (the caller may be a toolbar being built, or a remote client's thread); removes it for
/// a document kyso does not work on. Never throws.
void post_state_line(const ContextRef& context, const FrameRef& frame);

} // namespace kyso::lo
