// Internal to src/core/pdf: what every PoDoFo reader here needs — following a reference,
// reading a number or a name/text, finding a page — once, instead of in each file.
#pragma once

#include <podofo/podofo.h>

#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace kyso::pdf {

/// Follows a reference (null stays null; a dangling reference gives null).
PoDoFo::PdfObject* resolve(PoDoFo::PdfMemDocument& doc, PoDoFo::PdfObject* value);

/// An integer or real as a double; 0 for anything else.
double number_of(const PoDoFo::PdfObject& value);

/// A name or a (hex) string as UTF-8; empty for anything else, and for null.
std::string text_of(const PoDoFo::PdfObject* value);

/// The decoded bytes of `object`'s stream (empty without one); throws PoDoFo's PdfError when a
/// filter fails.
std::string filtered_stream(PoDoFo::PdfObject& object);

/// Page `number` (1-based, within GetPageCount()). PoDoFo counts /Count but gives null when the
/// page tree has no such leaf (a broken /Kids): that is thrown as InputNotPdf naming `path`.
PoDoFo::PdfPage& page_at(PoDoFo::PdfMemDocument& doc, int number, const std::string& path);

/// The document's pages in order and which page a page object is (widgets' /P, destinations),
/// for a document PoDoFo loaded from `path`. The page tree is walked once, on first use:
/// PoDoFo's GetPage(i) walks the /Kids before page i on every call, which made a lookup per
/// page quadratic in the page count. A tree whose
/// /Count entries disagree with its leaves (or has a cycle, or a kid that is no page) is read
/// page by page through PoDoFo as before, so damaged trees number pages exactly as PoDoFo does
/// and a missing page is still thrown as InputNotPdf.
class PageNumbers {
public:
    PageNumbers(PoDoFo::PdfMemDocument& doc, std::string path) : doc_(doc), path_(std::move(path)) {}
    /// 1-based page of `page`; 0 when it is not a page of the document.
    int of(const PoDoFo::PdfReference& page);
    /// The page objects, page 1 first.
    const std::vector<PoDoFo::PdfObject*>& objects();

    /// Page objects visited by page-tree walks in this process (each walk adds the page count),
    /// for the tests that pin the cost of page lookups to one visit per page.
    static unsigned long long pages_visited();
    /// Of those, the ones PoDoFo parsed: a kid whose bytes say plainly that it is a /Page is
    /// numbered without being parsed (object_skim), which costs a few thousand instructions
    /// instead of PoDoFo's ~200,000.
    static unsigned long long pages_parsed();

    class FileWindow;

private:
    void load();

    PoDoFo::PdfMemDocument& doc_;
    std::string path_;
    std::optional<std::vector<PoDoFo::PdfObject*>> pages_;
    std::unordered_map<unsigned long long, int> numbers_; // object number << 16 | generation -> page
};

} // namespace kyso::pdf
