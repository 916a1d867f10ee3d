#include "core/error.hpp"
#include "core/io/atomic_output.hpp"
#include "support/files.hpp"
#include "support/test_env.hpp"

#include <gtest/gtest.h>

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

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

// A temporary left by a killed writer (kill -9 cannot be handled) used to stay forever. Now
// each temporary is flock'ed while it lives, and the next AtomicOutput to the same name removes
// the unlocked ones — never a locked one (a live writer), nor another output's.
TEST(AtomicOutput, StaleTemporariesAreRemovedLockedOnesKept) {
    fs::path dir = test::TestEnv::get().scratch();
    std::string target = (dir / "out.pdf").string();
    std::string stale = (dir / ".out.pdf.kyso-Dead01").string();
    std::string live = (dir / ".out.pdf.kyso-Live01").string();
    std::string other = (dir / ".khac.pdf.kyso-Dead02").string();
    std::string unlike = (dir / ".out.pdf.kyso-notours").string(); // not a 6-character suffix
    for (const std::string& path : {stale, live, other, unlike})
        test::write_file(path, "partial");
    int held = ::open(live.c_str(), O_RDONLY);
    ASSERT_GE(held, 0);
    ASSERT_EQ(::flock(held, LOCK_EX | LOCK_NB), 0);

    {
        AtomicOutput out(target);
        EXPECT_FALSE(fs::exists(stale)) << "the dead writer's temporary is still there";
        EXPECT_TRUE(fs::exists(live)) << "a locked temporary (a live writer's) was removed";
        EXPECT_TRUE(fs::exists(other));
        EXPECT_TRUE(fs::exists(unlike));
        // Its own temporary is locked from the start, through finish_writing, until commit.
        for (bool finished : {false, true}) {
            if (finished) {
                out.write("whole", 5);
                out.finish_writing();
            }
            int probe = ::open(out.temp_path().c_str(), O_RDONLY);
            ASSERT_GE(probe, 0);
            EXPECT_NE(::flock(probe, LOCK_EX | LOCK_NB), 0) << "unlocked temporary (finished: " << finished << ")";
            ::close(probe);
            // Another output to the same name meanwhile leaves it alone.
            AtomicOutput second(target);
            EXPECT_TRUE(fs::exists(out.temp_path()));
        }
        out.commit();
    }
    EXPECT_EQ(test::read_file(target), "whole");
    ::close(held);
    AtomicOutput after(target); // the lock is gone: now it is stale
    EXPECT_FALSE(fs::exists(live));
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
