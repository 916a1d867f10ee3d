#include "core/pdf/pdf_text.hpp"

#include <gtest/gtest.h>

namespace kyso {
namespace {

TEST(PdfText, VietnameseRoundTripsThroughUtf16) {
    std::string name = "Nguyễn Thanh Bình — Ủy ban";
    std::string hex = pdf_hex_text_string(name);
    ASSERT_EQ(hex.substr(0, 5), "<FEFF");
    std::string bytes;
    for (size_t i = 1; i + 1 < hex.size(); i += 2)
        bytes += static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16));
    EXPECT_EQ(pdf_text_to_utf8(bytes), name);
}

TEST(PdfText, AstralCharactersUseSurrogatePairs) {
    EXPECT_EQ(pdf_hex_text_string("\xF0\x9F\x98\x80"), "<FEFFD83DDE00>");
}

TEST(PdfText, InvalidUtf8BecomesReplacementCharacter) {
    EXPECT_EQ(pdf_hex_text_string("a\xFF"), "<FEFF0061FFFD>");
}

} // namespace
} // namespace kyso
