// Hand-written PDFs for the bad-input catalogue and the fault tests: a few objects, a classic
// cross-reference table with exact offsets, and whatever damage a case needs on top.
#pragma once

#include <string>
#include <vector>

namespace kyso::test {

/// A PDF assembled from object bodies; object N is bodies[N-1].
class PdfMaker {
public:
    /// A one-page A4 document: 1 Catalog, 2 Pages, 3 Page, 4 content stream.
    static PdfMaker one_page();

    /// Adds an object and returns its number.
    int add(std::string body);
    /// Replaces the body of object `number`.
    void set(int number, std::string body) { bodies_.at(number - 1) = std::move(body); }
    /// Extra trailer entries ("/Foo 1 0 R").
    void trailer_extra(std::string extra) { trailer_extra_ = std::move(extra); }

    /// The file: header, objects, xref table, trailer (/Size, /Root 1 0 R), startxref, %%EOF.
    std::string build() const;

private:
    std::vector<std::string> bodies_;
    std::string trailer_extra_;
};

/// A stream object body with a correct /Length.
std::string stream_body(const std::string& data, const std::string& extra_dict = {});

/// `pdf` with an unsigned incremental update appended that adds `body` as a new object
/// (number = the old /Size) referenced from nowhere; for growing a real file to any size.
std::string append_object_update(const std::string& pdf, const std::string& body);

/// PdfMaker::one_page() followed by `updates` such updates (each adding an empty dictionary):
/// a sound file of 1 + `updates` revisions.
std::string one_page_with_updates(int updates);

} // namespace kyso::test
