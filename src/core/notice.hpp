// Warnings the core raises without stopping (a PIN count getting low, a certificate expiring
// soon). Each shell shows them its own way: the CLI on stderr, the extension in a dialog.
#pragma once

#include <functional>
#include <string>

namespace kyso {

/// One warning, in both languages.
struct Notice {
    std::string vi;
    std::string en;
};

/// Receives warnings; an empty function drops them.
using NoticeSink = std::function<void(const Notice&)>;

} // namespace kyso
