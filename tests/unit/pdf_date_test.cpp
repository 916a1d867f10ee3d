#include "core/pdf/pdf_date.hpp"

#include <gtest/gtest.h>

namespace kyso {
namespace {

constexpr std::time_t kNoonUtc = 1795521600; // 2026-11-24T12:00:00Z

TEST(PdfDate, WritesVietnamTime) {
    EXPECT_EQ(pdf_date(kNoonUtc), "D:20261124190000+07'00'");
    EXPECT_EQ(iso8601_local(kNoonUtc), "2026-11-24T19:00:00+07:00");
}

TEST(PdfDate, CrossesMidnightIntoTheNextVietnameseDay) {
    EXPECT_EQ(iso8601_local(kNoonUtc + 5 * 3600), "2026-11-25T00:00:00+07:00");
}

TEST(PdfDate, ParsesWhatItWrites) {
    EXPECT_EQ(parse_pdf_date(pdf_date(kNoonUtc)), kNoonUtc);
    EXPECT_EQ(parse_pdf_date("D:20261124120000Z"), kNoonUtc);
    EXPECT_EQ(parse_pdf_date("D:20261124070000-05'00'"), kNoonUtc);
}

TEST(PdfDate, RejectsMalformedDates) {
    EXPECT_FALSE(parse_pdf_date("D:2026AB24"));
    EXPECT_FALSE(parse_pdf_date("D:20261324120000Z"));
    EXPECT_FALSE(parse_pdf_date(""));
}

} // namespace
} // namespace kyso
