// The reading frame of a page: how a page looks when shown (its /Rotate applied), with the
// origin at the top-left corner and y growing downwards, as poppler reports text. Converts
// rectangles between that frame and PDF user space (origin bottom-left, unrotated), following
// poppler's GfxState device matrix for an upside-down device.
#pragma once

#include "core/geometry.hpp"

#include <algorithm>
#include <cmath>

namespace kyso {

/// A rectangle in the reading frame: x0 < x1 left to right, y0 < y1 top to bottom.
struct FrameBox {
    double x0 = 0, y0 = 0, x1 = 0, y1 = 0;

    double width() const { return x1 - x0; }
    double height() const { return y1 - y0; }
    double centre_x() const { return (x0 + x1) / 2; }
    double centre_y() const { return (y0 + y1) / 2; }
};

/// The smallest box holding both.
inline FrameBox unite(const FrameBox& a, const FrameBox& b) {
    return {std::min(a.x0, b.x0), std::min(a.y0, b.y0), std::max(a.x1, b.x1), std::max(a.y1, b.y1)};
}

/// Converts between a page's reading frame and its user space.
class PageFrame {
public:
    /// `crop`: the crop box in user space; `rotation`: /Rotate (0, 90, 180, 270).
    PageFrame(const PageRect& crop, int rotation)
        : x1_(crop.x), y1_(crop.y), x2_(crop.right()), y2_(crop.top()), rotation_(((rotation % 360) + 360) % 360) {}

    /// The page as shown: width and height after rotation.
    double shown_width() const { return quarter_turned() ? y2_ - y1_ : x2_ - x1_; }
    double shown_height() const { return quarter_turned() ? x2_ - x1_ : y2_ - y1_; }

    /// A reading-frame box in user space.
    PageRect to_user(const FrameBox& b) const {
        auto [ax, ay] = point_to_user(b.x0, b.y0);
        auto [bx, by] = point_to_user(b.x1, b.y1);
        return {std::min(ax, bx), std::min(ay, by), std::abs(bx - ax), std::abs(by - ay)};
    }

    /// A user-space rectangle in the reading frame.
    FrameBox to_frame(const PageRect& r) const {
        auto [ax, ay] = point_to_frame(r.x, r.y);
        auto [bx, by] = point_to_frame(r.right(), r.top());
        return {std::min(ax, bx), std::min(ay, by), std::max(ax, bx), std::max(ay, by)};
    }

private:
    struct Point {
        double x, y;
    };
    bool quarter_turned() const { return rotation_ == 90 || rotation_ == 270; }

    // Inverse of poppler's device matrix (72 dpi, upside down) for each rotation.
    Point point_to_user(double xd, double yd) const {
        switch (rotation_) {
        case 90: return {x1_ + yd, y1_ + xd};
        case 180: return {x2_ - xd, y1_ + yd};
        case 270: return {x2_ - yd, y2_ - xd};
        default: return {x1_ + xd, y2_ - yd};
        }
    }
    Point point_to_frame(double x, double y) const {
        switch (rotation_) {
        case 90: return {y - y1_, x - x1_};
        case 180: return {x2_ - x, y - y1_};
        case 270: return {y2_ - y, x2_ - x};
        default: return {x - x1_, y2_ - y};
        }
    }

    double x1_, y1_, x2_, y2_;
    int rotation_;
};

} // namespace kyso
