#include "core/pdftext/text_assembly.hpp"

#include "core/pdftext/vi_text.hpp"

#include <algorithm>
#include <cmath>

namespace kyso::detail {
namespace {

struct Building {
    std::vector<RawText> parts;
    double right = 0;
};

double vertical_overlap_ratio(const FrameBox& a, const FrameBox& b) {
    double overlap = std::min(a.y1, b.y1) - std::max(a.y0, b.y0);
    double smaller = std::min(a.height(), b.height());
    return smaller > 0 ? overlap / smaller : 0;
}

// 1. Boxes sorted left to right join the line they continue: same baseline (most of the smaller
//    height shared) and a gap below kLineBreakGap; a box may also sit over the line's end (a
//    diacritic drawn on its letter).
std::vector<Building> group_lines(std::vector<RawText> boxes) {
    std::stable_sort(boxes.begin(), boxes.end(),
                     [](const RawText& a, const RawText& b) { return a.box.x0 < b.box.x0; });
    std::vector<Building> lines;
    for (RawText& box : boxes) {
        Building* best = nullptr;
        double best_overlap = 0, best_gap = 0;
        for (Building& line : lines) {
            const RawText& last = line.parts.back();
            double overlap = vertical_overlap_ratio(last.box, box.box);
            if (overlap < 0.5)
                continue;
            double size = std::max({last.font_size, box.font_size, 1.0});
            double gap = box.box.x0 - line.right;
            if (gap > kLineBreakGap * size || gap < -0.6 * size)
                continue;
            if (!best || overlap > best_overlap + 1e-6 ||
                (std::abs(overlap - best_overlap) <= 1e-6 && std::abs(gap) < std::abs(best_gap))) {
                best = &line;
                best_overlap = overlap;
                best_gap = gap;
            }
        }
        if (!best) {
            lines.push_back({});
            best = &lines.back();
            best->right = box.box.x1;
        }
        best->right = std::max(best->right, box.box.x1);
        best->parts.push_back(std::move(box));
    }
    return lines;
}

// 2. Neighbours with no space seen between them and (almost) no gap are one word.
std::vector<RawText> join_words(std::vector<RawText> parts) {
    std::vector<RawText> words;
    for (RawText& part : parts) {
        if (!words.empty()) {
            RawText& prev = words.back();
            double size = std::max({prev.font_size, part.font_size, 1.0});
            double gap = part.box.x0 - prev.box.x1;
            if (!prev.space_after && gap < kWordJoinGap * size) {
                bool glyphs_known = prev.glyphs.size() == prev.text.size() && part.glyphs.size() == part.text.size();
                prev.text += part.text;
                if (glyphs_known)
                    prev.glyphs.insert(prev.glyphs.end(), part.glyphs.begin(), part.glyphs.end());
                else
                    prev.glyphs.clear();
                prev.box = unite(prev.box, part.box);
                prev.space_after = part.space_after;
                continue;
            }
        }
        words.push_back(std::move(part));
    }
    return words;
}

// 3. A run of two or more leader characters (or one '…') becomes a word of its own.
void split_fill_runs(const RawText& word, std::vector<FrameWord>& out) {
    const std::u32string& t = word.text;
    bool glyphs_known = word.glyphs.size() == t.size() && !t.empty();
    auto emit = [&](size_t from, size_t to) { // [from, to)
        if (from >= to)
            return;
        FrameBox box = word.box;
        if (glyphs_known && !(from == 0 && to == t.size())) {
            box.x0 = word.glyphs[from].x0;
            box.x1 = word.glyphs[to - 1].x1;
        }
        out.push_back({vi::encode_utf8(std::u32string_view(t).substr(from, to - from)), box, word.font_size});
    };
    if (!glyphs_known) {
        emit(0, t.size());
        return;
    }
    size_t start = 0;
    for (size_t i = 0; i < t.size();) {
        if (!is_fill_char(t[i])) {
            ++i;
            continue;
        }
        size_t j = i;
        while (j < t.size() && is_fill_char(t[j]))
            ++j;
        bool leader = j - i >= 2 || t[i] == U'\u2026';
        if (leader) {
            emit(start, i);
            emit(i, j);
            start = j;
        }
        i = j;
    }
    emit(start, t.size());
}

} // namespace

bool is_fill_char(char32_t c) { return c == U'.' || c == U'\u2026' || c == U'_'; }

std::vector<FrameLine> assemble_lines(std::vector<RawText> boxes) {
    std::vector<FrameLine> lines;
    for (Building& building : group_lines(std::move(boxes))) {
        FrameLine line;
        for (const RawText& word : join_words(std::move(building.parts)))
            split_fill_runs(word, line.words);
        if (line.words.empty())
            continue;
        line.box = line.words.front().box;
        for (const FrameWord& w : line.words)
            line.box = unite(line.box, w.box);
        lines.push_back(std::move(line));
    }
    // 4. Reading order: rows top to bottom (a line whose centre lies in the row's first line
    //    belongs to that row), left to right within a row.
    std::sort(lines.begin(), lines.end(), [](const FrameLine& a, const FrameLine& b) { return a.box.y0 < b.box.y0; });
    std::vector<FrameLine> ordered;
    for (size_t i = 0; i < lines.size();) {
        size_t j = i + 1;
        while (j < lines.size() && lines[j].box.centre_y() < lines[i].box.y1)
            ++j;
        std::sort(lines.begin() + i, lines.begin() + j,
                  [](const FrameLine& a, const FrameLine& b) { return a.box.x0 < b.box.x0; });
        for (size_t k = i; k < j; ++k)
            ordered.push_back(std::move(lines[k]));
        i = j;
    }
    return ordered;
}

} // namespace kyso::detail
