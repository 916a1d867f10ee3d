// The outgoing register on both backends, same tests: SQLite in a scratch file, PostgreSQL on
// the server tests/register_tests/start-postgres.sh started on 127.0.0.1 (fixture "postgres").
#include "core/error.hpp"
#include "core/register/ods_export.hpp"
#include "core/register/register_store.hpp"
#include "support/errors.hpp"
#include "support/process.hpp"
#include "support/test_env.hpp"

#include <gtest/gtest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <set>

namespace kyso {
namespace {

using test::TestEnv;

std::string read_text(const std::filesystem::path& path) {
    std::ifstream in(path);
    std::string text;
    std::getline(in, text);
    return text;
}

// Runs body(i) in `count` forked processes at once (each opens its own connection after the
// fork, as separate clerks would) and counts the ones that failed; their errors go to stderr.
int failures_in_processes(int count, const std::function<void(int)>& body) {
    std::vector<pid_t> children;
    for (int p = 0; p < count; ++p) {
        pid_t pid = ::fork();
        if (pid == 0) {
            int status = 0;
            try {
                body(p);
            } catch (const Error& e) {
                fprintf(stderr, "child %d: %s\n", p, e.describe().c_str());
                status = 1;
            }
            ::_exit(status);
        }
        children.push_back(pid);
    }
    int failed = 0;
    for (pid_t pid : children) {
        int status = 0;
        failed += pid < 0 || ::waitpid(pid, &status, 0) != pid || !WIFEXITED(status) || WEXITSTATUS(status) != 0;
    }
    return failed;
}

using test::error_code_of;

class RegisterStoreTest : public ::testing::TestWithParam<std::string> {
protected:
    void SetUp() override {
        dir_ = TestEnv::get().scratch();
        if (GetParam() == "sqlite") {
            location_ = (dir_ / "so-van-ban-di.sqlite").string();
        } else {
            std::filesystem::path pg = TestEnv::get().work / "postgres";
            if (std::filesystem::exists(pg / "skip"))
                GTEST_SKIP() << read_text(pg / "skip");
            location_ = read_text(pg / "conninfo");
            ASSERT_FALSE(location_.empty()) << "fixture.postgres did not start a server";
        }
        // Each test counts in its own book, so the shared PostgreSQL database needs no reset.
        book_ = ::testing::UnitTest::GetInstance()->current_test_info()->name();
        book_ = book_.substr(0, book_.find('/')) + "-" + std::to_string(::getpid());
    }
    std::unique_ptr<RegisterStore> open() { return open_register(location_); }

    std::filesystem::path dir_;
    std::string location_, book_;
};

TEST_P(RegisterStoreTest, NumbersFollowOnAndRestartEachYear) {
    auto store = open();
    EXPECT_EQ(store->reserve_next(book_, 2026).number, 1);
    EXPECT_EQ(store->reserve_next(book_, 2026).number, 2);
    EXPECT_EQ(store->reserve_next(book_, 2027).number, 1) << "a new year starts again from 01";
    EXPECT_EQ(store->reserve_next("other-" + book_, 2026).number, 1) << "books count separately";
    EXPECT_EQ(store->reserve_next(book_, 2026).number, 3);
}

TEST_P(RegisterStoreTest, ConfirmRecordsTheIssuance) {
    auto store = open();
    Reservation r = store->reserve_next(book_, 2026);
    store->confirm(r, {"01/2026/QĐ-UBND", "QĐ-UBND", "2026-02-05", "QUYẾT ĐỊNH Về việc thử", "Nguyễn Thanh Bình; UBND",
                       "0a; 0b", std::string(64, 'e'), "/tmp/x.pdf"});
    std::vector<RegisterEntry> entries = store->list(book_, 2026);
    ASSERT_EQ(entries.size(), 1u);
    EXPECT_EQ(entries[0].state, EntryState::Confirmed);
    EXPECT_EQ(entries[0].summary, "QUYẾT ĐỊNH Về việc thử");
    EXPECT_EQ(entries[0].signers, "Nguyễn Thanh Bình; UBND");
    EXPECT_EQ(entries[0].sha256, std::string(64, 'e'));
    EXPECT_FALSE(entries[0].os_user.empty());
    EXPECT_FALSE(entries[0].confirmed_at.empty());
    EXPECT_EQ(error_code_of([&] { store->confirm(r, {}); }), ErrorCode::BadArguments) << "confirmed only once";
}

TEST_P(RegisterStoreTest, ReleasedLastNumberIsReusedOtherwiseVoided) {
    auto store = open();
    Reservation first = store->reserve_next(book_, 2026);
    EXPECT_FALSE(store->release(first, "ký thất bại")) << "the last number is simply released";
    EXPECT_EQ(store->reserve_next(book_, 2026).number, 1) << "so the next issuance takes it: no gap";
    Reservation second = store->reserve_next(book_, 2026);
    store->reserve_next(book_, 2026); // a colleague's number after ours
    EXPECT_TRUE(store->release(second, "PIN sai / wrong PIN"));
    std::vector<RegisterEntry> entries = store->list(book_, 2026);
    ASSERT_EQ(entries.size(), 3u);
    EXPECT_EQ(entries[1].state, EntryState::Void);
    EXPECT_EQ(entries[1].void_reason, "PIN sai / wrong PIN") << "a hole is explained, never silent";
    EXPECT_TRUE(register_gaps(entries).empty());
}

TEST_P(RegisterStoreTest, HandTypedNumberAlreadyUsedIsRefusedClearly) {
    auto store = open();
    store->reserve_next(book_, 2026);
    std::string message;
    EXPECT_EQ(error_code_of([&] { store->reserve_number(book_, 2026, 1); }, &message), ErrorCode::BadArguments);
    EXPECT_NE(message.find("đã có trong sổ"), std::string::npos) << message;
    EXPECT_EQ(store->reserve_number(book_, 2026, 5).number, 5);
    EXPECT_EQ(store->reserve_next(book_, 2026).number, 6);
    std::vector<std::string> gaps = register_gaps(store->list(book_, 2026));
    ASSERT_EQ(gaps.size(), 1u);
    EXPECT_NE(gaps[0].find(": 2, 3, 4"), std::string::npos) << gaps[0];
}

TEST_P(RegisterStoreTest, StaleReservationCanBeVoidedByHand) {
    auto store = open();
    store->reserve_next(book_, 2026); // its process crashed before confirming
    EXPECT_EQ(error_code_of([&] { store->void_number(book_, 2026, 1, ""); }), ErrorCode::BadArguments);
    store->void_number(book_, 2026, 1, "máy treo khi ký");
    EXPECT_EQ(store->list(book_, 2026).at(0).state, EntryState::Void);
    EXPECT_EQ(store->reserve_next(book_, 2026).number, 2) << "a voided number is never given again";
}

// N processes each reserve M numbers at once, confirming most and releasing every fifth: no
// number twice, and the register holds 1..K without a hole (released ones reused or voided).
TEST_P(RegisterStoreTest, ConcurrentProcessesNeverCollide) {
    constexpr int kProcesses = 4, kEach = 25;
    EXPECT_EQ(failures_in_processes(kProcesses,
                                    [&](int p) {
                                        auto store = open_register(location_);
                                        for (int i = 0; i < kEach; ++i) {
                                            Reservation r = store->reserve_next(book_, 2026);
                                            if (i % 5 == 4)
                                                store->release(r, "huỷ thử / test cancel");
                                            else
                                                store->confirm(r, {std::to_string(r.number) + "/2026/QĐ-UBND", "QĐ-UBND",
                                                                   "2026-01-01", "", "", "", std::to_string(p), ""});
                                        }
                                    }),
              0)
        << "see the children's errors on stderr";
    std::vector<RegisterEntry> entries = open()->list(book_, 2026);
    std::set<int> numbers;
    int confirmed = 0;
    for (const RegisterEntry& e : entries) {
        EXPECT_TRUE(numbers.insert(e.number).second) << "duplicate " << e.number;
        EXPECT_NE(e.state, EntryState::Reserved) << e.number << " left reserved";
        confirmed += e.state == EntryState::Confirmed;
    }
    EXPECT_EQ(confirmed, kProcesses * (kEach - kEach / 5));
    EXPECT_EQ(*numbers.rbegin(), static_cast<int>(entries.size())) << "numbers are 1..K";
    EXPECT_TRUE(register_gaps(entries).empty());
}

INSTANTIATE_TEST_SUITE_P(Backends, RegisterStoreTest, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });

TEST(RegisterPostgres, ServerDownOrWrongPasswordIsExplained) {
    std::string message;
    EXPECT_EQ(error_code_of([] { open_register("postgresql://kyso:x@127.0.0.1:1/kyso_register"); }, &message),
              ErrorCode::OutputProblem);
    EXPECT_NE(message.find("Không kết nối được"), std::string::npos) << message;
    std::filesystem::path pg = TestEnv::get().work / "postgres";
    if (!std::filesystem::exists(pg / "conninfo"))
        GTEST_SKIP() << "no PostgreSQL server for the wrong-password half";
    std::string good = read_text(pg / "conninfo");
    std::string bad = good.substr(0, good.find(':', 13) + 1) + "sai-mat-khau" + good.substr(good.find('@'));
    EXPECT_EQ(error_code_of([&] { open_register(bad); }, &message), ErrorCode::OutputProblem);
    EXPECT_NE(message.find("từ chối tên đăng nhập hoặc mật khẩu"), std::string::npos) << message;
    EXPECT_EQ(message.find("sai-mat-khau"), std::string::npos) << "the password never appears in a message";
}

// A register on a read-only share: the write is refused with a message and the file is unchanged.
// Clerks on one machine often open a register that does not exist yet at the same moment (the
// first issuance of the day after an install). Every opener of a new file races to create its
// schema and switch it to WAL; none may fail with "locked".
TEST(RegisterSqlite, SimultaneousFirstOpensOfANewFileAllSucceed) {
    constexpr int kRounds = 12, kProcesses = 6;
    for (int round = 0; round < kRounds; ++round) {
        std::string location = (TestEnv::get().scratch() / "moi.sqlite").string();
        EXPECT_EQ(failures_in_processes(
                      kProcesses, [&](int) { open_register(location)->reserve_next("SimultaneousFirstOpens", 2026); }),
                  0)
            << "round " << round << ": see the children's errors on stderr";
        EXPECT_EQ(open_register(location)->list("SimultaneousFirstOpens", 2026).size(), size_t{kProcesses});
    }
}

TEST(RegisterSqlite, ReadOnlyRegisterIsRefusedAndUntouched) {
    std::filesystem::path dir = TestEnv::get().scratch();
    std::string path = (dir / "so.sqlite").string();
    open_register(path)->reserve_next("chung", 2026);
    std::filesystem::permissions(dir, std::filesystem::perms::owner_all | std::filesystem::perms::others_read |
                                          std::filesystem::perms::others_exec);
    std::filesystem::permissions(path, std::filesystem::perms::owner_all | std::filesystem::perms::others_read);
    pid_t pid = ::fork();
    if (pid == 0) { // root ignores permissions: the attempt runs as "nobody"
        if (::geteuid() == 0 && (::setgid(65534) != 0 || ::setuid(65534) != 0))
            ::_exit(3);
        try {
            open_register(path)->reserve_next("chung", 2026);
        } catch (const Error& e) {
            bool explained = e.code() == ErrorCode::OutputProblem && e.english().find("register") != std::string::npos;
            ::_exit(explained ? 0 : 2);
        }
        ::_exit(1);
    }
    int status = 0;
    ::waitpid(pid, &status, 0);
    ASSERT_TRUE(WIFEXITED(status));
    EXPECT_EQ(WEXITSTATUS(status), 0) << "1: the write succeeded; 2: unclear error; 3: cannot drop root";
    EXPECT_EQ(open_register(path)->list("chung", 2026).size(), 1u);
}

TEST(RegisterOds, ExportOpensInCalcWithDecree30Columns) {
    std::filesystem::path dir = TestEnv::get().scratch();
    auto store = open_register((dir / "so.sqlite").string());
    Reservation r = store->reserve_next("chung", 2026);
    store->confirm(r, {"01/2026/QĐ-UBND", "QĐ-UBND", "2026-02-05", "QUYẾT ĐỊNH Về việc thử & kiểm tra", "Nguyễn Thanh Bình",
                       "0a", std::string(64, 'e'), "/tmp/x.pdf"});
    store->release(store->reserve_next("chung", 2026), "hủy"); // released: not listed
    std::string ods = (dir / "so.ods").string();
    export_register_ods(store->list("chung", 2026), "Năm: 2026", ods);
    export_register_ods(store->list("chung", 2026), "Năm: 2026", (dir / "so.fods").string());
    test::RunResult soffice = test::run({"soffice", "--headless", "-env:UserInstallation=file://" + (dir / "profile").string(),
                                         "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76", "--outdir",
                                         (dir / "csv").string(), ods});
    if (soffice.status == 127 || soffice.status < 0)
        GTEST_SKIP() << "soffice not installed: the .ods was written but not opened";
    std::ifstream in(dir / "csv" / "so.csv");
    std::string csv((std::istreambuf_iterator<char>(in)), {});
    EXPECT_NE(csv.find("SỔ ĐĂNG KÝ VĂN BẢN ĐI"), std::string::npos) << soffice.err << csv;
    EXPECT_NE(csv.find("Tên loại và trích yếu nội dung văn bản"), std::string::npos);
    EXPECT_NE(csv.find("01/2026/QĐ-UBND,05/02/2026,QUYẾT ĐỊNH Về việc thử & kiểm tra,Nguyễn Thanh Bình"), std::string::npos)
        << csv;
}

} // namespace
} // namespace kyso
