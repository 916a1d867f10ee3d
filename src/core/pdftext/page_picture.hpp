// A page as the reader will see it: rendered by poppler to a PNG, and where a rectangle of the
// page lies on that picture. The preview shown before the PIN (issue 16.3) is made of these.
#pragma once

#include "core/geometry.hpp"

#include <string>

namespace kyso {

/// A box on a rendered page, in pixels, origin top left.
struct PixelBox {
    int x0 = 0, y0 = 0, x1 = 0, y1 = 0;
};

/// What was rendered.
struct PagePicture {
    int page = 1; ///< 1-based
    int width = 0, height = 0;
    double dpi = 0;
};

/// Renders page `page_number` (1-based) of the PDF at `pdf_path` at `dpi`, white background,
/// into the PNG file `png_path` (written in place: the caller gives a private path). Throws
/// kyso::Error BadArguments for a page that does not exist, InputNotPdf for one poppler cannot
/// render, OutputProblem when the PNG cannot be written.
PagePicture render_page_png(const std::string& pdf_path, int page_number, double dpi, const std::string& png_path);

/// Where `area` (user space of page `page_number`) lies on that page rendered at `dpi`, the
/// page's /Rotate and crop box applied as poppler applies them.
PixelBox pixels_of(const std::string& pdf_path, int page_number, double dpi, const PageRect& area);

} // namespace kyso
