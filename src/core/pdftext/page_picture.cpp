#include "core/pdftext/page_picture.hpp"

#include "core/error.hpp"
#include "core/pdftext/page_frame.hpp"
#include "core/pdftext/poppler_document.hpp"

#include <cmath>
#include <memory>

namespace kyso {
namespace {

std::unique_ptr<detail::PopplerPage> page_of(detail::PopplerDocument& doc, int page_number, const std::string& pdf_path) {
    if (page_number < 1 || page_number > doc.pages())
        throw Error(ErrorCode::BadArguments,
                    "Không có trang " + std::to_string(page_number) + " trong \"" + pdf_path + "\" (tệp có " +
                        std::to_string(doc.pages()) + " trang).",
                    "There is no page " + std::to_string(page_number) + " in \"" + pdf_path + "\" (it has " +
                        std::to_string(doc.pages()) + " pages).");
    return detail::open_poppler_page(doc, page_number - 1, pdf_path);
}

} // namespace

PagePicture render_page_png(const std::string& pdf_path, int page_number, double dpi, const std::string& png_path) {
    std::unique_ptr<detail::PopplerDocument> doc = detail::open_poppler_document(pdf_path);
    std::unique_ptr<detail::PopplerPage> page = page_of(*doc, page_number, pdf_path);
    detail::PopplerPng png = page->render_png(dpi, png_path);
    if (!png.drawn)
        throw Error(ErrorCode::InputNotPdf,
                    "Không hiển thị được trang " + std::to_string(page_number) + " của \"" + pdf_path + "\".",
                    "Page " + std::to_string(page_number) + " of \"" + pdf_path + "\" cannot be rendered.");
    if (!png.saved)
        throw Error(ErrorCode::OutputProblem, "Không ghi được ảnh xem trước \"" + png_path + "\".",
                    "Cannot write the preview image \"" + png_path + "\".");
    return {page_number, png.width, png.height, dpi};
}

PixelBox pixels_of(const std::string& pdf_path, int page_number, double dpi, const PageRect& area) {
    std::unique_ptr<detail::PopplerDocument> doc = detail::open_poppler_document(pdf_path);
    std::unique_ptr<detail::PopplerPage> page = page_of(*doc, page_number, pdf_path);
    PageFrame frame(page->crop_box(), page->rotation());
    FrameBox box = frame.to_frame(area);
    double scale = dpi / 72.0;
    return {static_cast<int>(std::floor(box.x0 * scale)), static_cast<int>(std::floor(box.y0 * scale)),
            static_cast<int>(std::ceil(box.x1 * scale)), static_cast<int>(std::ceil(box.y1 * scale))};
}

} // namespace kyso
