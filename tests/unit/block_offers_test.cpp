// Which signer blocks Ký số and Phát hành offer (core/workflow/block_offers): the extension
// lists these, the toolbar's state follows them, and they are the rules sign_official and
// issue_document refuse by.
#include "core/workflow/block_offers.hpp"
#include "core/workflow/roles.hpp"

#include <gtest/gtest.h>

namespace kyso {
namespace {

BlockProgress block(const char* name, bool official, bool organisation) {
    return {name, "GIÁM ĐỐC", official, organisation};
}

std::vector<size_t> choosable(const std::vector<BlockProgress>& blocks, BlockStep step) {
    return offer_blocks(blocks, step).choosable();
}

const std::vector<size_t> kNone;

TEST(BlockOffers, JointDocumentStepByStep) {
    // Nobody has signed: either official may sign; nobody can issue, and the refusal names both.
    std::vector<BlockProgress> blocks{block("Nguyễn Thanh Bình", false, false), block("Lê Văn Hùng", false, false)};
    EXPECT_EQ(choosable(blocks, BlockStep::SignOfficial), (std::vector<size_t>{0, 1}));
    BlockOffers issue = offer_blocks(blocks, BlockStep::Issue);
    EXPECT_EQ(issue.choosable(), kNone);
    EXPECT_NE(issue.none_vi.find("Nguyễn Thanh Bình, Lê Văn Hùng"), std::string::npos) << issue.none_vi;

    // One has signed: the other signs; still nobody issues (R1 for every block).
    blocks[0].official_signed = true;
    BlockOffers sign = offer_blocks(blocks, BlockStep::SignOfficial);
    EXPECT_EQ(sign.choosable(), (std::vector<size_t>{1}));
    EXPECT_EQ(sign.blocks[0].state_vi, "đã ký");
    EXPECT_EQ(sign.blocks[1].state_vi, "chưa ký");
    issue = offer_blocks(blocks, BlockStep::Issue);
    EXPECT_EQ(issue.choosable(), kNone);
    EXPECT_EQ(issue.blocks[0].state_en, "signed, waiting for the other signers");
    EXPECT_NE(issue.none_en.find("(Lê Văn Hùng)"), std::string::npos) << issue.none_en;

    // Both have signed: nothing left to sign, and either organisation may issue first.
    blocks[1].official_signed = true;
    sign = offer_blocks(blocks, BlockStep::SignOfficial);
    EXPECT_EQ(sign.choosable(), kNone);
    EXPECT_NE(sign.none_en.find("every signer block carries the official's signature"), std::string::npos);
    EXPECT_EQ(choosable(blocks, BlockStep::Issue), (std::vector<size_t>{0, 1}));

    // The lead organisation has issued: the other one's block is left to issue, none to sign.
    blocks[0].organisation_signed = true;
    issue = offer_blocks(blocks, BlockStep::Issue);
    EXPECT_EQ(issue.choosable(), (std::vector<size_t>{1}));
    EXPECT_EQ(issue.blocks[0].state_vi, "đã phát hành");
    sign = offer_blocks(blocks, BlockStep::SignOfficial);
    EXPECT_EQ(sign.choosable(), kNone);
    EXPECT_NE(sign.none_en.find("issued"), std::string::npos) << sign.none_en;

    // Both have: nothing is offered by either step.
    blocks[1].organisation_signed = true;
    EXPECT_EQ(choosable(blocks, BlockStep::Issue), kNone);
    EXPECT_NE(offer_blocks(blocks, BlockStep::Issue).none_en.find("already issued"), std::string::npos);
}

TEST(BlockOffers, ProgressIsReadFromEachBlocksFields) {
    auto sig = [](const std::string& name, bool signed_) {
        FormField f;
        f.name = name;
        f.type = "Sig";
        f.has_value = signed_;
        return f;
    };
    std::vector<FormField> fields{sig(field_names::official_field(0), true), sig(field_names::official_field(1), false),
                                  sig(field_names::organisation_field(0), true)};
    std::vector<BlockProgress> blocks = block_progress(fields);
    ASSERT_EQ(blocks.size(), 2u);
    EXPECT_TRUE(blocks[0].official_signed && blocks[0].organisation_signed);
    EXPECT_FALSE(blocks[1].official_signed || blocks[1].organisation_signed);

    // An unprepared draft has no fields: its printed blocks are all still to sign.
    SignerBlock right, left;
    right.name = "Nguyễn Thanh Bình";
    right.title_lines = {"GIÁM ĐỐC SỞ NỘI VỤ"};
    left.name = "Lê Văn Hùng";
    left.title_lines = {"GIÁM ĐỐC SỞ TÀI CHÍNH"};
    blocks = block_progress({}, {right, left});
    ASSERT_EQ(blocks.size(), 2u);
    EXPECT_EQ(blocks[1].name, "Lê Văn Hùng");
    EXPECT_EQ(blocks[1].title, "GIÁM ĐỐC SỞ TÀI CHÍNH");
    EXPECT_EQ(choosable(blocks, BlockStep::SignOfficial), (std::vector<size_t>{0, 1}));
    // No block known: nothing to refuse by (Ký số prepares the draft and finds them then).
    EXPECT_TRUE(offer_blocks({}, BlockStep::SignOfficial).none_en.empty());
}

// A block named by the Signer argument: taken when the step may take it, else refused with why
// and the blocks that can be chosen (the extension asks this before opening the token).
TEST(BlockOffers, ANamedBlockIsTakenOnlyWhenTheStepMayTakeIt) {
    SignerBlock right, left;
    right.name = "Nguyễn Thanh Bình";
    right.title_lines = {"GIÁM ĐỐC SỞ NỘI VỤ"};
    left.name = "Lê Văn Hùng";
    left.title_lines = {"GIÁM ĐỐC SỞ TÀI CHÍNH"};
    std::vector<SignerBlock> signers{right, left};
    std::vector<BlockProgress> blocks = block_progress({}, signers);
    blocks[0].official_signed = true;
    auto refusal = [&](BlockStep step, const std::string& name) {
        try {
            offered_block(signers, blocks, step, name);
        } catch (const Error& e) {
            EXPECT_EQ(e.code(), ErrorCode::BadArguments);
            return e.vietnamese() + " | " + e.english();
        }
        return std::string("(taken)");
    };
    EXPECT_EQ(offered_block(signers, blocks, BlockStep::SignOfficial, "le van hung"), 1u);
    std::string signed_block = refusal(BlockStep::SignOfficial, "Nguyễn Thanh Bình");
    EXPECT_NE(signed_block.find("Không ký được khối chữ ký của \u201CNguyễn Thanh Bình\u201D (đã ký)"), std::string::npos)
        << signed_block;
    EXPECT_NE(signed_block.find("still to sign: \u201CLê Văn Hùng\u201D"), std::string::npos) << signed_block;
    EXPECT_NE(refusal(BlockStep::SignOfficial, "Trần Văn Khác").find("No signer block prints the name"), std::string::npos);
    // Issued only once both have signed: the refusal names who has not.
    EXPECT_NE(refusal(BlockStep::Issue, "Nguyễn Thanh Bình").find("(Lê Văn Hùng); chỉ phát hành khi mọi người ký đã ký"),
              std::string::npos);

    blocks[1].official_signed = true;
    blocks[1].organisation_signed = true; // the lead organisation (left) has issued
    std::string issued_block = refusal(BlockStep::Issue, "Lê Văn Hùng");
    EXPECT_NE(issued_block.find("(đã phát hành). Khối chờ phát hành: \u201CNguyễn Thanh Bình\u201D"), std::string::npos)
        << issued_block;
    EXPECT_EQ(offered_block(signers, blocks, BlockStep::Issue, "Nguyễn Thanh Bình"), 0u);
    EXPECT_NE(refusal(BlockStep::SignOfficial, "Nguyễn Thanh Bình").find("an issued document takes no further signature"),
              std::string::npos);
}

} // namespace
} // namespace kyso
