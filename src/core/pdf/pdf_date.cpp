#include "core/pdf/pdf_date.hpp"

#include <cstdio>
#include <cstdlib>

namespace kyso {
namespace {

std::tm shifted(std::time_t when, int offset_minutes) {
    std::time_t local = when + static_cast<std::time_t>(offset_minutes) * 60;
    std::tm parts{};
    gmtime_r(&local, &parts);
    return parts;
}

int field(const std::string& text, size_t at, size_t width, int fallback) {
    if (at + width > text.size())
        return fallback;
    int value = 0;
    for (size_t i = at; i < at + width; ++i) {
        if (text[i] < '0' || text[i] > '9')
            return -1;
        value = value * 10 + (text[i] - '0');
    }
    return value;
}

} // namespace

std::string pdf_date(std::time_t when, int offset_minutes) {
    std::tm t = shifted(when, offset_minutes);
    int off = offset_minutes < 0 ? -offset_minutes : offset_minutes;
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "D:%04d%02d%02d%02d%02d%02d%c%02d'%02d'", t.tm_year + 1900,
                  t.tm_mon + 1, t.tm_mday, t.tm_hour, t.tm_min, t.tm_sec, offset_minutes < 0 ? '-' : '+',
                  off / 60, off % 60);
    return buffer;
}

std::string iso8601_local(std::time_t when, int offset_minutes) {
    std::tm t = shifted(when, offset_minutes);
    int off = offset_minutes < 0 ? -offset_minutes : offset_minutes;
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d", t.tm_year + 1900,
                  t.tm_mon + 1, t.tm_mday, t.tm_hour, t.tm_min, t.tm_sec, offset_minutes < 0 ? '-' : '+',
                  off / 60, off % 60);
    return buffer;
}

std::optional<std::time_t> parse_pdf_date(const std::string& raw) {
    std::string text = raw.rfind("D:", 0) == 0 ? raw.substr(2) : raw;
    int year = field(text, 0, 4, -1);
    int month = field(text, 4, 2, 1), day = field(text, 6, 2, 1);
    int hour = field(text, 8, 2, 0), minute = field(text, 10, 2, 0), second = field(text, 12, 2, 0);
    if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23 ||
        minute < 0 || minute > 59 || second < 0 || second > 60)
        return std::nullopt;
    std::tm parts{};
    parts.tm_year = year - 1900;
    parts.tm_mon = month - 1;
    parts.tm_mday = day;
    parts.tm_hour = hour;
    parts.tm_min = minute;
    parts.tm_sec = second;
    std::time_t utc = timegm(&parts);
    if (text.size() > 14 && (text[14] == '+' || text[14] == '-')) {
        int oh = field(text, 15, 2, 0);
        int om = text.size() > 18 ? field(text, 18, 2, 0) : 0;
        if (oh < 0 || om < 0)
            return std::nullopt;
        int offset = (oh * 60 + om) * (text[14] == '-' ? -1 : 1);
        utc -= static_cast<std::time_t>(offset) * 60;
    }
    return utc;
}

} // namespace kyso
