#include "core/pdftext/poppler_document.hpp"

#include "core/error.hpp"

#include <poppler-global.h>

#include <filesystem>
#include <fstream>
#include <mutex>

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

} // namespace

std::unique_ptr<poppler::document> open_poppler_document(const std::string& pdf_path) {
    quiet_poppler();
    std::error_code ec;
    if (!std::filesystem::is_regular_file(pdf_path, ec) || !std::ifstream(pdf_path, std::ios::binary))
        throw Error(ErrorCode::InputUnreadable, "Không đọc được tệp \"" + pdf_path + "\".",
                    "Cannot read the file \"" + pdf_path + "\".", ec ? ec.message() : std::string());
    last_poppler_message.clear();
    std::unique_ptr<poppler::document> doc(poppler::document::load_from_file(pdf_path));
    if (!doc)
        throw Error(ErrorCode::InputNotPdf, "Tệp \"" + pdf_path + "\" không phải là PDF đọc được.",
                    "The file \"" + pdf_path + "\" is not a readable PDF.", "poppler: " + last_poppler_message);
    if (doc->is_locked() || doc->is_encrypted())
        throw Error(ErrorCode::InputNotPdf, "Tệp PDF \"" + pdf_path + "\" được mã hóa; hãy dùng bản không mã hóa.",
                    "The PDF \"" + pdf_path + "\" is encrypted; use an unencrypted copy.", "poppler: encrypted");
    return doc;
}

std::unique_ptr<poppler::page> open_poppler_page(poppler::document& doc, int index, const std::string& pdf_path) {
    std::unique_ptr<poppler::page> page(doc.create_page(index));
    if (!page)
        throw Error(ErrorCode::InputNotPdf, "Không đọc được trang " + std::to_string(index + 1) + " của \"" + pdf_path + "\".",
                    "Cannot read page " + std::to_string(index + 1) + " of \"" + pdf_path + "\".",
                    "poppler: " + last_poppler_message);
    return page;
}

int rotation_of(const poppler::page& page) {
    switch (page.orientation()) {
    case poppler::page::landscape: return 90;
    case poppler::page::upside_down: return 180;
    case poppler::page::seascape: return 270;
    default: return 0;
    }
}

PageRect crop_box_of(const poppler::page& page) {
    poppler::rectf crop = page.page_rect(poppler::crop_box);
    return {crop.x(), crop.y(), crop.width(), crop.height()};
}

} // namespace kyso::detail
