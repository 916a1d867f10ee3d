#include "uno/loader/missing_libraries.hpp"

#include <dlfcn.h>

#include <fstream>
#include <sstream>

namespace kyso::loader {
namespace {

std::string joined(const std::vector<Requirement>& items, std::string Requirement::*field, const char* separator) {
    std::string out;
    for (const Requirement& item : items) {
        if ((item.*field).empty())
            continue;
        if (!out.empty())
            out += separator;
        out += item.*field;
    }
    return out;
}

} // namespace

std::vector<Requirement> read_requirements(const std::string& path) {
    std::vector<Requirement> out;
    std::ifstream in(path);
    std::string line;
    while (std::getline(in, line)) {
        std::istringstream fields(line);
        Requirement r;
        if (fields >> r.soname) {
            fields >> r.package;
            out.push_back(r);
        }
    }
    return out;
}

std::vector<Requirement> unavailable(const std::vector<Requirement>& requirements) {
    std::vector<Requirement> out;
    for (const Requirement& r : requirements) {
        // RTLD_LAZY: only whether the file and its own dependencies are there, not its symbols.
        void* handle = dlopen(r.soname.c_str(), RTLD_LAZY | RTLD_LOCAL);
        if (handle)
            dlclose(handle);
        else
            out.push_back(r);
    }
    return out;
}

Explanation explain(const std::vector<Requirement>& missing, const std::string& load_error,
                    const std::string& version) {
    const std::string deb = "sudo apt install ./kyso_" + version + "_amd64.deb";
    const std::string packages = joined(missing, &Requirement::package, " ");
    Explanation e;
    if (missing.empty()) {
        e.vi = "kyso chưa chạy được: không nạp được thư viện libkyso_uno.so (" + load_error +
               ").\nHãy cài lại gói kyso:\n    " + deb + "\nrồi khởi động lại LibreOffice.";
        e.en = "kyso cannot run: its library libkyso_uno.so could not be loaded (" + load_error +
               ").\nReinstall the kyso package:\n    " + deb + "\nthen restart LibreOffice.";
        return e;
    }
    const std::string libraries = joined(missing, &Requirement::soname, ", ");
    e.vi = "kyso chưa chạy được: máy này thiếu thư viện mà kyso cần: " + libraries +
           ".\nCách khắc phục: cài gói kyso (mang theo phần mở rộng và mọi thư viện cần thiết; sau đó gỡ "
           "kyso.oxt trong Công cụ ▸ Trình quản lý phần mở rộng):\n    " + deb;
    e.en = "kyso cannot run: this computer lacks libraries kyso needs: " + libraries +
           ".\nTo fix it, install the kyso package (it brings the extension and every library it needs; "
           "then remove kyso.oxt in Tools ▸ Extension Manager):\n    " + deb;
    if (!packages.empty()) {
        e.vi += "\nhoặc chỉ cài các gói còn thiếu:\n    sudo apt install " + packages;
        e.en += "\nor install only the missing packages:\n    sudo apt install " + packages;
    }
    e.vi += "\nrồi khởi động lại LibreOffice.";
    e.en += "\nthen restart LibreOffice.";
    return e;
}

} // namespace kyso::loader
