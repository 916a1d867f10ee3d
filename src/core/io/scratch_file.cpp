#include "core/io/scratch_file.hpp"

#include "core/error.hpp"
#include "core/io/file_names.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace kyso {

ScratchFile::ScratchFile(const std::string& near, const std::string& purpose) {
    std::filesystem::path folder = std::filesystem::path(near).parent_path();
    if (folder.empty())
        folder = ".";
    int err = 0;
    for (int attempt = 0; attempt < 100; ++attempt) {
        std::string part = random_name_part(12);
        if (part.empty()) {
            err = errno;
            break;
        }
        std::filesystem::path candidate = folder / (".kyso-" + purpose + "-" + part + ".pdf");
        int fd = ::open(candidate.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
        if (fd >= 0) {
            ::close(fd);
            path_ = candidate;
            return;
        }
        err = errno;
        if (err != EEXIST)
            break;
    }
    throw Error(ErrorCode::OutputProblem,
                "Không tạo được tệp tạm trong thư mục \"" + folder.string() + "\"; hãy chọn thư mục ghi được.",
                "Cannot create a scratch file in \"" + folder.string() + "\"; choose a writable folder.",
                std::strerror(err));
}

ScratchFile::~ScratchFile() {
    std::error_code ignored;
    std::filesystem::remove(path_, ignored);
}

} // namespace kyso
