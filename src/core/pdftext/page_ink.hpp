// What is drawn on a page, as a reader sees it: the page rendered by poppler (text, graphics,
// images and annotations), so that kyso can find free space before it writes there.
#pragma once

#include "core/geometry.hpp"

#include <optional>
#include <string>

namespace kyso {

/// The top (user-space y) of the highest ink inside `area` on page `page` (1-based) of the PDF
/// at `pdf_path`; nullopt when `area` is blank. Near-white pixels (light shading) do not count.
/// Throws kyso::Error as extract_text does.
std::optional<double> highest_ink(const std::string& pdf_path, int page, const PageRect& area);

} // namespace kyso
