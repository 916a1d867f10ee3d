// The kyso error an action throws, for tests that expect a refusal of a given kind.
#pragma once

#include "core/error.hpp"

#include <functional>
#include <string>

namespace kyso::test {

/// The code of the kyso::Error `action` throws (its describe() into `message` when given);
/// ErrorCode::Internal when it throws none, which no test expects.
inline ErrorCode error_code_of(const std::function<void()>& action, std::string* message = nullptr) {
    try {
        action();
    } catch (const Error& error) {
        if (message)
            *message = error.describe();
        return error.code();
    }
    return ErrorCode::Internal;
}

} // namespace kyso::test
