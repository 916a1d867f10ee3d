#include "core/pdf/pdf_text.hpp"

#include <cstdint>
#include <cstdio>
#include <vector>

namespace kyso {
namespace {

std::vector<uint32_t> decode_utf8(const std::string& text) {
    std::vector<uint32_t> points;
    for (size_t i = 0; i < text.size();) {
        unsigned char c = static_cast<unsigned char>(text[i]);
        int extra = c < 0x80 ? 0 : (c >> 5) == 6 ? 1 : (c >> 4) == 14 ? 2 : (c >> 3) == 30 ? 3 : -1;
        if (extra < 0 || i + static_cast<size_t>(extra) >= text.size() + (extra == 0 ? 1 : 0)) {
            points.push_back(0xFFFD);
            ++i;
            continue;
        }
        uint32_t point = extra == 0 ? c : c & (0x3F >> extra);
        bool ok = true;
        for (int k = 1; k <= extra; ++k) {
            unsigned char next = static_cast<unsigned char>(text[i + static_cast<size_t>(k)]);
            if ((next & 0xC0) != 0x80) {
                ok = false;
                break;
            }
            point = (point << 6) | (next & 0x3F);
        }
        points.push_back(ok ? point : 0xFFFD);
        i += ok ? static_cast<size_t>(extra) + 1 : 1;
    }
    return points;
}

void append_utf8(std::string& out, uint32_t point) {
    if (point < 0x80) {
        out += static_cast<char>(point);
    } else if (point < 0x800) {
        out += static_cast<char>(0xC0 | (point >> 6));
        out += static_cast<char>(0x80 | (point & 0x3F));
    } else if (point < 0x10000) {
        out += static_cast<char>(0xE0 | (point >> 12));
        out += static_cast<char>(0x80 | ((point >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (point & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (point >> 18));
        out += static_cast<char>(0x80 | ((point >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((point >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (point & 0x3F));
    }
}

} // namespace

std::string pdf_hex_text_string(const std::string& text) {
    std::string hex = "<FEFF";
    char unit[8];
    for (uint32_t point : decode_utf8(text)) {
        if (point >= 0x10000) {
            uint32_t v = point - 0x10000;
            std::snprintf(unit, sizeof unit, "%04X", 0xD800 + (v >> 10));
            hex += unit;
            std::snprintf(unit, sizeof unit, "%04X", 0xDC00 + (v & 0x3FF));
        } else {
            std::snprintf(unit, sizeof unit, "%04X", point);
        }
        hex += unit;
    }
    return hex + ">";
}

std::string pdf_text_to_utf8(const std::string& bytes) {
    std::string out;
    if (bytes.size() >= 2 && static_cast<unsigned char>(bytes[0]) == 0xFE &&
        static_cast<unsigned char>(bytes[1]) == 0xFF) {
        for (size_t i = 2; i + 1 < bytes.size(); i += 2) {
            uint32_t unit = (static_cast<unsigned char>(bytes[i]) << 8) | static_cast<unsigned char>(bytes[i + 1]);
            if (unit >= 0xD800 && unit < 0xDC00 && i + 3 < bytes.size()) {
                uint32_t low = (static_cast<unsigned char>(bytes[i + 2]) << 8) | static_cast<unsigned char>(bytes[i + 3]);
                unit = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
                i += 2;
            }
            append_utf8(out, unit);
        }
        return out;
    }
    for (unsigned char c : bytes)
        append_utf8(out, c);
    return out;
}

} // namespace kyso
