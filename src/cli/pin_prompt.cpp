#include "cli/pin_prompt.hpp"

#include "core/error.hpp"

#include <fcntl.h>
#include <termios.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>

namespace kyso::cli {

Secret read_pin(const std::string& env_var, const std::string& prompt) {
    if (!env_var.empty()) {
        const char* value = std::getenv(env_var.c_str());
        if (!value || !*value)
            throw Error(ErrorCode::BadArguments,
                        "Biến môi trường " + env_var + " (--pin-env) chưa được đặt.",
                        "Environment variable " + env_var + " (--pin-env) is not set.");
        return Secret(value);
    }
    int tty = ::open("/dev/tty", O_RDWR | O_NOCTTY);
    if (tty < 0)
        throw Error(ErrorCode::BadArguments,
                    "Không có màn hình dòng lệnh để nhập PIN; hãy dùng --pin-env TÊN_BIẾN.",
                    "No terminal to ask for the PIN; use --pin-env VARIABLE.");
    ::write(tty, prompt.data(), prompt.size());
    termios saved {};
    bool restore = ::tcgetattr(tty, &saved) == 0;
    if (restore) {
        termios quiet = saved;
        quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        ::tcsetattr(tty, TCSAFLUSH, &quiet);
    }
    std::string pin;
    char c = 0;
    while (::read(tty, &c, 1) == 1 && c != '\n' && c != '\r')
        pin += c;
    if (restore)
        ::tcsetattr(tty, TCSAFLUSH, &saved);
    ::write(tty, "\n", 1);
    ::close(tty);
    Secret secret(std::move(pin)); // the moved-from string is emptied by the move
    c = 0;
    return secret;
}

} // namespace kyso::cli
