// The register in a PostgreSQL database shared by the whole office. Each allocation locks its
// (book, year) row with SELECT … FOR UPDATE, so concurrent văn thư queue on that row only.
#include "core/error.hpp"
#include "core/register/sql_session.hpp"

#include <dlfcn.h>
#include <libpq-fe.h> // the types and prototypes only: the library is opened when first needed

namespace kyso::sql {
namespace {

// libpq is opened the first time a PostgreSQL register is: linked, it and the twenty libraries
// it brings (Kerberos, LDAP, SASL, GnuTLS; Debian binds them all at start) made every kyso
// command start in 14 ms instead of 7, used or not (bench/RESULTS.md, issue 13.5).
#define KYSO_LIBPQ_FUNCTIONS(F)                                                                              \
    F(PQconnectdbParams) F(PQstatus) F(PQerrorMessage) F(PQfinish) F(PQsetNoticeProcessor) F(PQuser)         \
    F(PQhost) F(PQport) F(PQdb) F(PQexecParams) F(PQexec) F(PQclear) F(PQresultStatus) F(PQntuples)           \
    F(PQnfields) F(PQgetisnull) F(PQgetvalue) F(PQresultErrorMessage) F(PQresultErrorField)

struct LibPq {
#define KYSO_LIBPQ_POINTER(name) decltype(&::name) name = nullptr;
    KYSO_LIBPQ_FUNCTIONS(KYSO_LIBPQ_POINTER)
#undef KYSO_LIBPQ_POINTER
};

const LibPq& libpq() {
    static const LibPq loaded = [] {
        void* library = ::dlopen("libpq.so.5", RTLD_NOW | RTLD_LOCAL);
        if (!library) {
            const char* why = ::dlerror();
            throw Error(ErrorCode::OutputProblem,
                        "Sổ đăng ký trên PostgreSQL cần thư viện libpq của PostgreSQL (cài gói libpq5).",
                        "A register on PostgreSQL needs PostgreSQL's libpq (install the package libpq5).",
                        why ? why : "");
        }
        LibPq pq;
#define KYSO_LIBPQ_LOOKUP(name)                                                                               \
    if (!(pq.name = reinterpret_cast<decltype(&::name)>(::dlsym(library, #name))))                             \
        throw Error(ErrorCode::OutputProblem, "Thư viện libpq thiếu hàm " #name ".", "libpq lacks " #name ".");
        KYSO_LIBPQ_FUNCTIONS(KYSO_LIBPQ_LOOKUP)
#undef KYSO_LIBPQ_LOOKUP
        return pq; // the library stays open for the process
    }();
    return loaded;
}

// The connection string without its password, for messages.
std::string redacted(const std::string& conninfo) {
    std::string out = conninfo;
    if (size_t scheme = out.find("://"); scheme != std::string::npos) {
        size_t at = out.find('@', scheme);
        size_t colon = out.find(':', scheme + 3);
        if (at != std::string::npos && colon != std::string::npos && colon < at)
            out.replace(colon, at - colon, ":***");
    }
    if (size_t key = out.find("password="); key != std::string::npos) {
        size_t end = out.find(' ', key);
        out.replace(key, (end == std::string::npos ? out.size() : end) - key, "password=***");
    }
    return out;
}

class PostgresSession : public Session {
public:
    explicit PostgresSession(const std::string& conninfo) : pq_(libpq()), where_(redacted(conninfo)) {
        // connect_timeout first: the user's own string may override it.
        const char* keys[] = {"connect_timeout", "application_name", "dbname", nullptr};
        const char* values[] = {"10", "kyso", conninfo.c_str(), nullptr};
        conn_ = pq_.PQconnectdbParams(keys, values, 1);
        if (!conn_ || pq_.PQstatus(conn_) != CONNECTION_OK) {
            std::string cause = conn_ ? pq_.PQerrorMessage(conn_) : "out of memory";
            pq_.PQfinish(conn_);
            bool auth = cause.find("authentication") != std::string::npos || cause.find("password") != std::string::npos;
            throw Error(ErrorCode::OutputProblem,
                        auth ? "Máy chủ PostgreSQL của sổ đăng ký từ chối tên đăng nhập hoặc mật khẩu (" + where_ + ")."
                             : "Không kết nối được máy chủ PostgreSQL của sổ đăng ký (" + where_ + "); máy chủ có đang chạy không?",
                        auth ? "The register's PostgreSQL server refused the user name or password (" + where_ + ")."
                             : "Cannot reach the register's PostgreSQL server (" + where_ + "); is it running?",
                        cause);
        }
        pq_.PQsetNoticeProcessor(conn_, [](void*, const char*) {}, nullptr); // "already exists, skipping"
        where_ = std::string("postgresql://") + pq_.PQuser(conn_) + "@" + pq_.PQhost(conn_) + ":" + pq_.PQport(conn_) + "/" + pq_.PQdb(conn_);
        try {
            begin();
            query("SELECT pg_advisory_xact_lock(7236110)"); // two first users must not both create the tables
            for (const char* const* statement = kSchema; *statement; ++statement)
                query(*statement);
            commit();
        } catch (...) {
            rollback();
            pq_.PQfinish(conn_);
            throw;
        }
    }
    ~PostgresSession() override { pq_.PQfinish(conn_); }

    std::vector<Row> query(const std::string& sql, const std::vector<std::string>& params = {}) override {
        std::string text;
        int n = 0;
        for (char c : sql)
            text += c == '?' ? "$" + std::to_string(++n) : std::string(1, c);
        std::vector<const char*> values;
        for (const std::string& p : params)
            values.push_back(p.c_str());
        std::unique_ptr<PGresult, void (*)(PGresult*)> result(
            pq_.PQexecParams(conn_, text.c_str(), static_cast<int>(values.size()), nullptr, values.data(), nullptr, nullptr, 0),
            pq_.PQclear);
        ExecStatusType status = result ? pq_.PQresultStatus(result.get()) : PGRES_FATAL_ERROR;
        if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
            fail(result.get());
        std::vector<Row> rows;
        for (int r = 0; r < pq_.PQntuples(result.get()); ++r) {
            Row row;
            for (int c = 0; c < pq_.PQnfields(result.get()); ++c)
                row.push_back(pq_.PQgetisnull(result.get(), r, c) ? std::nullopt
                                                              : std::optional<std::string>(pq_.PQgetvalue(result.get(), r, c)));
            rows.push_back(std::move(row));
        }
        return rows;
    }

    void begin() override { query("BEGIN"); }
    void commit() override { query("COMMIT"); }
    void rollback() noexcept override { pq_.PQclear(pq_.PQexec(conn_, "ROLLBACK")); }
    const char* row_lock() const override { return " FOR UPDATE"; }
    std::string describe() const override { return where_; }

private:
    [[noreturn]] void fail(const PGresult* result) {
        std::string cause = result ? pq_.PQresultErrorMessage(result) : pq_.PQerrorMessage(conn_);
        if (pq_.PQstatus(conn_) != CONNECTION_OK)
            throw Error(ErrorCode::OutputProblem,
                        "Mất kết nối tới máy chủ PostgreSQL của sổ đăng ký (" + where_ + "); không có gì được ghi.",
                        "Lost the connection to the register's PostgreSQL server (" + where_ + "); nothing was written.",
                        cause);
        const char* state = result ? pq_.PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
        if (state && std::string(state) == "42501")
            throw Error(ErrorCode::OutputProblem,
                        "Tài khoản PostgreSQL không có quyền ghi sổ đăng ký (" + where_ + ").",
                        "The PostgreSQL account may not write the register (" + where_ + ").", cause);
        throw Error(ErrorCode::OutputProblem, "Lỗi khi ghi sổ đăng ký trên PostgreSQL (" + where_ + ").",
                    "The register on PostgreSQL failed (" + where_ + ").", cause);
    }

    const LibPq& pq_;
    std::string where_;
    PGconn* conn_ = nullptr;
};

} // namespace

std::unique_ptr<Session> open_postgres(const std::string& conninfo) { return std::make_unique<PostgresSession>(conninfo); }

} // namespace kyso::sql
