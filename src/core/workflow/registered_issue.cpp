#include "core/workflow/registered_issue.hpp"

#include "core/error.hpp"
#include "core/progress.hpp"
#include "core/workflow/issued_record.hpp"
#include "core/register/register_store.hpp"

#include <cstdio>
#include <filesystem>

namespace kyso {
namespace {

std::string iso_date(const CivilDate& d) {
    char text[16];
    std::snprintf(text, sizeof text, "%04d-%02d-%02d", d.year, d.month, d.day);
    return text;
}

// The number stays reserved when even the release failed: say so, and how to void it.
Error with_stuck_number(const Error& original, const Reservation& r) {
    std::string n = std::to_string(r.number) + "/" + std::to_string(r.year);
    return Error(original.code(),
                 original.vietnamese() + " Số " + n + " vẫn đang được giữ trong sổ; hãy huỷ bằng: kyso register void --book \"" +
                     r.book + "\" --year " + std::to_string(r.year) + " --number " + std::to_string(r.number) + " --reason …",
                 original.english() + " Number " + n + " is still reserved in the register; void it with kyso register void.",
                 original.cause());
}

} // namespace

IssueResult issue_with_register(const IssueOptions& options,
                                const std::function<IssueResult(const IssueOptions&)>& issue) {
    IssueOptions numbered = options;
    numbered.now = options.now ? options.now : std::time(nullptr);
    CivilDate today = vietnam_date(numbered.now);
    std::unique_ptr<RegisterStore> store = open_register(options.register_location);
    Reservation reservation = options.number > 0
                                  ? store->reserve_number(options.register_book, today.year, options.number)
                                  : store->reserve_next(options.register_book, today.year);
    numbered.number = reservation.number;

    IssueResult result;
    try {
        result = issue(numbered);
    } catch (const Error& error) {
        try {
            store->release(reservation, error.vietnamese() + " / " + error.english());
        } catch (const Error&) {
            throw with_stuck_number(error, reservation);
        }
        throw;
    } catch (const std::exception& error) {
        try {
            store->release(reservation, std::string("lỗi nội bộ / internal error: ") + error.what());
        } catch (const Error&) {
        }
        throw;
    } catch (const Cancelled&) { // the văn thư stopped a batch before anything was kept
        try {
            store->release(reservation, "người dùng đã huỷ / cancelled by the user");
        } catch (const Error& error) {
            throw with_stuck_number(error, reservation);
        }
        throw;
    }

    try {
        Issuance issuance;
        issuance.number_text = result.number_text;
        issuance.symbol = options.symbol;
        issuance.date = iso_date(today);
        describe_issued_file(result.signature.output, issuance);
        store->confirm(reservation, issuance);
    } catch (const Error& error) {
        std::error_code ignored;
        std::filesystem::remove(result.signature.output, ignored);
        Error unregistered(ErrorCode::OutputProblem,
                           "Văn bản đã ký nhưng không ghi được vào sổ đăng ký, nên tệp phát hành đã bị xoá: " +
                               error.vietnamese(),
                           "The document was signed but could not be recorded in the register, so the issued file was "
                           "removed: " + error.english(),
                           error.cause());
        try {
            store->release(reservation, "không ghi được vào sổ / could not be recorded: " + error.english());
        } catch (const Error&) {
            throw with_stuck_number(unregistered, reservation);
        }
        throw unregistered;
    }
    return result;
}

} // namespace kyso
