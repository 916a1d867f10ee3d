#include "core/layout/signature_layout.hpp"

#include <gtest/gtest.h>

namespace kyso::layout {
namespace {

// A signer block like Decree 30's: "CHỦ TỊCH" at y 600–614, the name at y 520–534, in a
// right-hand column from x 300 to 540.
const PageRect kTitle{360, 600, 120, 14};
const PageRect kName{350, 520, 140, 14};
const PageRect kColumn{300, 520, 240, 94};

TEST(SignatureLayout, GapLiesBetweenTitleAndNameWithPadding) {
    PageRect gap = signature_gap(kTitle, kName, kColumn);
    EXPECT_DOUBLE_EQ(gap.y, 534 + kGapPadding);
    EXPECT_DOUBLE_EQ(gap.top(), 600 - kGapPadding);
    EXPECT_DOUBLE_EQ(gap.centre_x(), 420);
}

TEST(SignatureLayout, SmallImageKeepsItsSizeAndIsCentred) {
    PageRect gap = signature_gap(kTitle, kName, kColumn);
    auto rect = place_official_signature(gap, 100, 40);
    ASSERT_TRUE(rect);
    EXPECT_DOUBLE_EQ(rect->width, 100) << "never scaled up";
    EXPECT_DOUBLE_EQ(rect->centre_x(), gap.centre_x());
    EXPECT_DOUBLE_EQ(rect->centre_y(), gap.centre_y());
    EXPECT_TRUE(contains(gap, *rect));
}

TEST(SignatureLayout, LargeImageIsScaledDownKeepingItsAspect) {
    PageRect gap = signature_gap(kTitle, kName, kColumn);
    auto rect = place_official_signature(gap, 400, 160);
    ASSERT_TRUE(rect);
    EXPECT_NEAR(rect->width / rect->height, 2.5, 1e-9);
    EXPECT_TRUE(contains(gap, *rect));
    EXPECT_DOUBLE_EQ(rect->height, gap.height) << "height is the binding limit here";
}

TEST(SignatureLayout, TooSmallGapIsRefused) {
    PageRect cramped = signature_gap({360, 550, 120, 14}, kName, kColumn);
    EXPECT_FALSE(place_official_signature(cramped, 100, 40));
}

TEST(SignatureLayout, SealCoversTheLeftThirdAndIsCentredVertically) {
    PageRect signature{370, 540, 120, 48};
    PageRect seal = place_seal(signature, 102, 102);
    EXPECT_NEAR(seal_overlap_fraction(signature, seal), 1.0 / 3.0, 1e-9);
    EXPECT_DOUBLE_EQ(seal.centre_y(), signature.centre_y());
    EXPECT_DOUBLE_EQ(seal.width, 102) << "real size, never scaled";
    EXPECT_LT(seal.x, signature.x) << "the seal sits to the left";
}

constexpr NoteFrame kFrame{56.7, 28.35, 14.17, 212.6, 10, 2.83}; // mm: 20 right, 10 top, 5 least, 75 wide, 1 clear
const PageRect kA4{0, 0, 595.28, 841.89};

TEST(SignatureLayout, NoteSitsInTheTopRightCornerOfABlankPage) {
    std::optional<NotePlacement> note = place_top_right_note(kA4, kFrame, 3, std::nullopt);
    ASSERT_TRUE(note);
    EXPECT_DOUBLE_EQ(note->rect.right(), 595.28 - 56.7);
    EXPECT_DOUBLE_EQ(note->rect.top(), 841.89 - 28.35);
    EXPECT_DOUBLE_EQ(note->line_spacing, kNoteLineSpacing);
    EXPECT_DOUBLE_EQ(note->rect.height, note_height(3, 10, kNoteLineSpacing));
}

TEST(SignatureLayout, NoteRisesAboveContentNearTheTop) {
    // Content 20 mm from the top (the motto at Decree 30's top margin): 10 mm + 3 lines do not
    // fit, the note moves up and ends one clearance above the content.
    double content = 841.89 - 56.7;
    std::optional<NotePlacement> note = place_top_right_note(kA4, kFrame, 3, content);
    ASSERT_TRUE(note);
    EXPECT_NEAR(note->rect.y, content + kFrame.clearance, 1e-9);
    EXPECT_LE(note->rect.top(), 841.89 - kFrame.least_top + 1e-9);
    EXPECT_DOUBLE_EQ(note->line_spacing, kNoteLineSpacing);
}

TEST(SignatureLayout, NoteTightensItsLinesThenRefuses) {
    // Room for three lines only at a tighter spacing.
    double room = note_height(3, 10, 1.05) + 0.01;
    double content = 841.89 - kFrame.least_top - room - kFrame.clearance;
    std::optional<NotePlacement> note = place_top_right_note(kA4, kFrame, 3, content);
    ASSERT_TRUE(note);
    EXPECT_NEAR(note->line_spacing, 1.05, 1e-9);
    EXPECT_GE(note->rect.y, content + kFrame.clearance - 1e-9) << "never over the content";
    // No room even at the tightest spacing: refused.
    double crowded = 841.89 - kFrame.least_top - note_height(3, 10, kTightestNoteLineSpacing) - kFrame.clearance + 1;
    EXPECT_FALSE(place_top_right_note(kA4, kFrame, 3, crowded));
}

} // namespace
} // namespace kyso::layout
