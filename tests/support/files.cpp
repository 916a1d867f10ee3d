#include "support/files.hpp"

#include <openssl/evp.h>
#include <png.h>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace kyso::test {

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw std::runtime_error("cannot read " + path);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

void write_file(const std::string& path, const std::string& bytes) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out)
        throw std::runtime_error("cannot write " + path);
}

std::string sha256_file(const std::string& path) {
    std::string bytes = read_file(path);
    unsigned char digest[32];
    unsigned int len = 0;
    EVP_Digest(bytes.data(), bytes.size(), digest, &len, EVP_sha256(), nullptr);
    static const char hex[] = "0123456789abcdef";
    std::string text;
    for (unsigned char b : digest) {
        text += hex[b >> 4];
        text += hex[b & 15];
    }
    return text;
}

void flip_byte(const std::string& path, size_t offset) {
    std::string bytes = read_file(path);
    bytes.at(offset) = static_cast<char>(~static_cast<unsigned char>(bytes[offset]));
    write_file(path, bytes);
}

void write_png(const std::string& path, unsigned width, unsigned height, const std::vector<unsigned char>& rgba,
               double dpi) {
    std::FILE* file = std::fopen(path.c_str(), "wb");
    if (!file)
        throw std::runtime_error("cannot write " + path);
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, nullptr, nullptr, nullptr);
    png_infop info = png_create_info_struct(png);
    if (setjmp(png_jmpbuf(png))) {
        png_destroy_write_struct(&png, &info);
        std::fclose(file);
        throw std::runtime_error("libpng failed writing " + path);
    }
    png_init_io(png, file);
    png_set_IHDR(png, info, width, height, 8, PNG_COLOR_TYPE_RGBA, PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT,
                 PNG_FILTER_TYPE_DEFAULT);
    if (dpi > 0) {
        auto per_metre = static_cast<png_uint_32>(std::lround(dpi / 0.0254));
        png_set_pHYs(png, info, per_metre, per_metre, PNG_RESOLUTION_METER);
    }
    png_write_info(png, info);
    for (unsigned y = 0; y < height; ++y)
        png_write_row(png, rgba.data() + static_cast<size_t>(y) * width * 4);
    png_write_end(png, nullptr);
    png_destroy_write_struct(&png, &info);
    std::fclose(file);
}

std::vector<unsigned char> blue_signature_pixels(unsigned width, unsigned height) {
    std::vector<unsigned char> rgba(static_cast<size_t>(width) * height * 4, 0);
    // A sine-like stroke, a few pixels thick, in ink blue.
    for (unsigned x = 0; x < width; ++x) {
        double t = static_cast<double>(x) / width;
        double cy = height * (0.5 + 0.35 * std::sin(t * 12.0));
        for (int dy = -3; dy <= 3; ++dy) {
            int y = static_cast<int>(cy) + dy;
            if (y < 0 || y >= static_cast<int>(height))
                continue;
            unsigned char* p = &rgba[(static_cast<size_t>(y) * width + x) * 4];
            p[0] = 20, p[1] = 40, p[2] = 200, p[3] = 255;
        }
    }
    return rgba;
}

std::vector<unsigned char> red_seal_pixels(unsigned side) {
    std::vector<unsigned char> rgba(static_cast<size_t>(side) * side * 4, 0);
    double c = side / 2.0;
    for (unsigned y = 0; y < side; ++y)
        for (unsigned x = 0; x < side; ++x) {
            double r = std::hypot(x + 0.5 - c, y + 0.5 - c) / c;
            bool ink = (r > 0.92 && r < 0.99) || (r > 0.70 && r < 0.73) || (r < 0.12);
            if (ink) {
                unsigned char* p = &rgba[(static_cast<size_t>(y) * side + x) * 4];
                p[0] = 220, p[1] = 20, p[2] = 20, p[3] = 230;
            }
        }
    return rgba;
}

size_t count_occurrences(const std::string& bytes, const std::string& what) {
    size_t n = 0;
    for (size_t at = bytes.find(what); at != std::string::npos; at = bytes.find(what, at + 1))
        ++n;
    return n;
}

} // namespace kyso::test
