// Measuring what a reader sees: a page rendered by pdftoppm, the boxes of coloured ink on it,
// and the text lines pdftotext places — all in millimetres from the page's top-left corner.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace kyso::test {

/// A box in millimetres, y growing downwards (as on the rendered page).
struct MmBox {
    double left = 0, top = 0, right = 0, bottom = 0;
    double width() const { return right - left; }
    double height() const { return bottom - top; }
    double centre_x() const { return (left + right) / 2; }
};

/// Which ink to look for.
enum class Ink { Blue, Red, Dark };

/// Renders `page` (1-based) and returns the bounding box of pixels of that ink, if any.
std::optional<MmBox> ink_box(const std::string& pdf, int page, Ink ink, const std::optional<MmBox>& within = std::nullopt);

/// The bounding box of pixels of that ink in a page already rendered to `png` at `dpi`.
std::optional<MmBox> png_ink_box(const std::string& png, double dpi, Ink ink,
                                 const std::optional<MmBox>& within = std::nullopt);

/// Text lines of a page as pdftotext -bbox-layout reports them.
struct TextLineBox {
    std::string text;
    MmBox box;
};
std::vector<TextLineBox> text_lines(const std::string& pdf, int page);

/// The last line whose text equals `text` (spaces normalised).
std::optional<MmBox> last_line(const std::vector<TextLineBox>& lines, const std::string& text);

/// PDF points (bottom-left origin) to the millimetre box on a page of `page_height_pt`.
MmBox to_mm(double x, double y, double width, double height, double page_height_pt);

} // namespace kyso::test
