#include "core/pdf/appearance.hpp"

#include "core/error.hpp"

#include <algorithm>

namespace kyso::pdf {

using namespace PoDoFo;

namespace {

// Liberation Serif is metric-compatible with Times New Roman (the Decree 30 font) and has
// every Vietnamese glyph.
constexpr const char* kFontFamily = "Liberation Serif";
constexpr double kLineSpacing = 1.2;

PdfImage* add_image(PdfMemDocument& doc, const PngImage& png) {
    auto* image = new PdfImage(&doc); // the object lives in doc; this wrapper is freed below
    image->SetImageColorSpace(ePdfColorSpace_DeviceRGB);
    PdfMemoryInputStream rgb(reinterpret_cast<const char*>(png.rgb.data()), static_cast<pdf_long>(png.rgb.size()));
    image->SetImageData(png.width, png.height, 8, &rgb);
    bool opaque = std::all_of(png.alpha.begin(), png.alpha.end(), [](unsigned char a) { return a == 255; });
    if (!opaque) {
        PdfImage mask(&doc);
        mask.SetImageColorSpace(ePdfColorSpace_DeviceGray);
        PdfMemoryInputStream alpha(reinterpret_cast<const char*>(png.alpha.data()),
                                   static_cast<pdf_long>(png.alpha.size()));
        mask.SetImageData(png.width, png.height, 8, &alpha);
        image->SetImageSoftmask(&mask);
    }
    return image;
}

// Fits the image inside the box, keeping its aspect ratio, centred.
void draw_image(PdfPainter& painter, PdfMemDocument& doc, const PngImage& png, double x, double y, double w, double h) {
    std::unique_ptr<PdfImage> image(add_image(doc, png));
    double scale = std::min(w / png.width, h / png.height);
    double dw = png.width * scale, dh = png.height * scale;
    painter.DrawImage(x + (w - dw) / 2, y + (h - dh) / 2, image.get(), scale, scale);
}

PdfString pdf_text(const std::string& utf8) { return PdfString(reinterpret_cast<const pdf_utf8*>(utf8.c_str())); }

void draw_lines(PdfPainter& painter, PdfMemDocument& doc, const std::vector<std::string>& lines, double x, double y,
                double w, double h) {
    PdfFont* font = serif_font(doc);
    // The largest size at which every line fits the box, capped at 10 pt (Decree 30's size
    // for such notes).
    double size = std::min(10.0, h / (kLineSpacing * static_cast<double>(lines.size())));
    font->SetFontSize(static_cast<float>(size));
    for (const std::string& line : lines) {
        double width = font->GetFontMetrics()->StringWidth(pdf_text(line));
        if (width > w)
            size = std::min(size, size * w / width);
    }
    font->SetFontSize(static_cast<float>(size));
    painter.SetFont(font);
    double baseline = y + h - size; // first line at the top
    for (const std::string& line : lines) {
        painter.DrawText(x, baseline, pdf_text(line));
        baseline -= size * kLineSpacing;
    }
}

} // namespace

PdfFont* serif_font(PdfMemDocument& doc, bool italic) {
    PdfFont* font = doc.CreateFontSubset(kFontFamily, false, italic, false,
                                         PdfEncodingFactory::GlobalIdentityEncodingInstance());
    if (!font)
        throw Error(ErrorCode::Internal, "Không tìm thấy phông chữ " + std::string(kFontFamily) + ".",
                    "Font not found: " + std::string(kFontFamily) + " (install fonts-liberation).");
    return font;
}

PdfObject* draw_filled_field(PdfMemDocument& doc, double width, double height, const std::string& text,
                             double font_size, bool italic) {
    PdfXObject form(PoDoFo::PdfRect(0, 0, width, height), &doc);
    PdfPainter painter;
    painter.SetPage(&form);
    painter.SetColor(1.0, 1.0, 1.0);
    painter.Rectangle(0, 0, width, height);
    painter.Fill();
    painter.SetColor(0.0, 0.0, 0.0);
    PdfFont* font = serif_font(doc, italic);
    font->SetFontSize(static_cast<float>(font_size));
    painter.SetFont(font);
    double text_width = font->GetFontMetrics()->StringWidth(pdf_text(text));
    // Baseline so that digits (cap height ~0.66 em) sit in the middle of the box.
    double baseline = (height - font_size * 0.66) / 2;
    painter.DrawText((width - text_width) / 2, baseline, pdf_text(text));
    painter.FinishPage();
    return form.GetObject();
}

PdfObject* draw_note(PdfMemDocument& doc, double width, double height, const std::vector<std::string>& lines,
                     double font_size, double line_spacing) {
    PdfXObject form(PoDoFo::PdfRect(0, 0, width, height), &doc);
    PdfPainter painter;
    painter.SetPage(&form);
    painter.SetColor(0.0, 0.0, 0.0);
    PdfFont* font = serif_font(doc);
    font->SetFontSize(static_cast<float>(font_size));
    painter.SetFont(font);
    double baseline = height - font_size;
    for (const std::string& line : lines) {
        double text_width = font->GetFontMetrics()->StringWidth(pdf_text(line));
        painter.DrawText(width - text_width, baseline, pdf_text(line));
        baseline -= font_size * line_spacing;
    }
    painter.FinishPage();
    return form.GetObject();
}

PdfObject* draw_nothing(PdfMemDocument& doc, double width, double height) {
    PdfXObject form(PoDoFo::PdfRect(0, 0, width, height), &doc);
    return form.GetObject();
}

void require_rect_on_page(const PageRect& rect, PdfPage& page, int page_number) {
    PoDoFo::PdfRect box = page.GetMediaBox();
    bool inside = rect.x >= box.GetLeft() - 0.01 && rect.y >= box.GetBottom() - 0.01 &&
                  rect.x + rect.width <= box.GetLeft() + box.GetWidth() + 0.01 &&
                  rect.y + rect.height <= box.GetBottom() + box.GetHeight() + 0.01;
    if (rect.width <= 0 || rect.height <= 0 || !inside)
        throw Error(ErrorCode::BadArguments,
                    "Vị trí chữ ký nằm ngoài trang " + std::to_string(page_number) + " hoặc có kích thước bằng 0.",
                    "The signature rectangle is empty or outside page " + std::to_string(page_number) + " (page is " +
                        std::to_string(box.GetWidth()) + " x " + std::to_string(box.GetHeight()) + " pt).");
}

PdfObject* draw_appearance(PdfMemDocument& doc, const SignatureAppearance& appearance) {
    const PageRect& r = appearance.rect;
    PdfXObject form(PoDoFo::PdfRect(0, 0, r.width, r.height), &doc);
    PdfPainter painter;
    painter.SetPage(&form);
    bool both = appearance.image && !appearance.text_lines.empty();
    // With both, the image takes the left half and the text the right half.
    double image_width = both ? r.width / 2 : r.width;
    if (appearance.image)
        draw_image(painter, doc, *appearance.image, 0, 0, image_width, r.height);
    if (!appearance.text_lines.empty()) {
        double left = both ? image_width : 0;
        draw_lines(painter, doc, appearance.text_lines, left, 0, r.width - left, r.height);
    }
    painter.FinishPage();
    return form.GetObject();
}

} // namespace kyso::pdf
