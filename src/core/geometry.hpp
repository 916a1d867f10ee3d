// Rectangles on a PDF page, shared by layout, pdf and workflow. Points (1/72 inch), origin at
// the page's bottom-left corner, as PDF itself measures.
#pragma once

namespace kyso {

/// Millimetres per PDF point.
constexpr double kMmPerPoint = 25.4 / 72.0;

/// An axis-aligned rectangle in PDF points.
struct PageRect {
    double x = 0, y = 0, width = 0, height = 0;

    double right() const { return x + width; }
    double top() const { return y + height; }
    double centre_x() const { return x + width / 2; }
    double centre_y() const { return y + height / 2; }
};

} // namespace kyso
