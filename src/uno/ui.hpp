// Talking to the user: the UI language, message boxes, yes/no questions and the frame's
// status indicator. In headless runs LibreOffice answers every dialog with "cancel", so the
// commands never block there; automation passes Interactive=false instead.
#pragma once

#include "core/progress.hpp"
#include "uno/strings.hpp"

#include <com/sun/star/frame/XFrame.hpp>
#include <com/sun/star/task/XStatusIndicator.hpp>
#include <com/sun/star/uno/XComponentContext.hpp>

namespace kyso::lo {

using ContextRef = css::uno::Reference<css::uno::XComponentContext>;
using FrameRef = css::uno::Reference<css::frame::XFrame>;

/// True when LibreOffice's UI language is Vietnamese.
bool ui_vietnamese(const ContextRef& context);

/// Where a command runs: its context, its frame (may be empty for the scripting API) and the
/// language it answers in.
struct Env {
    ContextRef context;
    FrameRef frame;
    bool vietnamese = true;
    bool interactive = true;

    OUString tr(const Bilingual& text) const { return ou(text.pick(vietnamese)); }
    OUString tr(const char* vi, const char* en) const { return ou(vietnamese ? vi : en); }
};

enum class MessageKind { Info, Warning, Error };

/// A modal message box on the frame's window.
void show_message(const Env& env, MessageKind kind, const OUString& text);
/// A yes/no question; true for yes.
bool ask_yes_no(const Env& env, const OUString& text);

/// The frame's status indicator for the steps of a command; ends itself.
class Progress {
public:
    Progress(const Env& env, const OUString& title, int steps);
    ~Progress();
    Progress(const Progress&) = delete;
    Progress& operator=(const Progress&) = delete;
    /// Moves to the next step and shows its text.
    void step(const OUString& text);
    /// The core's steps shown in this indicator, whose whole range they fill (issue 16.5). The
    /// operation is stopped (kyso::Cancelled) when the window closes under it: showing progress
    /// lets LibreOffice handle events, a click on the window's close button among them.
    ProgressSink follow();

private:
    FrameRef frame_;
    bool vietnamese_ = true;
    css::uno::Reference<css::task::XStatusIndicator> indicator_;
    int steps_ = 0;
    int done_ = 0;
};

/// A new status indicator of the frame's status bar, not started; empty without a frame. For a
/// filter (the PDF export) to show its own progress through the MediaDescriptor.
css::uno::Reference<css::task::XStatusIndicator> new_status_indicator(const Env& env);

} // namespace kyso::lo
