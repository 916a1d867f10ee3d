// The little the register needs from a database: run one statement with text parameters and
// read text rows, inside a transaction that locks out the other writers of the register. The
// register's logic (register_store.cpp) is written once over this; SQLite and PostgreSQL only
// differ here.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace kyso::sql {

using Row = std::vector<std::optional<std::string>>;

/// One open connection. Statements use `?` placeholders; parameters are text.
class Session {
public:
    virtual ~Session() = default;
    /// Runs `sql`; returns its rows (RETURNING or SELECT), empty otherwise.
    virtual std::vector<Row> query(const std::string& sql, const std::vector<std::string>& params = {}) = 0;
    /// Starts a write transaction (SQLite: BEGIN IMMEDIATE, waiting while another writer holds it).
    virtual void begin() = 0;
    virtual void commit() = 0;
    virtual void rollback() noexcept = 0;
    /// Appended to the SELECT of the (book, year) row to lock it (" FOR UPDATE" or "").
    virtual const char* row_lock() const = 0;
    /// Location for messages, without secrets.
    virtual std::string describe() const = 0;
};

/// Opens a SQLite register file (parent folders created), WAL on local disks; schema applied.
std::unique_ptr<Session> open_sqlite(const std::string& path);
/// Connects to PostgreSQL with a libpq connection string; schema applied.
std::unique_ptr<Session> open_postgres(const std::string& conninfo);

/// The schema, the same text for both (SQLite ≥ 3.24 and PostgreSQL ≥ 9.5 both accept it).
extern const char* const kSchema[];

} // namespace kyso::sql
