#include "core/pdftext/page_text.hpp"

#include "core/error.hpp"
#include "core/pdftext/page_frame.hpp"
#include "core/pdftext/poppler_document.hpp"
#include "core/pdftext/text_assembly.hpp"
#include "core/pdftext/vi_text.hpp"

#include <memory>

namespace kyso {
namespace {

struct ShownWord {
    detail::RawText raw; ///< boxes in the shown page's frame
    int direction = 0;   ///< the word's direction in user space: 0, 90, 180 or 270
};

// poppler's words, in the frame of the page as shown (its /Rotate applied).
std::vector<ShownWord> shown_words(const detail::PopplerPage& page, int page_rotation) {
    std::vector<ShownWord> words;
    for (detail::PopplerWord& box : page.words()) {
        ShownWord word;
        detail::RawText& raw = word.raw;
        raw.text = vi::decode_utf8(box.text);
        if (raw.text.empty())
            continue;
        raw.box = box.box;
        raw.font_size = box.font_size;
        raw.space_after = box.space_after;
        // A box for every character, or none: past poppler's glyph count the boxes are empty.
        if (box.glyphs.size() >= raw.text.size()) {
            box.glyphs.resize(raw.text.size());
            raw.glyphs = std::move(box.glyphs);
        }
        word.direction = ((box.quarter_turns * 90 - page_rotation) % 360 + 360) % 360;
        words.push_back(std::move(word));
    }
    return words;
}

// The direction most words share (by characters); 0 on a tie or an empty page.
int dominant_direction(const std::vector<ShownWord>& words) {
    size_t count[4] = {0, 0, 0, 0};
    for (const ShownWord& w : words)
        count[w.direction / 90] += w.raw.text.size();
    int best = 0;
    for (int d = 1; d < 4; ++d)
        if (count[d] > count[best])
            best = d;
    return best * 90;
}

FrameBox reframe(const FrameBox& box, const PageFrame& from, const PageFrame& to) {
    return to.to_frame(from.to_user(box));
}

// The words reading in `direction`, moved into the frame where they are upright.
std::vector<detail::RawText> upright_words(std::vector<ShownWord> words, int direction, const PageFrame& shown,
                                           const PageFrame& reading) {
    std::vector<detail::RawText> raws;
    for (ShownWord& word : words) {
        if (word.direction != direction)
            continue;
        detail::RawText raw = std::move(word.raw);
        raw.box = reframe(raw.box, shown, reading);
        for (FrameBox& glyph : raw.glyphs)
            glyph = reframe(glyph, shown, reading);
        if (raw.font_size <= 0)
            raw.font_size = raw.box.height();
        raws.push_back(std::move(raw));
    }
    return raws;
}

} // namespace

std::string TextLine::text() const {
    std::string out;
    for (const TextWord& word : words) {
        if (!out.empty())
            out += ' ';
        out += word.text;
    }
    return out;
}

struct PdfPageText::Document {
    std::unique_ptr<detail::PopplerDocument> doc;
};

PdfPageText::PdfPageText(const std::string& pdf_path)
    : doc_(std::make_unique<Document>(Document{detail::open_poppler_document(pdf_path)})), path_(pdf_path) {}

PdfPageText::~PdfPageText() = default;

int PdfPageText::page_count() const { return doc_->doc->pages(); }

PageText PdfPageText::read(int number) {
    std::unique_ptr<detail::PopplerPage> page = detail::open_poppler_page(*doc_->doc, number - 1, path_);
    ++pages_read_;
    PageText text;
    text.page = number;
    text.crop_box = page->crop_box();
    text.width = text.crop_box.width;
    text.height = text.crop_box.height;
    text.rotation = page->rotation();
    std::vector<ShownWord> words = shown_words(*page, text.rotation);
    int direction = dominant_direction(words);
    text.reading_rotation = (360 - direction) % 360;
    PageFrame shown(text.crop_box, text.rotation);
    PageFrame frame(text.crop_box, text.reading_rotation);
    for (detail::FrameLine& line : detail::assemble_lines(upright_words(std::move(words), direction, shown, frame))) {
        TextLine out;
        out.box = frame.to_user(line.box);
        for (detail::FrameWord& word : line.words)
            out.words.push_back({std::move(word.text), frame.to_user(word.box), word.font_size});
        text.lines.push_back(std::move(out));
    }
    return text;
}

std::vector<PageText> extract_text(const std::string& pdf_path) {
    PdfPageText pdf(pdf_path);
    std::vector<PageText> pages;
    for (int number = 1; number <= pdf.page_count(); ++number)
        pages.push_back(pdf.read(number));
    return pages;
}

} // namespace kyso
