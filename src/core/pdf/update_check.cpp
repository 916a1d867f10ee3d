#include "core/pdf/update_check.hpp"

#include "core/pdf/update_objects.hpp"

#include <fstream>

#include <sys/stat.h>

namespace kyso {

std::string written_update_problem(const std::string& path, size_t base, const std::string& meant) {
    struct stat info {};
    std::ifstream file(path, std::ios::binary);
    if (!file || ::stat(path.c_str(), &info) != 0)
        return "the written file cannot be read back";
    auto size = static_cast<size_t>(info.st_size);
    if (size != base + meant.size())
        return "the written file does not have the size meant: " + std::to_string(size) + " bytes, not " +
               std::to_string(base + meant.size());
    std::string written(meant.size(), '\0');
    file.seekg(static_cast<std::streamoff>(base));
    if (!file.read(written.data(), static_cast<std::streamsize>(written.size())) || written != meant)
        return "the update on disk differs from the bytes written";
    pdf::UpdateObjects update(std::move(written), base);
    if (!update.problem().empty())
        return "the update written does not parse: " + update.problem();
    return "";
}

} // namespace kyso
