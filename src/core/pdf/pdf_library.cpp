#include "core/pdf/pdf_library.hpp"

#include <podofo/podofo.h>

namespace kyso::pdf {

void quiet_pdf_library() {
    PoDoFo::PdfError::EnableLogging(false);
    PoDoFo::PdfError::EnableDebug(false);
}

} // namespace kyso::pdf
