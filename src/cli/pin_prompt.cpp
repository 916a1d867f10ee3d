#include "cli/pin_prompt.hpp"

#include "core/error.hpp"

#include <fcntl.h>
#include <openssl/crypto.h>
#include <termios.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>

namespace kyso::cli {
namespace {

/// Cleanses the variable's value where it lies, then drops it from the environment, so that
/// child processes and later getenv calls never see the PIN.
void forget_variable(const std::string& name, const char* value) {
    OPENSSL_cleanse(const_cast<char*>(value), std::strlen(value));
    ::unsetenv(name.c_str());
}

} // namespace

Secret read_pin(const std::string& env_var, const std::string& prompt) {
    if (!env_var.empty()) {
        const char* value = std::getenv(env_var.c_str());
        if (!value || !*value)
            throw Error(ErrorCode::BadArguments,
                        "Biến môi trường " + env_var + " (--pin-env) chưa được đặt.",
                        "Environment variable " + env_var + " (--pin-env) is not set.");
        Secret pin;
        bool fits = true;
        for (const char* c = value; *c; ++c)
            fits = pin.push_back(*c) && fits;
        forget_variable(env_var, value);
        if (!fits)
            throw pin_too_long_error();
        return pin;
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
    Secret pin;
    bool fits = true;
    char c = 0;
    while (::read(tty, &c, 1) == 1 && c != '\n' && c != '\r')
        fits = pin.push_back(c) && fits;
    OPENSSL_cleanse(&c, sizeof c);
    if (restore)
        ::tcsetattr(tty, TCSAFLUSH, &saved);
    ::write(tty, "\n", 1);
    ::close(tty);
    if (!fits)
        throw pin_too_long_error();
    return pin;
}

} // namespace kyso::cli
