// What kyso uses of poppler-cpp, behind an interface of kyso's own types. poppler and the
// thirty libraries it brings cost about 3 ms at every start of the program (they are bound at
// load), and most commands (sign, verify, token, register) never read a page's text or draw
// one. So the command-line tool opens the module kyso-poppler.so the first time a command
// needs it; the extension and the tests link the same code in (poppler_backend.cpp).
// The backend throws no kyso::Error (the module holds poppler only): its callers
// (poppler_document.cpp) turn a failure into the user's message.
#pragma once

#include "core/geometry.hpp"
#include "core/pdftext/page_frame.hpp"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace kyso::detail {

/// One of poppler's words, in the frame of the page as shown (its /Rotate applied).
struct PopplerWord {
    std::string text; ///< UTF-8
    FrameBox box;
    double font_size = 0; ///< 0 when poppler has no font information for it
    bool space_after = false;
    /// One box per UTF-16 unit of the text, up to (not including) the first empty one: past
    /// poppler's own glyph count the boxes are empty.
    std::vector<FrameBox> glyphs;
    int quarter_turns = 0; ///< poppler's rotation of the word: 0 to 3 quarter turns
};

/// Pixels of a rendered page: `bytes_per_row` bytes per row, top row first.
struct PopplerImage {
    int width = 0, height = 0, bytes_per_row = 0;
    std::vector<char> data;
};

/// A whole page rendered into a PNG file.
struct PopplerPng {
    bool drawn = false; ///< poppler could draw the page
    bool saved = false; ///< and the PNG was written
    int width = 0, height = 0;
};

class PopplerPage {
public:
    virtual ~PopplerPage() = default;
    /// The page's /Rotate: 0, 90, 180 or 270.
    virtual int rotation() const = 0;
    /// The crop box in user space.
    virtual PageRect crop_box() const = 0;
    /// The words, as poppler's text layout reports them (with font information).
    virtual std::vector<PopplerWord> words() const = 0;
    /// Grey levels, one byte a pixel (antialiased), of the pixels (x, y, width, height) of the
    /// page drawn as shown at `dpi`; nullopt when poppler cannot draw it.
    virtual std::optional<PopplerImage> render_gray(double dpi, int x, int y, int width, int height) const = 0;
    /// The whole page as shown, in colour on white at `dpi`, saved as a PNG at `png_path`.
    virtual PopplerPng render_png(double dpi, const std::string& png_path) const = 0;
};

class PopplerDocument {
public:
    virtual ~PopplerDocument() = default;
    virtual int pages() const = 0;
    /// Locked or encrypted: kyso reads only unencrypted PDFs.
    virtual bool encrypted() const = 0;
    /// Page `index` (0-based), or nullptr with poppler's last message in `message`.
    virtual std::unique_ptr<PopplerPage> page(int index, std::string& message) = 0;
};

class PopplerApi {
public:
    virtual ~PopplerApi() = default;
    /// The PDF at `path`, or nullptr with poppler's last message in `message`. poppler's
    /// messages are kept for this, never printed.
    virtual std::unique_ptr<PopplerDocument> open(const std::string& path, std::string& message) = 0;
};

/// poppler: linked in, else the module kyso-poppler.so beside the program (or in
/// ../lib/kyso/ from it), opened once. Throws kyso::Error Internal, naming the module, when it
/// is missing or unusable (a broken installation).
PopplerApi& poppler();

} // namespace kyso::detail
