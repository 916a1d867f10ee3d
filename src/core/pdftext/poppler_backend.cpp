// poppler-cpp behind poppler_backend.hpp: the only file that includes poppler. It is built into
// the module kyso-poppler.so for the command-line tool, and linked into the extension and the
// tests; it uses nothing of the core, so the module needs only poppler.
#include "core/pdftext/poppler_backend.hpp"

#include <poppler-document.h>
#include <poppler-global.h>
#include <poppler-image.h>
#include <poppler-page-renderer.h>
#include <poppler-page.h>

#include <mutex>

#ifdef KYSO_POPPLER_MODULE
#define KYSO_POPPLER_EXPORT __attribute__((visibility("default")))
#else
#define KYSO_POPPLER_EXPORT
#endif

namespace kyso::detail {
namespace {

// poppler reports syntax errors through one process-wide callback; keep the last message of
// this thread as the technical cause instead of letting it print to stderr.
thread_local std::string last_poppler_message;

void remember_poppler_message(const std::string& message, void*) { last_poppler_message = message; }

void quiet_poppler() {
    static std::once_flag once;
    std::call_once(once, [] { poppler::set_debug_error_function(remember_poppler_message, nullptr); });
}

FrameBox frame_box(const poppler::rectf& r) { return {r.left(), r.top(), r.right(), r.bottom()}; }

std::string utf8(const poppler::ustring& text) {
    poppler::byte_array bytes = text.to_utf8();
    return std::string(bytes.begin(), bytes.end());
}

void set_up(poppler::page_renderer& renderer, poppler::image::format_enum format) {
    renderer.set_image_format(format);
    renderer.set_render_hint(poppler::page_renderer::antialiasing, true);
    renderer.set_render_hint(poppler::page_renderer::text_antialiasing, true);
}

class Page final : public PopplerPage {
public:
    explicit Page(std::unique_ptr<poppler::page> page) : page_(std::move(page)) {}

    int rotation() const override {
        switch (page_->orientation()) {
        case poppler::page::landscape: return 90;
        case poppler::page::upside_down: return 180;
        case poppler::page::seascape: return 270;
        default: return 0;
        }
    }

    PageRect crop_box() const override {
        poppler::rectf crop = page_->page_rect(poppler::crop_box);
        return {crop.x(), crop.y(), crop.width(), crop.height()};
    }

    std::vector<PopplerWord> words() const override {
        std::vector<PopplerWord> words;
        for (const poppler::text_box& box : page_->text_list(poppler::page::text_list_include_font)) {
            PopplerWord word;
            poppler::ustring text = box.text();
            word.text = utf8(text);
            word.box = frame_box(box.bbox());
            word.font_size = box.has_font_info() ? box.get_font_size() : 0;
            word.space_after = box.has_space_after();
            for (size_t i = 0; i < text.size(); ++i) {
                poppler::rectf glyph = box.char_bbox(i);
                if (glyph.width() <= 0 && glyph.height() <= 0)
                    break;
                word.glyphs.push_back(frame_box(glyph));
            }
            word.quarter_turns = box.rotation();
            words.push_back(std::move(word));
        }
        return words;
    }

    std::optional<PopplerImage> render_gray(double dpi, int x, int y, int width, int height) const override {
        poppler::page_renderer renderer;
        set_up(renderer, poppler::image::format_gray8);
        poppler::image image = renderer.render_page(page_.get(), dpi, dpi, x, y, width, height);
        if (!image.is_valid())
            return std::nullopt;
        PopplerImage out{image.width(), image.height(), image.bytes_per_row(), {}};
        const char* data = image.const_data();
        out.data.assign(data, data + static_cast<size_t>(out.bytes_per_row) * static_cast<size_t>(out.height));
        return out;
    }

    PopplerPng render_png(double dpi, const std::string& png_path) const override {
        poppler::page_renderer renderer;
        set_up(renderer, poppler::image::format_rgb24);
        renderer.set_paper_color(0xffffffff);
        poppler::image image = renderer.render_page(page_.get(), dpi, dpi);
        PopplerPng result;
        result.drawn = image.is_valid();
        if (!result.drawn)
            return result;
        result.width = image.width();
        result.height = image.height();
        result.saved = image.save(png_path, "png");
        return result;
    }

private:
    std::unique_ptr<poppler::page> page_;
};

class Document final : public PopplerDocument {
public:
    explicit Document(std::unique_ptr<poppler::document> doc) : doc_(std::move(doc)) {}

    int pages() const override { return doc_->pages(); }
    bool encrypted() const override { return doc_->is_locked() || doc_->is_encrypted(); }

    std::unique_ptr<PopplerPage> page(int index, std::string& message) override {
        last_poppler_message.clear();
        std::unique_ptr<poppler::page> page(doc_->create_page(index));
        if (!page) {
            message = last_poppler_message;
            return nullptr;
        }
        return std::make_unique<Page>(std::move(page));
    }

private:
    std::unique_ptr<poppler::document> doc_;
};

class Api final : public PopplerApi {
public:
    std::unique_ptr<PopplerDocument> open(const std::string& path, std::string& message) override {
        quiet_poppler();
        last_poppler_message.clear();
        std::unique_ptr<poppler::document> doc(poppler::document::load_from_file(path));
        if (!doc) {
            message = last_poppler_message;
            return nullptr;
        }
        return std::make_unique<Document>(std::move(doc));
    }
};

} // namespace
} // namespace kyso::detail

// The backend's one entry point, found by this name (C linkage) with dlsym in the module;
// exported from the module only: linked in, it stays as hidden as the rest of the extension.
extern "C" KYSO_POPPLER_EXPORT kyso::detail::PopplerApi* kyso_poppler_api() {
    static kyso::detail::Api api;
    return &api;
}
