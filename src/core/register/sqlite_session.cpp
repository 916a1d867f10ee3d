// The register in a SQLite file: WAL on a local disk (readers never wait for the writer), the
// classic rollback journal on a network share (WAL needs shared memory on one host, so it is
// unsafe over SMB/NFS). Writers serialise with BEGIN IMMEDIATE and wait up to 15 s.
#include "core/error.hpp"
#include "core/register/sql_session.hpp"

#include <sqlite3.h>
#include <sys/vfs.h>

#include <chrono>
#include <filesystem>
#include <thread>

namespace kyso::sql {
namespace {

namespace fs = std::filesystem;

constexpr int kBusyTimeoutMs = 15000;

// statfs magic numbers of network filesystems (linux/magic.h and cifs).
bool on_network_share(const fs::path& folder) {
    struct statfs info {};
    if (::statfs(folder.c_str(), &info) != 0)
        return false;
    switch (static_cast<unsigned long>(info.f_type)) {
    case 0x6969UL:     // NFS
    case 0x517BUL:     // SMB
    case 0xFF534D42UL: // CIFS
    case 0xFE534D42UL: // SMB2
    case 0x65735546UL: // FUSE (sshfs, gvfs)
        return true;
    default:
        return false;
    }
}

class SqliteSession : public Session {
public:
    explicit SqliteSession(const std::string& path) : path_(path) {
        fs::path folder = fs::absolute(path).parent_path();
        std::error_code ec;
        fs::create_directories(folder, ec);
        if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX,
                            nullptr) != SQLITE_OK) {
            std::string cause = db_ ? sqlite3_errmsg(db_) : "out of memory";
            sqlite3_close(db_);
            db_ = nullptr;
            throw Error(ErrorCode::OutputProblem,
                        "Không mở được sổ đăng ký văn bản đi \"" + path + "\" (thư mục không tồn tại hoặc không có quyền ghi).",
                        "Cannot open the register \"" + path + "\" (missing folder or no write permission).", cause);
        }
        try {
            sqlite3_busy_timeout(db_, kBusyTimeoutMs);
            set_journal_mode(on_network_share(folder) ? "delete" : "wal");
            query("PRAGMA synchronous = FULL"); // a confirmed number survives a power cut
            begin();
            try {
                for (const char* const* statement = kSchema; *statement; ++statement)
                    query(*statement);
                commit();
            } catch (...) {
                rollback();
                throw;
            }
        } catch (...) {
            sqlite3_close(db_);
            throw;
        }
    }
    ~SqliteSession() override { sqlite3_close(db_); }

    std::vector<Row> query(const std::string& sql, const std::vector<std::string>& params = {}) override {
        sqlite3_stmt* raw = nullptr;
        check(sqlite3_prepare_v2(db_, sql.c_str(), static_cast<int>(sql.size()), &raw, nullptr));
        std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)> statement(raw, sqlite3_finalize);
        for (size_t i = 0; i < params.size(); ++i)
            check(sqlite3_bind_text(raw, static_cast<int>(i + 1), params[i].c_str(), static_cast<int>(params[i].size()),
                                    SQLITE_TRANSIENT));
        std::vector<Row> rows;
        for (;;) {
            int rc = sqlite3_step(raw);
            if (rc == SQLITE_DONE)
                break;
            if (rc != SQLITE_ROW)
                check(rc);
            Row row;
            for (int c = 0; c < sqlite3_column_count(raw); ++c) {
                const unsigned char* text = sqlite3_column_text(raw, c);
                row.push_back(text ? std::optional<std::string>(reinterpret_cast<const char*>(text)) : std::nullopt);
            }
            rows.push_back(std::move(row));
        }
        return rows;
    }

    void begin() override { query("BEGIN IMMEDIATE"); }
    void commit() override { query("COMMIT"); }
    void rollback() noexcept override { sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr); }
    const char* row_lock() const override { return ""; } // BEGIN IMMEDIATE already locks the file
    std::string describe() const override { return path_; }

private:
    // Switching the journal mode needs the file to itself, and SQLite answers SQLITE_BUSY at once
    // there instead of calling the busy handler: several clerks opening a new register together
    // would fail. So ask first (once set, the mode is stored in the file) and retry the switch
    // until the same 15 s the busy handler allows.
    void set_journal_mode(const std::string& wanted) {
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(kBusyTimeoutMs);
        for (;;) {
            try {
                if (query("PRAGMA journal_mode").at(0).at(0).value_or("") == wanted)
                    return;
                query("PRAGMA journal_mode = " + wanted);
                return;
            } catch (const Error&) {
                if ((sqlite3_errcode(db_) & 0xff) != SQLITE_BUSY || std::chrono::steady_clock::now() > deadline)
                    throw;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
    }

    void check(int rc) {
        if (rc == SQLITE_OK || rc == SQLITE_DONE || rc == SQLITE_ROW)
            return;
        std::string cause = std::string(sqlite3_errstr(rc)) + ": " + sqlite3_errmsg(db_) + " (" +
                            std::to_string(sqlite3_extended_errcode(db_)) + ")";
        int primary = rc & 0xff;
        if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED)
            throw Error(ErrorCode::OutputProblem,
                        "Sổ đăng ký \"" + path_ + "\" đang bị khoá bởi người khác quá 15 giây; hãy thử lại.",
                        "The register \"" + path_ + "\" has been locked by someone else for over 15 s; try again.", cause);
        if (primary == SQLITE_READONLY || primary == SQLITE_CANTOPEN || primary == SQLITE_PERM || primary == SQLITE_AUTH)
            throw Error(ErrorCode::OutputProblem,
                        "Không ghi được vào sổ đăng ký \"" + path_ + "\" (tệp hoặc thư mục chỉ đọc?).",
                        "Cannot write to the register \"" + path_ + "\" (read-only file or folder?).", cause);
        if (primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB)
            throw Error(ErrorCode::OutputProblem, "Tệp sổ đăng ký \"" + path_ + "\" bị hỏng hoặc không phải sổ của kyso.",
                        "The register file \"" + path_ + "\" is damaged or not a kyso register.", cause);
        throw Error(ErrorCode::OutputProblem, "Lỗi khi ghi sổ đăng ký \"" + path_ + "\".",
                    "The register \"" + path_ + "\" failed.", cause);
    }

    std::string path_;
    sqlite3* db_ = nullptr;
};

} // namespace

std::unique_ptr<Session> open_sqlite(const std::string& path) { return std::make_unique<SqliteSession>(path); }

} // namespace kyso::sql
