#include "core/pdftext/page_ink.hpp"

#include "core/error.hpp"
#include "core/pdftext/page_frame.hpp"
#include "core/pdftext/poppler_document.hpp"

#include <algorithm>
#include <cmath>

namespace kyso {
namespace {

constexpr double kDpi = 144;            // 0.5 pt per pixel: finer than any gap kyso leaves
constexpr double kPixel = 72.0 / kDpi;  // in points
constexpr int kInkLevel = 200;          // grey level below which a pixel is ink (0 black, 255 white)

} // namespace

std::optional<double> highest_ink(const std::string& pdf_path, int page_number, const PageRect& area) {
    std::unique_ptr<detail::PopplerDocument> doc = detail::open_poppler_document(pdf_path);
    if (page_number < 1 || page_number > doc->pages())
        throw Error(ErrorCode::BadArguments, "Không có trang " + std::to_string(page_number) + ".",
                    "There is no page " + std::to_string(page_number) + ".");
    std::unique_ptr<detail::PopplerPage> page = detail::open_poppler_page(*doc, page_number - 1, pdf_path);
    // poppler renders the page as shown (its /Rotate applied), origin top left: the same frame
    // as the text reader's, scaled to pixels.
    PageFrame frame(page->crop_box(), page->rotation());
    FrameBox box = frame.to_frame(area);
    int x0 = std::max(0, static_cast<int>(std::floor(box.x0 / kPixel)));
    int y0 = std::max(0, static_cast<int>(std::floor(box.y0 / kPixel)));
    int x1 = static_cast<int>(std::ceil(box.x1 / kPixel)), y1 = static_cast<int>(std::ceil(box.y1 / kPixel));
    if (x1 <= x0 || y1 <= y0)
        return std::nullopt;

    std::optional<detail::PopplerImage> image = page->render_gray(kDpi, x0, y0, x1 - x0, y1 - y0);
    if (!image)
        throw Error(ErrorCode::InputNotPdf, "Không hiển thị được trang " + std::to_string(page_number) + ".",
                    "Cannot render page " + std::to_string(page_number) + ".");

    std::optional<double> top;
    const char* data = image->data.data();
    for (int y = 0; y < image->height; ++y) {
        const auto* row = reinterpret_cast<const unsigned char*>(data + static_cast<ptrdiff_t>(y) * image->bytes_per_row);
        for (int x = 0; x < image->width; ++x) {
            if (row[x] >= kInkLevel)
                continue;
            double fx = (x0 + x) * kPixel, fy = (y0 + y) * kPixel;
            PageRect pixel = frame.to_user({fx, fy, fx + kPixel, fy + kPixel});
            if (pixel.y < area.y - 0.01 || pixel.top() > area.top() + kPixel) // the slice's edge pixels
                continue;
            double ink_top = std::min(pixel.top(), area.top());
            top = std::max(top.value_or(ink_top), ink_top);
        }
    }
    return top;
}

} // namespace kyso
