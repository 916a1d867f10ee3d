#include "core/pdf/pdf_library.hpp"

#include "core/pdf/pdf_tail.hpp"

#include <podofo/podofo.h>

namespace kyso::pdf {

void quiet_pdf_library() {
    PoDoFo::PdfError::EnableLogging(false);
    PoDoFo::PdfError::EnableDebug(false);
    // PoDoFo follows /Prev through two nested calls a revision under one recursion guard, 256
    // deep by default: a file of 128 revisions or more failed to load as "InvalidXRef", though
    // it is sound (pdfsig and qpdf read it) and kyso accepts up to kMaxRevisions. The guard
    // also bounds nested arrays and dictionaries, so it is raised only as far as that needs.
    PoDoFo::PdfTokenizer::RecursionGuard::SetMaxRecursionDepth(static_cast<int32_t>(2 * kMaxRevisions + 256));
}

} // namespace kyso::pdf
