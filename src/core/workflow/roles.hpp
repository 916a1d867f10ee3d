// The regulation's workflow, one function per role (../shared/REGULATION.md):
//   drafter   prepare_draft   — number/date form fields and the signer's place, before anyone signs
//   official  sign_official   — personal certificate, blue signature image centred in box 7c
//   văn thư   issue_document  — number and date filled, organisation certificate, red seal (box 8)
//             sign_attachment — a separate attachment file: invisible signature + top-right note
//             sign_copy       — an electronic copy (sao y, sao lục, trích sao): likewise
// Each writes its output atomically and leaves the input untouched; the CLI and the extension
// call exactly these.
#pragma once

#include "core/crypto/key_signer.hpp"
#include "core/notice.hpp"
#include "core/workflow/sign_document.hpp"

#include <ctime>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kyso {

/// Field names kyso gives the form fields and signatures it adds.
namespace field_names {
constexpr const char* kNumber = "kyso_so";        ///< number gap, box 3
constexpr const char* kDay = "kyso_ngay";         ///< day gap, box 4
constexpr const char* kMonth = "kyso_thang";      ///< month gap, box 4
constexpr const char* kYear = "kyso_nam";         ///< year gap, box 4 (only when printed blank)
constexpr const char* kOfficial = "kyso_official";///< the authorised official's signature
constexpr const char* kOrganisation = "kyso_org"; ///< the organisation's signature
constexpr const char* kNote = "kyso_ghi_chu";     ///< top-right note of an attachment; the prefix of every note
constexpr const char* kCopy = "kyso_sao";         ///< a copy's signature (the copied file keeps its own)
constexpr const char* kCopyNote = "kyso_ghi_chu_sao"; ///< a copy's top-right note
/// The field of reference `index` (1-based) to the document's own number or date, in an
/// appendix heading: kNumber, kDay, kMonth or kYear + "_kem_theo_" + index ("kyso_so_kem_theo_1").
inline std::string reference_field(const char* base, size_t index) {
    return std::string(base) + "_kem_theo_" + std::to_string(index);
}
/// The main field a reference field repeats (kNumber …), or nullptr when `field` is none.
inline const char* referenced_field(const std::string& field) {
    for (const char* base : {kNumber, kDay, kMonth, kYear}) {
        std::string prefix = std::string(base) + "_kem_theo_";
        if (field.size() > prefix.size() && field.compare(0, prefix.size(), prefix) == 0 &&
            field.find_first_not_of("0123456789", prefix.size()) == std::string::npos)
            return base;
    }
    return nullptr;
}
/// The signature fields of signer block `index` (0-based, in TextPlaces::signers order): the
/// first block's are kOfficial and kOrganisation, a joint document's others get "_2", "_3" ….
inline std::string official_field(size_t index) {
    return index == 0 ? kOfficial : std::string(kOfficial) + "_" + std::to_string(index + 1);
}
inline std::string organisation_field(size_t index) {
    return index == 0 ? kOrganisation : std::string(kOrganisation) + "_" + std::to_string(index + 1);
}
/// True for kyso's note fields: kNote, kCopyNote, and either with a "_2", "_3" … suffix.
inline bool is_note(const std::string& field) { return field.rfind(kNote, 0) == 0; }
} // namespace field_names

/// The /Reason of an issuance's signature is this followed by the number as printed
/// ("05/2026/QĐ-UBND"): part of the signed bytes, so the number can be read back from it.
inline constexpr std::string_view kIssueReasonPrefix = "Phát hành văn bản số ";

/// A role's signature time-stamp, as `kyso sign --tsa` asks for it: with a URL, the signature
/// gets an RFC 3161 signature time-stamp (PAdES B-T), or signing is refused and nothing written
/// when the TSA fails, unless `allow_without`.
struct TimestampRequest {
    std::string tsa_url;            ///< empty: no time-stamp
    std::vector<std::string> trust; ///< PEM anchors for the TSA's chain; empty: the system store
    int timeout_seconds = 15;       ///< bounds the whole exchange with the TSA
    bool allow_without = false;     ///< TSA unreachable or refused: sign without one (warned)
};

/// A calendar date in Vietnam.
struct CivilDate {
    int year = 0, month = 0, day = 0;
    bool operator==(const CivilDate&) const = default;
};

/// Today's date in Vietnam (UTC+7) at `now`.
CivilDate vietnam_date(std::time_t now);

struct PrepareOptions {
    std::string input;
    std::string output;
};

struct PrepareResult {
    std::string output;
    bool already_prepared = false; ///< the input had kyso's fields: copied unchanged
    std::string summary_vi, summary_en; ///< which places were found, in words
};

/// Adds the empty number/date fields and records box 7c's place. Refuses a signed PDF.
PrepareResult prepare_draft(const PrepareOptions& options, const NoticeSink& notices = {});

struct OfficialSignOptions {
    std::string input;           ///< a prepared draft, or an unprepared PDF (prepared in the same run)
    std::string output;
    std::string signature_image; ///< blue PNG with a transparent background
    std::time_t now = 0;         ///< 0: the current time
    TimestampRequest timestamp; ///< none by default (PAdES B-B)
    std::string signer;         ///< the full name printed in the block signed; needed when the
                                ///< document has several (a joint document)
};

/// Box 7c: signs with a personal certificate; the image is centred between title and name.
SignResult sign_official(const OfficialSignOptions& options, const KeySigner& official,
                         const NoticeSink& notices = {});

struct IssueOptions {
    std::string input;    ///< carries a valid official signature
    std::string output;
    int number = 0;       ///< 1…; written with a leading zero below 10
    std::string symbol;   ///< e.g. "QĐ-UBND"; upper-cased
    std::optional<CivilDate> date; ///< must be today in Vietnam when given
    std::string seal_image;        ///< red PNG with a transparent background
    std::optional<double> seal_diameter_mm; ///< overrides the PNG's pHYs
    std::vector<std::string> trust_anchors; ///< PEM files for checking the official's chain (none: system store)
    std::time_t now = 0;
    /// Outgoing register (sổ văn bản đi): a SQLite file or a PostgreSQL connection string; empty:
    /// none. With one, number 0 takes the register's next number and a typed number is checked.
    std::string register_location;
    std::string register_book = "chung"; ///< the register book the number is counted in
    TimestampRequest timestamp; ///< none by default (PAdES B-B)
    /// The full name printed in the block whose signature this organisation seals; needed when
    /// the document has several (a joint document). The first organisation to issue numbers and
    /// dates the document; the others add their signature and seal to it, on the same day.
    std::string signer;
};

struct IssueResult {
    SignResult signature;
    int number = 0;          ///< the number given (by the register when none was typed)
    std::string number_text; ///< "42/2026/QĐ-UBND"
    std::string date_text;   ///< "ngày 05 tháng 02 năm 2026"
};

/// A step that belongs to an issuance (signing its attachments): run once the issued file is
/// written and before the register confirms it. When it throws, the issued file is removed, the
/// register's number released, and the error passed on.
using AfterIssue = std::function<void(const IssueResult&)>;

/// Box 8: fills number and date, then signs with the organisation's certificate and seal.
IssueResult issue_document(const IssueOptions& options, const KeySigner& organisation,
                           const NoticeSink& notices = {}, const AfterIssue& after = {});

struct AttachmentOptions {
    std::string input;
    std::string output;
    int number = 0;             ///< the main document's number (without main_document)
    std::string symbol;         ///< its symbol as printed: "STTTT-VP", "2026/QĐ-UBND"; no year is added
    std::time_t now = 0;
    TimestampRequest timestamp; ///< none by default (PAdES B-B)
    /// The issued main document: its number and symbol are taken exactly as printed there
    /// (then number and symbol must not be given).
    std::string main_document;
    /// What issued_number_text(main_document) returned, when the caller has read it already:
    /// a batch reads (and verifies) the main document once, not once per attachment.
    std::string main_number_text;
};

/// The main document's number and symbol as printed in the issued PDF at `path`
/// ("07/STTTT-VP", "42/2026/QĐ-UBND"); refuses a document that is not issued.
std::string issued_number_text(const std::string& path);

/// An attachment in a separate file: invisible organisation signature and, top right of page 1
/// in the free space above the content, "42/2026/QĐ-UBND" and "2026-11-24T10:30:00+07:00" in
/// Times-compatible 10 pt.
SignResult sign_attachment(const AttachmentOptions& options, const KeySigner& organisation,
                           const NoticeSink& notices = {});

/// What sign_attachment checks before any token is used: `input` is a PDF kyso can read (not
/// encrypted) and page 1 has free space at the top right for the note.
void check_attachment_input(const std::string& input);

struct CopyOptions {
    std::string input;
    std::string output;
    std::string form;         ///< "SAO Y", "SAO LỤC" or "TRÍCH SAO"
    std::string organisation; ///< the copying organisation's name
    std::time_t now = 0;
    TimestampRequest timestamp; ///< none by default (PAdES B-B)
};

/// An electronic copy (box 14): invisible signature and the copy note top right of page 1.
SignResult sign_copy(const CopyOptions& options, const KeySigner& organisation, const NoticeSink& notices = {});

} // namespace kyso
