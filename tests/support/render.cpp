#include "support/render.hpp"

#include "core/image/png_image.hpp"
#include "support/process.hpp"
#include "support/test_env.hpp"

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <regex>

namespace kyso::test {
namespace {

constexpr int kDpi = 200;
constexpr double kMmPerPoint = 25.4 / 72;

bool matches(Ink ink, unsigned char r, unsigned char g, unsigned char b) {
    switch (ink) {
    case Ink::Blue: return b > 120 && b > r + 60 && b > g + 40;
    case Ink::Red: return r > 140 && r > g + 80 && r > b + 80;
    case Ink::Dark: return r < 100 && g < 100 && b < 100;
    }
    return false;
}

std::string unescape(std::string text) {
    const std::pair<const char*, const char*> entities[] = {{"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}};
    for (const auto& [from, to] : entities)
        for (size_t at; (at = text.find(from)) != std::string::npos;)
            text.replace(at, std::string(from).size(), to);
    return text;
}

} // namespace

MmBox to_mm(double x, double y, double width, double height, double page_height_pt) {
    return {x * kMmPerPoint, (page_height_pt - y - height) * kMmPerPoint, (x + width) * kMmPerPoint,
            (page_height_pt - y) * kMmPerPoint};
}

std::optional<MmBox> png_ink_box(const std::string& png, double dpi, Ink ink, const std::optional<MmBox>& within) {
    double mm_per_pixel = 25.4 / dpi;
    PngImage image = load_png(png);
    std::optional<MmBox> box;
    for (unsigned y = 0; y < image.height; ++y)
        for (unsigned x = 0; x < image.width; ++x) {
            size_t i = (static_cast<size_t>(y) * image.width + x) * 3;
            if (!matches(ink, image.rgb[i], image.rgb[i + 1], image.rgb[i + 2]))
                continue;
            double mx = x * mm_per_pixel, my = y * mm_per_pixel;
            if (within && (mx < within->left || mx > within->right || my < within->top || my > within->bottom))
                continue;
            if (!box)
                box = MmBox{mx, my, mx + mm_per_pixel, my + mm_per_pixel};
            box->left = std::min(box->left, mx);
            box->top = std::min(box->top, my);
            box->right = std::max(box->right, mx + mm_per_pixel);
            box->bottom = std::max(box->bottom, my + mm_per_pixel);
        }
    return box;
}

std::optional<MmBox> ink_box(const std::string& pdf, int page, Ink ink, const std::optional<MmBox>& within) {
    std::filesystem::path folder = TestEnv::get().work / "render";
    std::filesystem::create_directories(folder);
    std::string base = (folder / ("page-" + std::to_string(::getpid()))).string();
    std::string n = std::to_string(page);
    run({"pdftoppm", "-r", std::to_string(kDpi), "-png", "-singlefile", "-f", n, "-l", n, pdf, base});
    return png_ink_box(base + ".png", kDpi, ink, within);
}

std::vector<TextLineBox> text_lines(const std::string& pdf, int page) {
    std::string n = std::to_string(page);
    RunResult result = run({"pdftotext", "-bbox-layout", "-f", n, "-l", n, pdf, "-"});
    std::vector<TextLineBox> lines;
    static const std::regex line_re(
        R"re(<line xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([\s\S]*?)</line>)re");
    static const std::regex word_re(R"re(<word [^>]*>([^<]*)</word>)re");
    for (auto it = std::sregex_iterator(result.out.begin(), result.out.end(), line_re); it != std::sregex_iterator(); ++it) {
        TextLineBox line;
        line.box = {std::stod((*it)[1]) * kMmPerPoint, std::stod((*it)[2]) * kMmPerPoint,
                    std::stod((*it)[3]) * kMmPerPoint, std::stod((*it)[4]) * kMmPerPoint};
        std::string words = (*it)[5];
        for (auto w = std::sregex_iterator(words.begin(), words.end(), word_re); w != std::sregex_iterator(); ++w)
            line.text += (line.text.empty() ? "" : " ") + unescape((*w)[1]);
        lines.push_back(line);
    }
    return lines;
}

std::optional<MmBox> last_line(const std::vector<TextLineBox>& lines, const std::string& text) {
    std::optional<MmBox> found;
    for (const TextLineBox& line : lines)
        if (line.text == text)
            found = line.box;
    return found;
}

} // namespace kyso::test
