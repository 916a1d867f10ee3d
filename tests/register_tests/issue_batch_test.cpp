// Issue 16.4: a document and its separate-file attachments issued on one login, on the demo
// decision, the SoftHSM token and a SQLite register: every attachment carries the main
// document's number; one failing attachment leaves no file and the number back in the register.
#include "core/error.hpp"
#include "core/pdf/form_edits.hpp"
#include "core/register/register_store.hpp"
#include "core/workflow/issue_batch.hpp"
#include "pdf_tests/sign_helpers.hpp"
#include "support/errors.hpp"
#include "support/process.hpp"
#include "support/signers.hpp"
#include "support/test_env.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace kyso {
namespace {

namespace fs = std::filesystem;
using test::TestEnv;

std::string note_of(const std::string& pdf) {
    for (const FormField& f : read_form_fields(pdf))
        if (f.name == field_names::kNote)
            return f.value;
    return {};
}

// Files kyso leaves beside its outputs while it works (scratch and atomic temporaries).
std::vector<std::string> leftovers(const std::string& folder) {
    std::vector<std::string> found;
    for (const fs::directory_entry& e : fs::directory_iterator(folder))
        if (e.path().filename().string().find(".kyso-") != std::string::npos)
            found.push_back(e.path().string());
    return found;
}

class IssueBatch : public ::testing::Test {
protected:
    std::string dir;
    std::unique_ptr<TokenModule> module = test::open_test_module();
    KeySigner organisation = test::token_signer(*module, "ubnd");
    IssueBatchOptions batch;

    void SetUp() override {
        dir = TestEnv::get().scratch().string();
        KeySigner official = test::token_signer(*module, "binh");
        prepare_draft({TestEnv::get().demo("quyet-dinh-2-trang.pdf"), dir + "/draft.pdf"});
        sign_official({dir + "/draft.pdf", dir + "/signed.pdf", test::make_signature_png(dir), 0}, official);
        fs::copy_file(TestEnv::get().corpus("multipage.pdf"), dir + "/phu-luc.pdf");
        fs::copy_file(TestEnv::get().demo("thieu-cho-ky-docx.pdf"), dir + "/bao-cao.pdf");

        batch.issue.input = dir + "/signed.pdf";
        batch.issue.output = dir + "/issued.pdf";
        batch.issue.symbol = "QĐ-UBND";
        batch.issue.seal_image = test::make_seal_png(dir);
        batch.issue.trust_anchors = {TestEnv::get().root_ca()};
        batch.issue.register_location = dir + "/so.sqlite";
        batch.attachments = {{dir + "/phu-luc.pdf", dir + "/phu-luc-ban-hanh.pdf"},
                             {dir + "/bao-cao.pdf", dir + "/bao-cao-ban-hanh.pdf"}};
    }

    std::vector<RegisterEntry> entries() { return open_register(batch.issue.register_location)->list("chung", std::nullopt); }

    void expect_nothing_written() {
        EXPECT_FALSE(fs::exists(batch.issue.output));
        for (const AttachmentFile& a : batch.attachments)
            EXPECT_FALSE(fs::exists(a.output)) << a.output;
        EXPECT_EQ(leftovers(dir), std::vector<std::string>{});
    }
};

TEST_F(IssueBatch, EachAttachmentCarriesTheNumberAndTheIssuanceInstant) {
    std::vector<size_t> told;
    batch.progress = [&](const ProgressStep& step) {
        EXPECT_EQ(step.total, 2u);
        EXPECT_TRUE(fs::exists(batch.issue.output)) << "the main document is issued first";
        if (step.done < step.total)
            EXPECT_NE(step.vi.find(fs::path(batch.attachments[step.done].input).filename().string()), std::string::npos)
                << step.vi;
        told.push_back(step.done);
        return true;
    };
    IssueBatchResult result = issue_with_attachments(batch, organisation);
    EXPECT_EQ(told, (std::vector<size_t>{0, 1, 2})) << "before each attachment, then before the outputs are placed";
    EXPECT_EQ(result.issued.number, 1);
    EXPECT_EQ(result.issued.number_text.substr(0, 3), "01/");
    ASSERT_EQ(result.attachments.size(), 2u);
    for (size_t i = 0; i < 2; ++i) {
        const AttachmentFile& a = batch.attachments[i];
        SCOPED_TRACE(a.output);
        EXPECT_EQ(result.attachments[i].output, a.output);
        test::expect_sound_signed_update(a.input, a.output, 1);
        std::string note = note_of(a.output);
        EXPECT_EQ(note.substr(0, note.find('\n')), result.issued.number_text);
        // The same instant as the main document's signature.
        EXPECT_EQ(result.attachments[i].signing_time_iso, result.issued.signature.signing_time_iso);
        EXPECT_NE(note.find(result.issued.signature.signing_time_iso), std::string::npos) << note;
        // Readable by others as the main document is (both honour the umask), not the 0600 of
        // the scratch file it was signed into.
        EXPECT_EQ(fs::status(a.output).permissions(), fs::status(batch.issue.output).permissions());
    }
    std::vector<RegisterEntry> registered = entries();
    ASSERT_EQ(registered.size(), 1u);
    EXPECT_EQ(registered[0].state, EntryState::Confirmed);
    EXPECT_EQ(registered[0].number_text, result.issued.number_text);
    EXPECT_EQ(leftovers(dir), std::vector<std::string>{});
}

// An attachment that cannot be signed after the main document was: no issued file, no signed
// attachment (not even the one before it), the number given back; the next issuance takes it.
TEST_F(IssueBatch, AFailingAttachmentLeavesNoFileAndReleasesTheNumber) {
    std::string second = batch.attachments[1].input;
    std::string kept_bytes;
    {
        std::ifstream in(second, std::ios::binary);
        kept_bytes.assign(std::istreambuf_iterator<char>(in), {});
    }
    // The second file is cut short on the shared folder after the checks, while the first is
    // being signed.
    batch.progress = [&](const ProgressStep& step) {
        if (step.done == 0)
            std::ofstream(second, std::ios::binary | std::ios::trunc) << "%PDF-1.7\n1 0 obj\n";
        return true;
    };
    std::string message;
    EXPECT_NE(test::error_code_of([&] { issue_with_attachments(batch, organisation); }, &message), ErrorCode::Internal);
    EXPECT_NE(message.find("Tệp đính kèm 2"), std::string::npos) << message;
    EXPECT_NE(message.find("No file was written"), std::string::npos) << message;
    expect_nothing_written();
    EXPECT_EQ(entries().size(), 0u) << "the reserved number was not released";

    std::ofstream(second, std::ios::binary | std::ios::trunc) << kept_bytes;
    batch.progress = {};
    EXPECT_EQ(issue_with_attachments(batch, organisation).issued.number, 1);
}

// Issue 16.5: the văn thư stops a batch (Huỷ) at any step the core offers, the last one
// included, just before the outputs are placed: nothing is kept and the number is given back.
// Before, a stop was not offered, and a Cancelled thrown there left the number reserved.
TEST_F(IssueBatch, AStoppedBatchLeavesNoFileAndReleasesTheNumber) {
    for (size_t stop_at : {size_t(0), size_t(1), size_t(2)}) {
        SCOPED_TRACE(stop_at);
        batch.progress = [&](const ProgressStep& step) { return step.done != stop_at; };
        EXPECT_THROW(issue_with_attachments(batch, organisation), Cancelled);
        expect_nothing_written();
        EXPECT_EQ(entries().size(), 0u) << "the reserved number was not released";
    }
    batch.progress = {};
    EXPECT_EQ(issue_with_attachments(batch, organisation).issued.number, 1);
}

// Refused before the token is used: nothing written, nothing reserved.
TEST_F(IssueBatch, BadAttachmentsAreRefusedBeforeSigning) {
    auto refused = [&](ErrorCode code, const std::string& fragment) {
        std::string message;
        EXPECT_EQ(test::error_code_of([&] { check_issue_batch(batch); }, &message), code) << message;
        EXPECT_NE(message.find(fragment), std::string::npos) << message;
        EXPECT_EQ(test::error_code_of([&] { issue_with_attachments(batch, organisation); }), code);
        expect_nothing_written();
        EXPECT_EQ(entries().size(), 0u);
    };
    IssueBatchOptions good = batch;
    batch.attachments[1].input = batch.issue.input; // the signed main document itself
    refused(ErrorCode::BadArguments, "given twice");
    batch = good;
    batch.attachments[1].input = dir + "/draft.pdf"; // a prepared draft is unsigned: fine
    EXPECT_NO_THROW(check_issue_batch(batch));
    fs::copy_file(TestEnv::get().corpus("presigned.pdf"), dir + "/da-ky.pdf");
    batch.attachments[1].input = dir + "/da-ky.pdf";
    refused(ErrorCode::BadArguments, "already signed");
    test::RunResult qpdf = test::run({"qpdf", "--encrypt", "", "owner", "256", "--", dir + "/phu-luc.pdf",
                                      dir + "/ma-hoa.pdf"});
    ASSERT_EQ(qpdf.status, 0) << qpdf.err;
    batch = good;
    batch.attachments[0].input = dir + "/ma-hoa.pdf";
    refused(ErrorCode::InputNotPdf, "Tệp đính kèm 1");
    batch = good;
    batch.attachments[1].output = batch.attachments[0].output;
    refused(ErrorCode::BadArguments, "same file");
    batch = good;
    batch.attachments[1].output = batch.issue.output;
    refused(ErrorCode::BadArguments, "same file");
}

} // namespace
} // namespace kyso
