// The places of the workflow in a Writer draft: found by the core's plain-text finder
// (pdftext/line_places, the same Decree 30 rules as `prepare`), named here for the dialogs.
#pragma once

#include "core/pdftext/line_places.hpp"
#include "uno/strings.hpp"

namespace kyso::lo {

using kyso::Anchor;
using kyso::bookmarks_of;
using kyso::Place;
using kyso::PlaceSearch;
using kyso::PlainLine;

/// The place's name for messages ("chỗ ghi số" / "the number gap").
Bilingual place_name(Place place);

} // namespace kyso::lo
