// Issue 11.5: outputs honour the umask (a replaced file keeps its mode); scratch files get
// unguessable names and are created exclusively, never through a planted link.
#include "core/error.hpp"
#include "core/io/atomic_output.hpp"
#include "core/io/scratch_file.hpp"
#include "support/files.hpp"
#include "support/test_env.hpp"

#include <gtest/gtest.h>

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <set>

namespace kyso {
namespace {

namespace fs = std::filesystem;

mode_t mode_of(const std::string& path) {
    struct stat st {};
    EXPECT_EQ(::stat(path.c_str(), &st), 0) << path;
    return st.st_mode & 07777;
}

/// Sets the umask for one scope.
struct Umask {
    explicit Umask(mode_t mask) : saved(::umask(mask)) {}
    ~Umask() { ::umask(saved); }
    mode_t saved;
};

void write_output(const std::string& path) {
    AtomicOutput out(path);
    out.write("whole", 5);
    out.commit();
}

TEST(FileModes, NewOutputsHonourTheUmask) {
    fs::path dir = test::TestEnv::get().scratch();
    {
        Umask mask(077); // a user who shares nothing
        write_output((dir / "private.pdf").string());
    }
    EXPECT_EQ(mode_of((dir / "private.pdf").string()), 0600u) << "was forced to 0644 before";
    {
        Umask mask(002); // a group that works on the same folder
        write_output((dir / "group.pdf").string());
    }
    EXPECT_EQ(mode_of((dir / "group.pdf").string()), 0664u);
}

TEST(FileModes, AReplacedOutputKeepsItsMode) {
    fs::path dir = test::TestEnv::get().scratch();
    std::string path = (dir / "again.pdf").string();
    test::write_file(path, "old");
    ASSERT_EQ(::chmod(path.c_str(), 0640), 0);
    Umask mask(022);
    write_output(path);
    EXPECT_EQ(test::read_file(path), "whole");
    EXPECT_EQ(mode_of(path), 0640u);
}

TEST(ScratchFile, NamesAreUnguessableAndCreatedPrivate) {
    fs::path dir = test::TestEnv::get().scratch();
    std::string near = (dir / "out.pdf").string();
    std::set<std::string> names;
    {
        ScratchFile a(near, "prepared"), b(near, "prepared");
        for (const ScratchFile* s : {&a, &b}) {
            EXPECT_TRUE(fs::is_regular_file(s->path())) << "created at once, exclusively";
            EXPECT_EQ(mode_of(s->path()), 0600u);
            std::string name = fs::path(s->path()).filename().string();
            EXPECT_EQ(name.rfind(".kyso-prepared-", 0), 0u) << name;
            EXPECT_EQ(name.find(std::to_string(::getpid())), std::string::npos) << "the pid is guessable";
            names.insert(name);
        }
        EXPECT_EQ(names.size(), 2u) << "two scratch files of one process share a name";
    }
    for (const std::string& name : names)
        EXPECT_FALSE(fs::exists(dir / name)) << "left behind";
}

TEST(ScratchFile, TheOldPredictableNameCannotBeHijackedByALink) {
    fs::path dir = test::TestEnv::get().scratch();
    std::string victim = (dir / "victim.txt").string();
    test::write_file(victim, "keep me");
    // What an attacker in a shared folder would have planted for the old ".kyso-<purpose>-<pid>.pdf".
    fs::create_symlink(victim, dir / (".kyso-prepared-" + std::to_string(::getpid()) + ".pdf"));
    {
        ScratchFile scratch((dir / "out.pdf").string(), "prepared");
        EXPECT_FALSE(fs::is_symlink(scratch.path()));
        test::write_file(scratch.path(), "scratch bytes");
    }
    EXPECT_EQ(test::read_file(victim), "keep me");
}

TEST(ScratchFile, AnUnwritableFolderIsExplained) {
    try {
        ScratchFile scratch("/proc/kyso-no-such-folder/out.pdf", "prepared");
        FAIL() << "created a scratch file where none can be";
    } catch (const Error& error) {
        EXPECT_EQ(error.code(), ErrorCode::OutputProblem);
        EXPECT_NE(error.english().find("scratch file"), std::string::npos);
    }
}

} // namespace
} // namespace kyso
