// PDF dates in Vietnam time ("D:20261124103000+07'00'") and their ISO 8601 twin.
#pragma once

#include <ctime>
#include <optional>
#include <string>

namespace kyso {

/// Vietnam's UTC offset, in minutes (no daylight saving).
constexpr int kVietnamOffsetMinutes = 7 * 60;

/// "D:YYYYMMDDHHmmSS+07'00'" for `when`, written in the given UTC offset.
std::string pdf_date(std::time_t when, int offset_minutes = kVietnamOffsetMinutes);

/// "YYYY-MM-DDTHH:MM:SS+07:00".
std::string iso8601_local(std::time_t when, int offset_minutes = kVietnamOffsetMinutes);

/// Parses a PDF date (offset, Z or none = UTC); nullopt when malformed.
std::optional<std::time_t> parse_pdf_date(const std::string& text);

} // namespace kyso
