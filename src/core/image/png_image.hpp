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
    bool has_transparency = false;    ///< some pixel is not fully opaque
    std::optional<double> dots_per_mm; ///< from pHYs when its unit is the metre

    /// Physical width in millimetres, when the PNG says its resolution.
    std::optional<double> width_mm() const;
    /// Physical height in millimetres, when the PNG says its resolution.
    std::optional<double> height_mm() const;
};

/// Reads and decodes `path`; throws ImageInvalid with a clear message otherwise.
PngImage load_png(const std::string& path);

} // namespace kyso

namespace kyso {

/// The average colour of an image's ink (pixels at least half opaque), 0–255 per channel.
struct InkColour {
    double red = 0, green = 0, blue = 0;
    double coverage = 0; ///< share of the pixels that are ink

    /// Blue dominates: the colour Decree 30 asks for a signature image.
    bool bluish() const { return blue > red + 30 && blue > green + 30; }
    /// Red dominates: the colour of a seal.
    bool reddish() const { return red > green + 50 && red > blue + 50; }
};

/// Measures the ink colour of `image`.
InkColour ink_colour(const PngImage& image);

} // namespace kyso
