#include "core/pdftext/poppler_document.hpp"

#include "core/error.hpp"

#include <dlfcn.h>

#include <filesystem>
#include <fstream>
#include <mutex>
#include <system_error>

// Defined where poppler_backend.cpp is linked in (the extension, the tests); absent from the
// command-line tool, which opens the module instead.
extern "C" __attribute__((weak)) kyso::detail::PopplerApi* kyso_poppler_api();

namespace kyso::detail {
namespace {

constexpr const char* kModule = "kyso-poppler.so";

// The module beside the program (a build tree), else in ../lib/kyso/ from it (an installed
// kyso: /usr/bin/kyso, /usr/lib/kyso/kyso-poppler.so).
PopplerApi* open_module(std::string& why) {
    std::error_code ec;
    std::filesystem::path program = std::filesystem::read_symlink("/proc/self/exe", ec);
    if (ec) {
        why = "/proc/self/exe: " + ec.message();
        return nullptr;
    }
    std::filesystem::path folder = program.parent_path();
    for (const std::filesystem::path& candidate : {folder / kModule, folder.parent_path() / "lib" / "kyso" / kModule}) {
        if (!std::filesystem::exists(candidate, ec)) {
            why += (why.empty() ? "" : "; ") + candidate.string() + ": not found";
            continue;
        }
        void* module = ::dlopen(candidate.c_str(), RTLD_NOW | RTLD_LOCAL);
        if (!module) {
            const char* error = ::dlerror();
            why += (why.empty() ? "" : "; ") + std::string(error ? error : candidate.string());
            continue;
        }
        using Entry = PopplerApi* (*)();
        if (auto entry = reinterpret_cast<Entry>(::dlsym(module, "kyso_poppler_api")))
            return entry(); // the module stays loaded for the life of the process
        why += (why.empty() ? "" : "; ") + candidate.string() + ": no kyso_poppler_api";
    }
    return nullptr;
}

} // namespace

PopplerApi& poppler() {
    static std::once_flag once;
    static PopplerApi* api = nullptr;
    static std::string why;
    std::call_once(once, [] { api = kyso_poppler_api ? kyso_poppler_api() : open_module(why); });
    if (!api)
        throw Error(ErrorCode::Internal,
                    "Thiếu thành phần đọc trang PDF của kyso (" + std::string(kModule) + "). Hãy cài lại gói kyso.",
                    "kyso's PDF page reader (" + std::string(kModule) + ") is missing. Reinstall the kyso package.",
                    why);
    return *api;
}

std::unique_ptr<PopplerDocument> open_poppler_document(const std::string& pdf_path) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(pdf_path, ec) || !std::ifstream(pdf_path, std::ios::binary))
        throw Error(ErrorCode::InputUnreadable, "Không đọc được tệp \"" + pdf_path + "\".",
                    "Cannot read the file \"" + pdf_path + "\".", ec ? ec.message() : std::string());
    std::string message;
    std::unique_ptr<PopplerDocument> doc = poppler().open(pdf_path, message);
    if (!doc)
        throw Error(ErrorCode::InputNotPdf, "Tệp \"" + pdf_path + "\" không phải là PDF đọc được.",
                    "The file \"" + pdf_path + "\" is not a readable PDF.", "poppler: " + message);
    if (doc->encrypted())
        throw Error(ErrorCode::InputNotPdf, "Tệp PDF \"" + pdf_path + "\" được mã hóa; hãy dùng bản không mã hóa.",
                    "The PDF \"" + pdf_path + "\" is encrypted; use an unencrypted copy.", "poppler: encrypted");
    return doc;
}

std::unique_ptr<PopplerPage> open_poppler_page(PopplerDocument& doc, int index, const std::string& pdf_path) {
    std::string message;
    std::unique_ptr<PopplerPage> page = doc.page(index, message);
    if (!page)
        throw Error(ErrorCode::InputNotPdf, "Không đọc được trang " + std::to_string(index + 1) + " của \"" + pdf_path + "\".",
                    "Cannot read page " + std::to_string(index + 1) + " of \"" + pdf_path + "\".",
                    "poppler: " + message);
    return page;
}

} // namespace kyso::detail
