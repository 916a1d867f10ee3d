// Issue 11.4: the PIN lives in one fixed buffer that moves by pointer and is cleansed in full;
// --pin-env's variable is cleansed and removed once read.
#include "cli/pin_prompt.hpp"
#include "core/error.hpp"
#include "core/token/secret.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <cstring>
#include <string>

namespace kyso {
namespace {

TEST(Secret, MovesByPointerSoNoCopyOfTheBytesIsLeftBehind) {
    Secret first("123456"); // short: a std::string would keep it in its own inline buffer
    const char* bytes = first.c_str();
    Secret second(std::move(first));
    EXPECT_EQ(second.c_str(), bytes);
    EXPECT_STREQ(second.c_str(), "123456");
    EXPECT_TRUE(first.empty());
    EXPECT_STREQ(first.c_str(), "");
    Secret third;
    third = std::move(second);
    EXPECT_EQ(third.c_str(), bytes);
    EXPECT_TRUE(second.empty());
}

TEST(Secret, GrowsInPlaceUpToItsCapacity) {
    Secret pin;
    ASSERT_TRUE(pin.push_back('x'));
    const char* bytes = pin.c_str();
    for (size_t i = 1; i < Secret::kMaxLength; ++i)
        ASSERT_TRUE(pin.push_back(static_cast<char>('a' + i % 26)));
    EXPECT_EQ(pin.c_str(), bytes) << "never reallocated, so no stray heap copy";
    EXPECT_EQ(pin.size(), Secret::kMaxLength);
    EXPECT_EQ(std::strlen(pin.c_str()), Secret::kMaxLength);
    EXPECT_FALSE(pin.push_back('!'));
    EXPECT_EQ(pin.size(), Secret::kMaxLength);
}

TEST(Secret, TooLongIsRefusedWithAMessage) {
    try {
        Secret pin(std::string(Secret::kMaxLength + 1, '1'));
        FAIL() << "a PIN longer than the buffer was accepted";
    } catch (const Error& error) {
        EXPECT_EQ(error.code(), ErrorCode::BadArguments);
        EXPECT_NE(error.english().find("too long"), std::string::npos);
    }
}

TEST(Secret, WipeEmptiesAndCanBeRepeated) {
    Secret pin("0000");
    pin.wipe();
    EXPECT_TRUE(pin.empty());
    EXPECT_STREQ(pin.c_str(), "");
    pin.wipe();
    EXPECT_TRUE(pin.push_back('7'));
    EXPECT_STREQ(pin.c_str(), "7");
}

TEST(ReadPin, EnvironmentVariableIsCleansedAndRemovedOnceRead) {
    ASSERT_EQ(::setenv("KYSO_SECRET_TEST_PIN", "24681357", 1), 0);
    // glibc's unsetenv drops the pointer but never frees the "NAME=value" string, so the
    // bytes can still be looked at after the read.
    const char* value = std::getenv("KYSO_SECRET_TEST_PIN");
    ASSERT_NE(value, nullptr);
    Secret pin = cli::read_pin("KYSO_SECRET_TEST_PIN", "");
    EXPECT_STREQ(pin.c_str(), "24681357");
    EXPECT_EQ(std::getenv("KYSO_SECRET_TEST_PIN"), nullptr);
    for (size_t i = 0; i < 8; ++i)
        EXPECT_EQ(value[i], '\0') << "byte " << i << " of the variable still holds the PIN";
}

TEST(ReadPin, TooLongEnvironmentValueIsRefusedAndStillCleansed) {
    std::string long_pin(Secret::kMaxLength + 10, '9');
    ASSERT_EQ(::setenv("KYSO_SECRET_TEST_PIN", long_pin.c_str(), 1), 0);
    const char* value = std::getenv("KYSO_SECRET_TEST_PIN");
    EXPECT_THROW(cli::read_pin("KYSO_SECRET_TEST_PIN", ""), Error);
    EXPECT_EQ(std::getenv("KYSO_SECRET_TEST_PIN"), nullptr);
    EXPECT_EQ(value[0], '\0');
}

} // namespace
} // namespace kyso
