// The one place that configures the PDF library for the whole process.
#pragma once

namespace kyso::pdf {

/// Switches PoDoFo's own logging and debug output off (PoDoFo writes a warning to stderr for
/// every oddity it repairs; kyso reports what matters itself, in the user's languages, so the
/// library's English noise would only confuse), and lets its parser follow as many revisions as
/// kyso accepts. Called before every parse; cheap and idempotent.
void quiet_pdf_library();

} // namespace kyso::pdf
