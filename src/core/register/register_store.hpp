// The outgoing register (sổ văn bản đi, Decree 30 Art. 15): numbers are handed out by the
// register, unique in (book, year) and restarting at 01 each year. A number goes through
//   reserved  → before signing, so two văn thư can never sign with the same number
//   confirmed → after the issued file verified, with its SHA-256, signers and certificate serials
//   void      → signing failed or was cancelled and a later number already exists: kept, with why
// A failed reservation that is still the last number of its year is released (deleted) so the
// next issuance takes it again: no silent gap, no duplicate. Storage is SQLite (a local or shared
// file) or PostgreSQL (one server for the whole office); both behave identically.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace kyso {

/// Where an entry stands.
enum class EntryState { Reserved, Confirmed, Void };

/// "reserved" | "confirmed" | "void", as stored.
const char* state_name(EntryState state);

/// One line of the register.
struct RegisterEntry {
    std::string book;          ///< register book, e.g. "chung" or "QĐ"
    int year = 0;
    int number = 0;
    EntryState state = EntryState::Reserved;
    std::string number_text;   ///< "42/2026/QĐ-UBND" (after confirmation)
    std::string symbol;        ///< "QĐ-UBND"
    std::string date;          ///< issuance date YYYY-MM-DD (Vietnam)
    std::string summary;       ///< type and trích yếu, from the document's title
    std::string signers;       ///< names, "; "-separated, in signing order
    std::string cert_serials;  ///< hex serials, same order
    std::string sha256;        ///< of the issued file
    std::string file;          ///< the issued file's path, as given
    std::string reserved_at, confirmed_at; ///< ISO 8601 UTC
    std::string os_user, host; ///< who reserved it, on which machine
    std::string void_reason;
};

/// A number held for one issuance; only its holder (same token) may confirm or release it.
struct Reservation {
    std::string book;
    int year = 0;
    int number = 0;
    std::string token;
};

/// What an issuance adds on confirmation.
struct Issuance {
    std::string number_text, symbol, date, summary, signers, cert_serials, sha256, file;
};

/// A register: SQLite file or PostgreSQL database. Every method is one transaction and
/// throws kyso::Error (OutputProblem when the register cannot be used, BadArguments for a
/// number already taken or a reservation that is no longer ours).
class RegisterStore {
public:
    virtual ~RegisterStore() = default;

    /// The next free number in (book, year): one more than the highest (reserved, confirmed or void).
    virtual Reservation reserve_next(const std::string& book, int year) = 0;
    /// A number typed by hand; fails clearly if any entry already holds it.
    virtual Reservation reserve_number(const std::string& book, int year, int number) = 0;
    /// Marks a reservation issued. Fails if it was voided or released meanwhile.
    virtual void confirm(const Reservation& reservation, const Issuance& issuance) = 0;
    /// Signing failed: deletes the reservation when it is still the last number of its year,
    /// otherwise marks it void with `reason`. Returns true when the number was voided.
    virtual bool release(const Reservation& reservation, const std::string& reason) = 0;
    /// Voids a reserved number left behind (a crash between reserve and confirm), by hand.
    virtual void void_number(const std::string& book, int year, int number, const std::string& reason) = 0;
    /// Entries ordered by book, year, number; empty book / no year: all.
    virtual std::vector<RegisterEntry> list(const std::string& book, std::optional<int> year) = 0;
    /// The register's location for messages (never a password).
    virtual std::string describe() const = 0;
};

/// The number the next issuance of (book, year) takes when nothing else is issued meanwhile:
/// one more than the highest held. What the văn thư is shown before the register reserves it.
int next_number(RegisterStore& store, const std::string& book, int year);

/// "Năm: 2026 — Sổ: chung — <location>": the heading of an exported register.
std::string register_title(const RegisterStore& store, const std::string& book, std::optional<int> year);

/// Opens (and creates on first use) the register at `location`: a PostgreSQL connection
/// string ("postgresql://…", "postgres://…" or "key=value …") or a SQLite file path.
std::unique_ptr<RegisterStore> open_register(const std::string& location);

/// $KYSO_REGISTER, else $XDG_DATA_HOME/kyso/register.sqlite, else ~/.local/share/kyso/register.sqlite.
std::string default_register_location();

/// True when `location` names a PostgreSQL database rather than a file.
bool is_postgres_location(const std::string& location);

/// Numbers missing between 1 and the highest number of each (book, year) in `entries`:
/// "book/year: 3, 7" lines. Hand-typed numbers can leave such holes; the list shows them.
std::vector<std::string> register_gaps(const std::vector<RegisterEntry>& entries);

} // namespace kyso
