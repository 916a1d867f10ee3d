// Decodes a signature or seal PNG into 8-bit RGB plus an alpha plane, whatever its colour
// type, bit depth or interlacing, and reads its physical size (pHYs) so a seal can be drawn
// at its real size. Pure: no PDF, no UNO.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace kyso {

/// A decoded PNG.
struct PngImage {
    unsigned width = 0;
    unsigned height = 0;
    std::vector<unsigned char> rgb;   ///< width*height*3
    std::vector<unsigned char> alpha; ///< width*height; 255 everywhere when the PNG has none
    bool has_transparency = false;    ///< alpha channel or tRNS in the file
    std::optional<double> dots_per_mm; ///< from pHYs when its unit is the metre

    /// Physical width in millimetres, when the PNG says its resolution.
    std::optional<double> width_mm() const;
    /// Physical height in millimetres, when the PNG says its resolution.
    std::optional<double> height_mm() const;
};

/// Reads and decodes `path`; throws ImageInvalid with a clear message otherwise.
PngImage load_png(const std::string& path);

} // namespace kyso
