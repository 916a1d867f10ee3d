// Where, in a draft PDF, the places of Decree 30 are: the number gap (box 3), the day, month
// and year gaps (box 4), and the signer's block — last title line (7a) and full name (7b).
// Found from Writer bookmarks exported as named destinations when the draft has them, else by
// reading the page text. The bookmark names (anchors::) are kyso's contract with the extension.
#pragma once

#include "core/pdftext/line_places.hpp" // the bookmark names (anchors::)
#include "core/pdftext/places.hpp"

#include <string>
#include <vector>

namespace kyso {

/// The places, and where they came from.
struct DocumentPlaces {
    TextPlaces places;
    bool from_bookmarks = false; ///< at least one place came from a named destination
    int pages = 0;               ///< the document's page count
    int pages_read = 0;          ///< pages whose text was read (the cost of a long document)
};

/// Locates the places in the PDF at `path`.
DocumentPlaces locate_places(const std::string& path);

} // namespace kyso
