// Internal to src/core/pdf: the text that a font's character codes stand for, read as poppler
// reads it for text extraction: the font's /ToUnicode CMap first, then what its encoding says
// (a standard base encoding, /Differences glyph names). Only what is certain is decoded; a
// code whose text cannot be told makes the caller fall back to poppler.
#pragma once

#include <podofo/podofo.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace kyso::pdf {

/// A ToUnicode CMap: character code -> the text it stands for (UTF-8).
using ToUnicodeMap = std::unordered_map<uint32_t, std::string>;

/// Parses a ToUnicode CMap (bfchar and bfrange sections); nullopt when it holds something not
/// understood (usecmap, an unreadable token, a range too wide), so that no code is guessed.
std::optional<ToUnicodeMap> parse_to_unicode(std::string_view cmap);

class FontText {
public:
    /// What `font` (a font dictionary of `doc`) says about its codes. Type3 fonts, composite
    /// fonts with an encoding other than Identity-H/V and fonts whose ToUnicode cannot be read
    /// decode nothing.
    static FontText of(PoDoFo::PdfMemDocument& doc, const PoDoFo::PdfObject& font);

    /// Appends the text of the codes in `shown` (a string operand of Tj/TJ/'/") to `out`;
    /// false when a code's text is not known for sure.
    bool append(std::string_view shown, std::string& out) const;

private:
    /// The text of `code` through the tables below; nullptr when not known for sure.
    const std::string* code_text(uint32_t code) const;

    bool usable_ = false;
    int code_bytes_ = 1;            ///< 2 for Identity-H/V composite fonts
    ToUnicodeMap to_unicode_;
    ToUnicodeMap from_encoding_;          ///< codes /Differences gives a glyph name known here
    std::unordered_set<uint32_t> renamed_; ///< every code /Differences names (known or not)
    bool standard_ascii_ = false;         ///< codes 0x20-0x7E not otherwise mapped read as ASCII
    std::vector<std::optional<std::string>> one_byte_; ///< a simple font's 256 codes, read once
};

} // namespace kyso::pdf
