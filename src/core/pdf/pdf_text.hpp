// PDF text strings for values that carry Vietnamese: UTF-16BE with a byte-order mark, written
// as a hex string so no escaping is ever needed.
#pragma once

#include <string>

namespace kyso {

/// "<FEFF...>" for UTF-8 `text`; invalid UTF-8 bytes become U+FFFD.
std::string pdf_hex_text_string(const std::string& text);

/// Decodes a PDF text string's bytes (UTF-16BE with BOM, else PDFDocEncoding ~ Latin-1) to UTF-8.
std::string pdf_text_to_utf8(const std::string& bytes);

} // namespace kyso
