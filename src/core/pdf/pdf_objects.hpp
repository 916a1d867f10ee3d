// Internal to src/core/pdf: what every PoDoFo reader here needs — following a reference,
// reading a number or a name/text, finding a page — once, instead of in each file.
#pragma once

#include <podofo/podofo.h>

#include <optional>
#include <string>
#include <vector>

namespace kyso::pdf {

/// Follows a reference (null stays null; a dangling reference gives null).
PoDoFo::PdfObject* resolve(PoDoFo::PdfMemDocument& doc, PoDoFo::PdfObject* value);

/// An integer or real as a double; 0 for anything else.
double number_of(const PoDoFo::PdfObject& value);

/// A name or a (hex) string as UTF-8; empty for anything else, and for null.
std::string text_of(const PoDoFo::PdfObject* value);

/// Page `number` (1-based, within GetPageCount()). PoDoFo counts /Count but gives null when the
/// page tree has no such leaf (a broken /Kids): that is thrown as InputNotPdf naming `path`.
PoDoFo::PdfPage& page_at(PoDoFo::PdfMemDocument& doc, int number, const std::string& path);

/// Which page a page object is, for widgets' /P and destinations; the page list is read once,
/// on first use, and a broken page tree is thrown as InputNotPdf.
class PageNumbers {
public:
    PageNumbers(PoDoFo::PdfMemDocument& doc, std::string path) : doc_(doc), path_(std::move(path)) {}
    /// 1-based page of `page`; 0 when it is not a page of the document.
    int of(const PoDoFo::PdfReference& page);

private:
    PoDoFo::PdfMemDocument& doc_;
    std::string path_;
    std::optional<std::vector<PoDoFo::PdfReference>> pages_;
};

} // namespace kyso::pdf
