#include "core/error.hpp"
#include "core/io/atomic_output.hpp"
#include "support/files.hpp"
#include "support/test_env.hpp"

#include <gtest/gtest.h>

#include <filesystem>

namespace kyso {
namespace {

namespace fs = std::filesystem;

TEST(AtomicOutput, NothingAppearsUntilCommit) {
    fs::path dir = test::TestEnv::get().scratch();
    std::string target = (dir / "out.pdf").string();
    {
        AtomicOutput out(target);
        out.write("half", 4);
        EXPECT_FALSE(fs::exists(target));
    } // abandoned: the temporary file goes away too
    EXPECT_TRUE(fs::is_empty(dir));

    AtomicOutput out(target);
    out.write("whole", 5);
    out.commit();
    EXPECT_EQ(test::read_file(target), "whole");
}

TEST(AtomicOutput, RefusesTheInputAsOutput) {
    fs::path dir = test::TestEnv::get().scratch();
    std::string input = (dir / "in.pdf").string();
    test::write_file(input, "%PDF-");
    fs::create_symlink(input, dir / "link.pdf");
    for (std::string output : {input, (dir / "link.pdf").string(), (dir / "." / "in.pdf").string()}) {
        try {
            require_distinct_paths(input, output);
            ADD_FAILURE() << output;
        } catch (const Error& error) {
            EXPECT_EQ(error.code(), ErrorCode::OutputProblem);
        }
    }
    EXPECT_NO_THROW(require_distinct_paths(input, (dir / "other.pdf").string()));
}

TEST(AtomicOutput, ReadOnlyFolderIsExplained) {
    if (::geteuid() == 0)
        GTEST_SKIP() << "root ignores folder permissions; the CLI test covers a read-only folder another way";
    fs::path dir = test::TestEnv::get().scratch() / "ro";
    fs::create_directories(dir);
    fs::permissions(dir, fs::perms::owner_read | fs::perms::owner_exec);
    EXPECT_THROW(AtomicOutput((dir / "x.pdf").string()), Error);
    fs::permissions(dir, fs::perms::owner_all);
}

} // namespace
} // namespace kyso
