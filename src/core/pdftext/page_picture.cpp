#include "core/pdftext/page_picture.hpp"

#include "core/error.hpp"
#include "core/pdftext/page_frame.hpp"
#include "core/pdftext/poppler_document.hpp"

#include <poppler-image.h>
#include <poppler-page-renderer.h>

#include <cmath>
#include <memory>

namespace kyso {
namespace {

std::unique_ptr<poppler::page> page_of(poppler::document& doc, int page_number, const std::string& pdf_path) {
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
    std::unique_ptr<poppler::document> doc = detail::open_poppler_document(pdf_path);
    std::unique_ptr<poppler::page> page = page_of(*doc, page_number, pdf_path);
    poppler::page_renderer renderer;
    renderer.set_image_format(poppler::image::format_rgb24);
    renderer.set_paper_color(0xffffffff);
    renderer.set_render_hint(poppler::page_renderer::antialiasing, true);
    renderer.set_render_hint(poppler::page_renderer::text_antialiasing, true);
    poppler::image image = renderer.render_page(page.get(), dpi, dpi);
    if (!image.is_valid())
        throw Error(ErrorCode::InputNotPdf,
                    "Không hiển thị được trang " + std::to_string(page_number) + " của \"" + pdf_path + "\".",
                    "Page " + std::to_string(page_number) + " of \"" + pdf_path + "\" cannot be rendered.");
    if (!image.save(png_path, "png"))
        throw Error(ErrorCode::OutputProblem, "Không ghi được ảnh xem trước \"" + png_path + "\".",
                    "Cannot write the preview image \"" + png_path + "\".");
    return {page_number, image.width(), image.height(), dpi};
}

PixelBox pixels_of(const std::string& pdf_path, int page_number, double dpi, const PageRect& area) {
    std::unique_ptr<poppler::document> doc = detail::open_poppler_document(pdf_path);
    std::unique_ptr<poppler::page> page = page_of(*doc, page_number, pdf_path);
    PageFrame frame(detail::crop_box_of(*page), detail::rotation_of(*page));
    FrameBox box = frame.to_frame(area);
    double scale = dpi / 72.0;
    return {static_cast<int>(std::floor(box.x0 * scale)), static_cast<int>(std::floor(box.y0 * scale)),
            static_cast<int>(std::ceil(box.x1 * scale)), static_cast<int>(std::ceil(box.y1 * scale))};
}

} // namespace kyso
