// `kyso issue` with the register, on the demo draft and the SoftHSM token: numbers come from
// the register, the register records the issued file, failures give the number back, and a
// hand-typed number already used is refused before anything is written.
#include "core/error.hpp"
#include "core/workflow/issued_record.hpp"
#include "core/register/register_store.hpp"
#include "core/workflow/roles.hpp"
#include "pdf_tests/sign_helpers.hpp"
#include "support/process.hpp"
#include "support/signers.hpp"
#include "support/test_env.hpp"

#include <gtest/gtest.h>

#include <filesystem>

namespace kyso {
namespace {

using test::TestEnv;

TEST(RegisterIssue, NumbersComeFromTheRegisterAndIssuanceIsRecorded) {
    std::string dir = TestEnv::get().scratch().string();
    std::string reg = dir + "/so.sqlite";
    prepare_draft({TestEnv::get().demo("quyet-dinh-2-trang.pdf"), dir + "/draft.pdf"});
    auto module = test::open_test_module();
    KeySigner official = test::token_signer(*module, "binh");
    KeySigner organisation = test::token_signer(*module, "ubnd");
    sign_official({dir + "/draft.pdf", dir + "/signed.pdf", test::make_signature_png(dir), 0}, official);

    IssueOptions issue;
    issue.input = dir + "/signed.pdf";
    issue.symbol = "QĐ-UBND";
    issue.seal_image = test::make_seal_png(dir);
    issue.trust_anchors = {TestEnv::get().root_ca()};
    issue.register_location = reg;
    issue.output = dir + "/a.pdf";
    EXPECT_EQ(issue_document(issue, organisation).number_text.substr(0, 3), "01/");
    issue.output = dir + "/b.pdf";
    EXPECT_EQ(issue_document(issue, organisation).number_text.substr(0, 3), "02/");

    // A hand-typed number already in the register: refused, nothing written, nothing reserved.
    issue.output = dir + "/c.pdf";
    issue.number = 2;
    try {
        issue_document(issue, organisation);
        ADD_FAILURE() << "number 2 was issued twice";
    } catch (const Error& e) {
        EXPECT_EQ(e.code(), ErrorCode::BadArguments);
        EXPECT_NE(e.vietnamese().find("đã có trong sổ"), std::string::npos) << e.describe();
    }
    EXPECT_FALSE(std::filesystem::exists(dir + "/c.pdf"));

    // Signing fails (a personal certificate): number 3 is given back, not lost.
    issue.number = 0;
    EXPECT_THROW(issue_document(issue, official), Error);
    std::vector<RegisterEntry> entries = open_register(reg)->list("chung", std::nullopt);
    ASSERT_EQ(entries.size(), 2u);
    EXPECT_EQ(entries[0].state, EntryState::Confirmed);
    EXPECT_EQ(entries[0].sha256, file_sha256(dir + "/a.pdf"));
    EXPECT_EQ(entries[1].sha256, file_sha256(dir + "/b.pdf"));
    EXPECT_NE(entries[0].summary.find("QUYẾT ĐỊNH Về việc phê duyệt Kế hoạch"), std::string::npos) << entries[0].summary;
    EXPECT_NE(entries[0].signers.find("; "), std::string::npos) << "official and organisation: " << entries[0].signers;
    EXPECT_EQ(entries[0].number_text.substr(0, 3), "01/");

    // The CLI reads the same register.
    test::RunResult list = test::run({TestEnv::get().kyso_bin, "register", "list", "--register", reg});
    EXPECT_EQ(list.status, 0) << list.err;
    EXPECT_NE(list.out.find("02/"), std::string::npos) << list.out;
    test::RunResult next = test::run({TestEnv::get().kyso_bin, "register", "next", "--register", reg});
    EXPECT_EQ(next.out, "3\n");
}

TEST(RegisterIssue, SummaryOfACongVanIsItsVvLine) {
    std::string summary = document_summary(extract_text(TestEnv::get().demo("cong-van.pdf")));
    EXPECT_EQ(summary, "V/v triển khai ký số văn bản điện tử theo Nghị định số 30/2020/NĐ-CP");
}

} // namespace
} // namespace kyso
