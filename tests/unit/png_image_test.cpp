#include "core/error.hpp"
#include "core/image/png_image.hpp"
#include "support/files.hpp"
#include "support/test_env.hpp"

#include <gtest/gtest.h>

namespace kyso {
namespace {

TEST(PngImage, KeepsAlphaAndReadsPhysicalSize) {
    std::string path = (test::TestEnv::get().scratch() / "seal.png").string();
    test::write_png(path, 425, 425, test::red_seal_pixels(425), 300);
    PngImage image = load_png(path);
    EXPECT_EQ(image.width, 425u);
    EXPECT_TRUE(image.has_transparency);
    ASSERT_TRUE(image.width_mm());
    EXPECT_NEAR(*image.width_mm(), 425 / 300.0 * 25.4, 0.05); // 36 mm
    EXPECT_EQ(image.alpha[0], 0) << "corner is transparent";
    EXPECT_EQ(image.rgb.size(), 425u * 425u * 3);
}

TEST(PngImage, WithoutPhysQuotesNoSize) {
    std::string path = (test::TestEnv::get().scratch() / "sig.png").string();
    test::write_png(path, 300, 120, test::blue_signature_pixels(300, 120));
    PngImage image = load_png(path);
    EXPECT_FALSE(image.width_mm());
}

TEST(PngImage, RejectsWhatIsNotAPng) {
    auto dir = test::TestEnv::get().scratch();
    test::write_file((dir / "fake.png").string(), "GIF89a not a png at all");
    test::write_file((dir / "empty.png").string(), "");
    std::string truncated = "\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR";
    test::write_file((dir / "truncated.png").string(), truncated);
    for (const char* name : {"fake.png", "empty.png", "truncated.png", "missing.png"}) {
        try {
            load_png((dir / name).string());
            ADD_FAILURE() << name << " was accepted";
        } catch (const Error& error) {
            EXPECT_EQ(error.code(), ErrorCode::ImageInvalid) << name;
            EXPECT_FALSE(error.vietnamese().empty());
        }
    }
}

} // namespace
} // namespace kyso
