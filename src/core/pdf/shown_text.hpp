// The text a page's content shows, in the order its content stream shows it, read without
// laying the page out: each text operator's codes decoded through its font's /ToUnicode (or a
// standard encoding), including form XObjects and annotation appearances. Good for deciding
// which pages of a long document deserve poppler's full text extraction (which runs the whole
// page through a graphics interpreter, ~2.6 ms a page): a few microseconds per kilobyte of
// content instead. Anything it is not sure it reads as poppler does makes it say so.
#pragma once

#include <memory>
#include <optional>
#include <string>

namespace kyso {

class ShownText {
public:
    /// Loads the PDF at `path`; throws kyso::Error InputUnreadable / InputNotPdf as the other
    /// PoDoFo readers do.
    explicit ShownText(const std::string& path);
    ~ShownText();
    ShownText(const ShownText&) = delete;
    ShownText& operator=(const ShownText&) = delete;

    int page_count();
    /// The text page `number` (1-based) shows, UTF-8, in content-stream order. nullopt when it
    /// cannot be told for sure: a font without a known text mapping (Type3, CID fonts without
    /// ToUnicode, a code its CMap lacks), /ActualText replacements, inline images, a widget whose
    /// appearance poppler would make from its value, an unreadable stream.
    std::optional<std::string> page(int number);

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

} // namespace kyso
