#include "core/register/register_store.hpp"

#include "core/error.hpp"
#include "core/register/sql_session.hpp"

#include <openssl/rand.h>
#include <pwd.h>
#include <unistd.h>

#include <cstdlib>
#include <ctime>
#include <map>

namespace kyso {

namespace sql {
const char* const kSchema[] = {
    // One row per (book, year): the row every allocation in that year locks first.
    "CREATE TABLE IF NOT EXISTS register_years (book TEXT NOT NULL, year INTEGER NOT NULL, PRIMARY KEY (book, year))",
    "CREATE TABLE IF NOT EXISTS register_entries ("
    " book TEXT NOT NULL, year INTEGER NOT NULL, number INTEGER NOT NULL CHECK (number > 0),"
    " state TEXT NOT NULL CHECK (state IN ('reserved', 'confirmed', 'void')), token TEXT NOT NULL,"
    " number_text TEXT NOT NULL DEFAULT '', symbol TEXT NOT NULL DEFAULT '', issue_date TEXT NOT NULL DEFAULT '',"
    " summary TEXT NOT NULL DEFAULT '', signers TEXT NOT NULL DEFAULT '', cert_serials TEXT NOT NULL DEFAULT '',"
    " sha256 TEXT NOT NULL DEFAULT '', file TEXT NOT NULL DEFAULT '', reserved_at TEXT NOT NULL,"
    " confirmed_at TEXT NOT NULL DEFAULT '', os_user TEXT NOT NULL, host TEXT NOT NULL,"
    " void_reason TEXT NOT NULL DEFAULT '', PRIMARY KEY (book, year, number))",
    nullptr,
};
} // namespace sql

namespace {

std::string now_utc() {
    std::time_t now = std::time(nullptr);
    std::tm parts{};
    gmtime_r(&now, &parts);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &parts);
    return text;
}

std::string os_user() {
    if (const passwd* pw = ::getpwuid(::geteuid()))
        return pw->pw_name;
    const char* user = std::getenv("USER");
    return user ? user : "?";
}

std::string host_name() {
    char name[256] = {};
    return ::gethostname(name, sizeof name - 1) == 0 ? name : "?";
}

std::string random_token() {
    unsigned char bytes[12];
    if (RAND_bytes(bytes, sizeof bytes) != 1)
        throw Error(ErrorCode::Internal, "Không tạo được số ngẫu nhiên.", "No random bytes for the reservation.");
    static const char* hex = "0123456789abcdef";
    std::string out;
    for (unsigned char b : bytes)
        out += {hex[b >> 4], hex[b & 15]};
    return out;
}

std::string who(const std::string& book, int year, int number) {
    return "số " + std::to_string(number) + " năm " + std::to_string(year) + " (sổ \"" + book + "\")";
}
std::string who_en(const std::string& book, int year, int number) {
    return "number " + std::to_string(number) + " of " + std::to_string(year) + " (book \"" + book + "\")";
}

void check_key(const std::string& book, int year) {
    if (book.empty())
        throw Error(ErrorCode::BadArguments, "Cần tên sổ đăng ký.", "The register book needs a name.");
    if (year < 2000 || year > 9999)
        throw Error(ErrorCode::BadArguments, "Năm không hợp lệ: " + std::to_string(year), "Invalid year: " + std::to_string(year));
}

/// A write transaction that rolls back unless committed.
class Transaction {
public:
    explicit Transaction(sql::Session& session) : session_(session) { session_.begin(); }
    ~Transaction() {
        if (!done_)
            session_.rollback();
    }
    void commit() {
        session_.commit();
        done_ = true;
    }

private:
    sql::Session& session_;
    bool done_ = false;
};

class SqlRegister : public RegisterStore {
public:
    explicit SqlRegister(std::unique_ptr<sql::Session> session) : db_(std::move(session)) {}

    Reservation reserve_next(const std::string& book, int year) override {
        check_key(book, year);
        Transaction tx(*db_);
        lock_year(book, year);
        auto rows = db_->query("SELECT COALESCE(MAX(number), 0) + 1 FROM register_entries WHERE book = ? AND year = ?",
                               {book, std::to_string(year)});
        Reservation r = insert(book, year, std::stoi(*rows.at(0).at(0)));
        tx.commit();
        return r;
    }

    Reservation reserve_number(const std::string& book, int year, int number) override {
        check_key(book, year);
        if (number < 1)
            throw Error(ErrorCode::BadArguments, "Số văn bản phải từ 1 trở lên.", "The number must be 1 or more.");
        Transaction tx(*db_);
        lock_year(book, year);
        auto rows = db_->query("SELECT state, number_text, issue_date, reserved_at, os_user, host FROM register_entries"
                               " WHERE book = ? AND year = ? AND number = ?",
                               {book, std::to_string(year), std::to_string(number)});
        if (!rows.empty()) {
            const sql::Row& r = rows[0];
            std::string state = r[0].value_or(""), details;
            if (state == "confirmed")
                details = "đã cấp cho văn bản " + r[1].value_or("") + " ngày " + r[2].value_or("");
            else if (state == "void")
                details = "đã bị huỷ (số đã huỷ không dùng lại)";
            else
                details = "đang được giữ bởi " + r[4].value_or("") + "@" + r[5].value_or("") + " từ " + r[3].value_or("");
            throw Error(ErrorCode::BadArguments,
                        "Số " + std::to_string(number) + "/" + std::to_string(year) + " đã có trong sổ \"" + book + "\": " +
                            details + ". Hãy để trống số (bỏ --number) để lấy số kế tiếp.",
                        "Number " + std::to_string(number) + "/" + std::to_string(year) + " is already in book \"" + book +
                            "\" (" + state + "). Leave the number empty (no --number) to take the next one.");
        }
        Reservation res = insert(book, year, number);
        tx.commit();
        return res;
    }

    void confirm(const Reservation& r, const Issuance& i) override {
        Transaction tx(*db_);
        auto rows = db_->query(
            "UPDATE register_entries SET state = 'confirmed', number_text = ?, symbol = ?, issue_date = ?, summary = ?,"
            " signers = ?, cert_serials = ?, sha256 = ?, file = ?, confirmed_at = ?"
            " WHERE book = ? AND year = ? AND number = ? AND token = ? AND state = 'reserved' RETURNING number",
            {i.number_text, i.symbol, i.date, i.summary, i.signers, i.cert_serials, i.sha256, i.file, now_utc(), r.book,
             std::to_string(r.year), std::to_string(r.number), r.token});
        if (rows.size() != 1)
            throw Error(ErrorCode::BadArguments,
                        "Không xác nhận được " + who(r.book, r.year, r.number) +
                            " trong sổ: số này không còn được giữ cho lần phát hành này (đã bị huỷ?).",
                        "Cannot confirm " + who_en(r.book, r.year, r.number) +
                            ": it is no longer reserved for this issuance (voided meanwhile?).");
        tx.commit();
    }

    bool release(const Reservation& r, const std::string& reason) override {
        Transaction tx(*db_);
        lock_year(r.book, r.year);
        std::vector<std::string> key{r.book, std::to_string(r.year), std::to_string(r.number), r.token};
        auto higher = db_->query("SELECT COUNT(*) FROM register_entries WHERE book = ? AND year = ? AND number > ?",
                                 {r.book, std::to_string(r.year), std::to_string(r.number)});
        bool last = std::stoi(*higher.at(0).at(0)) == 0;
        auto rows = last ? db_->query("DELETE FROM register_entries WHERE book = ? AND year = ? AND number = ? AND token = ?"
                                      " AND state = 'reserved' RETURNING number", key)
                         : db_->query("UPDATE register_entries SET state = 'void', void_reason = ?, confirmed_at = ?"
                                      " WHERE book = ? AND year = ? AND number = ? AND token = ? AND state = 'reserved'"
                                      " RETURNING number",
                                      {reason, now_utc(), key[0], key[1], key[2], key[3]});
        tx.commit();
        return !last && rows.size() == 1;
    }

    void void_number(const std::string& book, int year, int number, const std::string& reason) override {
        if (reason.empty())
            throw Error(ErrorCode::BadArguments, "Cần ghi lý do huỷ số.", "A reason is needed to void a number.");
        Transaction tx(*db_);
        auto rows = db_->query("UPDATE register_entries SET state = 'void', void_reason = ?, confirmed_at = ?"
                               " WHERE book = ? AND year = ? AND number = ? AND state = 'reserved' RETURNING number",
                               {reason, now_utc(), book, std::to_string(year), std::to_string(number)});
        if (rows.size() != 1)
            throw Error(ErrorCode::BadArguments,
                        "Chỉ huỷ được số đang giữ chỗ; " + who(book, year, number) + " không ở trạng thái đó.",
                        "Only a reserved number can be voided; " + who_en(book, year, number) + " is not reserved.");
        tx.commit();
    }

    std::vector<RegisterEntry> list(const std::string& book, std::optional<int> year) override {
        std::string sql =
            "SELECT book, year, number, state, number_text, symbol, issue_date, summary, signers, cert_serials, sha256,"
            " file, reserved_at, confirmed_at, os_user, host, void_reason FROM register_entries WHERE 1 = 1";
        std::vector<std::string> params;
        if (!book.empty()) {
            sql += " AND book = ?";
            params.push_back(book);
        }
        if (year) {
            sql += " AND year = ?";
            params.push_back(std::to_string(*year));
        }
        std::vector<RegisterEntry> entries;
        for (const sql::Row& row : db_->query(sql + " ORDER BY book, year, number", params)) {
            auto text = [&row](size_t i) { return row.at(i).value_or(""); };
            RegisterEntry e;
            e.book = text(0);
            e.year = std::stoi(text(1));
            e.number = std::stoi(text(2));
            e.state = text(3) == "confirmed" ? EntryState::Confirmed : text(3) == "void" ? EntryState::Void : EntryState::Reserved;
            e.number_text = text(4);
            e.symbol = text(5);
            e.date = text(6);
            e.summary = text(7);
            e.signers = text(8);
            e.cert_serials = text(9);
            e.sha256 = text(10);
            e.file = text(11);
            e.reserved_at = text(12);
            e.confirmed_at = text(13);
            e.os_user = text(14);
            e.host = text(15);
            e.void_reason = text(16);
            entries.push_back(std::move(e));
        }
        return entries;
    }

    std::string describe() const override { return db_->describe(); }

private:
    // Every writer of (book, year) takes this row's lock first, so allocations queue up.
    void lock_year(const std::string& book, int year) {
        db_->query("INSERT INTO register_years (book, year) VALUES (?, ?) ON CONFLICT DO NOTHING", {book, std::to_string(year)});
        db_->query(std::string("SELECT book FROM register_years WHERE book = ? AND year = ?") + db_->row_lock(),
                   {book, std::to_string(year)});
    }

    Reservation insert(const std::string& book, int year, int number) {
        Reservation r{book, year, number, random_token()};
        db_->query("INSERT INTO register_entries (book, year, number, state, token, reserved_at, os_user, host)"
                   " VALUES (?, ?, ?, 'reserved', ?, ?, ?, ?)",
                   {book, std::to_string(year), std::to_string(number), r.token, now_utc(), os_user(), host_name()});
        return r;
    }

    std::unique_ptr<sql::Session> db_;
};

} // namespace

const char* state_name(EntryState state) {
    switch (state) {
    case EntryState::Reserved: return "reserved";
    case EntryState::Confirmed: return "confirmed";
    case EntryState::Void: return "void";
    }
    return "?";
}

bool is_postgres_location(const std::string& location) {
    return location.rfind("postgresql://", 0) == 0 || location.rfind("postgres://", 0) == 0 ||
           location.find("dbname=") != std::string::npos || location.find("host=") != std::string::npos;
}

std::unique_ptr<RegisterStore> open_register(const std::string& location) {
    if (location.empty())
        throw Error(ErrorCode::BadArguments, "Chưa cấu hình sổ đăng ký văn bản đi.", "No register configured.");
    if (is_postgres_location(location))
        return std::make_unique<SqlRegister>(sql::open_postgres(location));
    return std::make_unique<SqlRegister>(sql::open_sqlite(location));
}

std::string default_register_location() {
    if (const char* configured = std::getenv("KYSO_REGISTER"); configured && *configured)
        return configured;
    if (const char* data = std::getenv("XDG_DATA_HOME"); data && *data)
        return std::string(data) + "/kyso/register.sqlite";
    const char* home = std::getenv("HOME");
    return std::string(home && *home ? home : ".") + "/.local/share/kyso/register.sqlite";
}

int next_number(RegisterStore& store, const std::string& book, int year) {
    std::vector<RegisterEntry> entries = store.list(book, year);
    return entries.empty() ? 1 : entries.back().number + 1;
}

std::string register_title(const RegisterStore& store, const std::string& book, std::optional<int> year) {
    return "Năm: " + (year ? std::to_string(*year) : std::string("tất cả")) + (book.empty() ? "" : " — Sổ: " + book) +
           " — " + store.describe();
}

std::vector<std::string> register_gaps(const std::vector<RegisterEntry>& entries) {
    std::map<std::pair<std::string, int>, std::vector<int>> numbers;
    for (const RegisterEntry& e : entries)
        numbers[{e.book, e.year}].push_back(e.number);
    std::vector<std::string> lines;
    for (auto& [key, list] : numbers) {
        std::string missing;
        int expected = 1;
        for (int n : list) { // already ordered by list()
            for (; expected < n; ++expected)
                missing += (missing.empty() ? "" : ", ") + std::to_string(expected);
            expected = n + 1;
        }
        if (!missing.empty())
            lines.push_back(key.first + "/" + std::to_string(key.second) + ": " + missing);
    }
    return lines;
}

} // namespace kyso
