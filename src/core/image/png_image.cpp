#include "core/image/png_image.hpp"

#include "core/error.hpp"

#include <png.h>

#include <cstdio>
#include <memory>

namespace kyso {
namespace {

struct FileCloser {
    void operator()(std::FILE* f) const noexcept { std::fclose(f); }
};

struct Metadata {
    std::optional<double> dots_per_mm;
};

Error invalid(const std::string& path, const std::string& vi_why, const std::string& en_why) {
    return Error(ErrorCode::ImageInvalid,
                 "Ảnh \"" + path + "\" không dùng được: " + vi_why + ". Hãy dùng ảnh PNG nền trong suốt.",
                 "Image \"" + path + "\" is unusable: " + en_why + ". Use a PNG with a transparent background.");
}

// libpng's default handlers print to stderr; kyso words the error itself.
[[noreturn]] void silent_error(png_structp png, png_const_charp) { png_longjmp(png, 1); }
void silent_warning(png_structp, png_const_charp) {}

// libpng reports errors by longjmp; nothing with a destructor may live in this frame.
bool read_metadata(std::FILE* file, Metadata& meta) {
    png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, nullptr, silent_error, silent_warning);
    if (!png)
        return false;
    png_infop info = png_create_info_struct(png);
    if (!info || setjmp(png_jmpbuf(png))) {
        png_destroy_read_struct(&png, info ? &info : nullptr, nullptr);
        return false;
    }
    png_init_io(png, file);
    png_read_info(png, info);
    png_uint_32 x_res = 0, y_res = 0;
    int unit = 0;
    if (png_get_pHYs(png, info, &x_res, &y_res, &unit) && unit == PNG_RESOLUTION_METER && x_res > 0)
        meta.dots_per_mm = static_cast<double>(x_res) / 1000.0;
    png_destroy_read_struct(&png, &info, nullptr);
    return true;
}

} // namespace

std::optional<double> PngImage::width_mm() const {
    if (!dots_per_mm)
        return std::nullopt;
    return width / *dots_per_mm;
}

std::optional<double> PngImage::height_mm() const {
    if (!dots_per_mm)
        return std::nullopt;
    return height / *dots_per_mm;
}

PngImage load_png(const std::string& path) {
    std::unique_ptr<std::FILE, FileCloser> file(std::fopen(path.c_str(), "rb"));
    if (!file)
        throw Error(ErrorCode::ImageInvalid, "Không mở được tệp ảnh \"" + path + "\".",
                    "Cannot open image file \"" + path + "\".");
    unsigned char signature[8] = {};
    if (std::fread(signature, 1, 8, file.get()) != 8 || png_sig_cmp(signature, 0, 8) != 0)
        throw invalid(path, "không phải tệp PNG", "not a PNG file");
    std::rewind(file.get());
    Metadata meta;
    if (!read_metadata(file.get(), meta))
        throw invalid(path, "tệp PNG hỏng", "corrupt PNG header");
    std::rewind(file.get());

    // The simplified API handles every colour type, depth and interlacing the same way.
    png_image image{};
    image.version = PNG_IMAGE_VERSION;
    if (!png_image_begin_read_from_stdio(&image, file.get()))
        throw invalid(path, "tệp PNG hỏng", std::string("corrupt PNG (") + image.message + ")");
    image.format = PNG_FORMAT_RGBA;
    constexpr unsigned kMaxSide = 8000; // a 8000x8000 RGBA image is 256 MB: far beyond any seal
    if (image.width == 0 || image.height == 0 || image.width > kMaxSide || image.height > kMaxSide) {
        png_image_free(&image);
        std::string size = std::to_string(image.width) + "x" + std::to_string(image.height);
        throw invalid(path, "kích thước ảnh không hợp lệ (" + size + ")", "image size out of range (" + size + ")");
    }
    std::vector<unsigned char> rgba(PNG_IMAGE_SIZE(image));
    if (!png_image_finish_read(&image, nullptr, rgba.data(), 0, nullptr))
        throw invalid(path, "không giải mã được", std::string("cannot decode (") + image.message + ")");

    PngImage out;
    out.width = image.width;
    out.height = image.height;
    out.has_transparency = false; // set below: an alpha channel that is opaque everywhere does not count
    out.dots_per_mm = meta.dots_per_mm;
    size_t pixels = static_cast<size_t>(out.width) * out.height;
    out.rgb.resize(pixels * 3);
    out.alpha.resize(pixels);
    for (size_t i = 0; i < pixels; ++i) {
        out.rgb[i * 3] = rgba[i * 4];
        out.rgb[i * 3 + 1] = rgba[i * 4 + 1];
        out.rgb[i * 3 + 2] = rgba[i * 4 + 2];
        out.alpha[i] = rgba[i * 4 + 3];
        out.has_transparency = out.has_transparency || out.alpha[i] < 255;
    }
    return out;
}

} // namespace kyso

namespace kyso {

InkColour ink_colour(const PngImage& image) {
    InkColour colour;
    double r = 0, g = 0, b = 0;
    size_t ink = 0;
    for (size_t i = 0; i < image.alpha.size(); ++i) {
        if (image.alpha[i] < 128)
            continue;
        r += image.rgb[i * 3];
        g += image.rgb[i * 3 + 1];
        b += image.rgb[i * 3 + 2];
        ++ink;
    }
    if (ink > 0) {
        colour.red = r / static_cast<double>(ink);
        colour.green = g / static_cast<double>(ink);
        colour.blue = b / static_cast<double>(ink);
        colour.coverage = static_cast<double>(ink) / static_cast<double>(image.alpha.size());
    }
    return colour;
}

} // namespace kyso
