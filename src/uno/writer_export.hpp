// Writer → PDF with kyso's anchors, leaving the user's document as it was: the document is
// stored to a temporary ODT copy (storeToURL changes neither its URL nor its modified flag),
// the copy is loaded hidden, the anchor bookmarks are set there and the copy is exported with
// writer_pdf_Export and ExportBookmarksToPDFDestination, so each bookmark becomes a named
// destination the core reads.
#pragma once

#include "uno/places.hpp"
#include "uno/ui.hpp"

#include <com/sun/star/frame/XModel.hpp>

#include <string>
#include <vector>

namespace kyso::lo {

/// Exports `document` to `pdf_path`. Returns the places not found; when any is missing no PDF
/// is written.
std::vector<Place> export_writer_pdf(const Env& env, const css::uno::Reference<css::frame::XModel>& document,
                                     const std::string& pdf_path, bool pdfa);

/// Sets `place`'s bookmarks in the user's document from its current selection (the user asked
/// for it: this one does change the document). Returns false when the selection does not fit.
bool mark_place_from_selection(const css::uno::Reference<css::frame::XModel>& document, Place place);

} // namespace kyso::lo
