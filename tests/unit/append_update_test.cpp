// The one path that appends an unsigned update (prepare's fields, the DSS): the copy is the input
// as opened, the update is read back from disk and parsed on its own, and an extra check can
// still refuse; whenever something is wrong nothing is put in place and no temporary remains.
// Before, prepare wrote its update without reading it back and copied the input by path.
#include "badinput/pdf_maker.hpp"
#include "support/errors.hpp"
#include "support/files.hpp"
#include "support/process.hpp"
#include "support/test_env.hpp"

#include "core/error.hpp"
#include "core/io/input_file.hpp"
#include "core/pdf/form_edits.hpp"
#include "core/workflow/revision_output.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace kyso {
namespace {

namespace fs = std::filesystem;

struct Case {
    fs::path dir;
    std::string input, output;
    std::string base;
};

Case one_page_input() {
    Case c;
    c.dir = test::TestEnv::get().scratch();
    c.input = (c.dir / "in.pdf").string();
    c.output = (c.dir / "out.pdf").string();
    c.base = test::PdfMaker::one_page().build();
    test::write_file(c.input, c.base);
    return c;
}

std::string field_update(const std::string& input) {
    FormEdits edits;
    edits.text_fields.push_back({"kyso_so", 1, PageRect{100, 700, 120, 20}});
    return build_form_update(input, edits);
}

// Only the input is left in the folder: no output, no temporary.
void expect_nothing_written(const Case& c) {
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(c.dir))
        names.push_back(entry.path().filename().string());
    EXPECT_EQ(names, std::vector<std::string>{"in.pdf"});
    EXPECT_EQ(test::read_file(c.input), c.base) << "the input changed";
}

TEST(AppendUpdate, ASoundUpdateIsCommittedAfterTheInputUnchanged) {
    Case c = one_page_input();
    std::string update = field_update(c.input);
    InputFile input(c.input);
    std::string seen;
    append_update_and_commit(input, c.output, update, [&](const std::string& written) { seen = written; });
    EXPECT_NE(seen, c.output) << "the check must see the temporary file, before it is put in place";
    EXPECT_EQ(test::read_file(c.output), c.base + update);
    test::RunResult check = test::run({"qpdf", "--check", c.output});
    EXPECT_EQ(check.status, 0) << check.out << check.err;
}

TEST(AppendUpdate, AnUpdateThatDoesNotParseIsDiscarded) {
    Case c = one_page_input();
    std::string update = field_update(c.input);
    // The first cross-reference row made to name the second row's object ("OOOOOOOOOO GGGGG n").
    size_t table = update.rfind("\nxref\n");
    ASSERT_NE(table, std::string::npos);
    size_t first = update.find(" n\r\n", table) - 16;
    size_t second = update.find(" n\r\n", first + 20) - 16;
    ASSERT_NE(update.compare(first, 10, update, second, 10), 0);
    update.replace(first, 10, update.substr(second, 10));
    InputFile input(c.input);
    EXPECT_EQ(test::error_code_of([&] { append_update_and_commit(input, c.output, update); }), ErrorCode::VerificationFailed);
    expect_nothing_written(c);
}

TEST(AppendUpdate, AnInputChangedAfterItWasOpenedIsRefused) {
    Case c = one_page_input();
    std::string update = field_update(c.input);
    InputFile input(c.input);
    std::string edited = c.base + "% edited by another program\n";
    std::ofstream(c.input, std::ios::binary | std::ios::app) << "% edited by another program\n";
    EXPECT_EQ(test::error_code_of([&] { append_update_and_commit(input, c.output, update); }), ErrorCode::InputUnreadable);
    c.base = edited;
    expect_nothing_written(c);
}

TEST(AppendUpdate, TheCallersCheckCanStillRefuse) {
    Case c = one_page_input();
    std::string update = field_update(c.input);
    InputFile input(c.input);
    auto refuse = [](const std::string&) {
        throw Error(ErrorCode::VerificationFailed, "Không đạt.", "Refused by the caller's check.");
    };
    EXPECT_EQ(test::error_code_of([&] { append_update_and_commit(input, c.output, update, refuse); }), ErrorCode::VerificationFailed);
    expect_nothing_written(c);
}

TEST(AppendUpdate, TheInputItselfIsNeverTheOutput) {
    Case c = one_page_input();
    std::string update = field_update(c.input);
    InputFile input(c.input);
    EXPECT_EQ(test::error_code_of([&] { append_update_and_commit(input, c.input, update); }), ErrorCode::OutputProblem);
    expect_nothing_written(c);
}

} // namespace
} // namespace kyso
