// scan_signatures on files built here byte by byte: what it finds (names through /Kids, page,
// visibility, /Contents) and each byte-range invariant it checks, one broken at a time. The
// cryptography is not its job, so these signatures hold placeholder bytes.
#include "badinput/pdf_maker.hpp"
#include "core/pdf/signature_scan.hpp"
#include "support/files.hpp"
#include "support/test_env.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <functional>

namespace kyso {
namespace {

// Ten characters each, so the real numbers can be written in place after the file is built.
constexpr char kRangePlaceholder[] = "[0 AAAAAAAAAA BBBBBBBBBB CCCCCCCCCC]";

std::string sig_dict(const std::string& contents_hex) {
    return "<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached /M (D:20261203090000+07'00') "
           "/Name (Nguyen Van A) /ByteRange " + std::string(kRangePlaceholder) + " /Contents <" + contents_hex + "> >>";
}

// The ByteRange a signer would write for the signature whose /Contents starts at `contents_at`
// ('<'), in a file of `size` bytes: [0 a b size-b].
using RangeFn = std::function<std::vector<long long>(size_t contents_at, size_t contents_end, size_t size)>;

std::vector<long long> honest(size_t contents_at, size_t contents_end, size_t size) {
    return {0, static_cast<long long>(contents_at), static_cast<long long>(contents_end),
            static_cast<long long>(size - contents_end)};
}

// Writes the numbers into the first placeholder left (same width, so no offset moves).
void fill_range(std::string& pdf, const RangeFn& range, size_t size_for_range) {
    size_t at = pdf.find(kRangePlaceholder);
    ASSERT_NE(at, std::string::npos);
    size_t contents_at = pdf.find("/Contents <", at) + 10;
    size_t contents_end = pdf.find('>', contents_at) + 1;
    std::vector<long long> r = range(contents_at, contents_end, size_for_range);
    char text[sizeof kRangePlaceholder];
    std::snprintf(text, sizeof text, "[%lld %10lld %10lld %10lld]", r[0], r[1], r[2], r[3]);
    ASSERT_EQ(std::string(text).size(), std::string(kRangePlaceholder).size());
    pdf.replace(at, std::string(kRangePlaceholder).size(), text);
}

// One page; field "Parent" (5) with kid "Sig1" (6), a visible widget on page 1, signed by 7.
test::PdfMaker one_signature_maker(const std::string& widget_extra = "/P 3 0 R") {
    test::PdfMaker pdf = test::PdfMaker::one_page();
    pdf.set(1, "<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [5 0 R] /SigFlags 3 >> >>");
    pdf.set(3, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << >> /Contents 4 0 R "
               "/Annots [6 0 R] >>");
    pdf.add("<< /FT /Sig /T (Parent) /Kids [6 0 R] >>");
    pdf.add("<< /Type /Annot /Subtype /Widget /Parent 5 0 R /T (Sig1) /Rect [100 100 200 150] /F 4 /V 7 0 R " +
            widget_extra + " >>");
    pdf.add(sig_dict("3082ABCD00000000"));
    return pdf;
}

PdfSignatureScan scan_of(const std::string& name, const std::string& bytes) {
    std::string path = (test::TestEnv::get().scratch() / name).string();
    test::write_file(path, bytes);
    return scan_signatures(path);
}

PdfSignatureScan scan_with_range(const std::string& name, const RangeFn& range) {
    std::string pdf = one_signature_maker().build();
    fill_range(pdf, range, pdf.size());
    return scan_of(name, pdf);
}

TEST(SignatureScan, FindsTheSignatureWithItsFullNamePageAndRange) {
    PdfSignatureScan scan = scan_with_range("honest.pdf", honest);
    ASSERT_EQ(scan.signatures.size(), 1u);
    const ScannedSignature& sig = scan.signatures[0];
    EXPECT_EQ(sig.field_name, "Parent.Sig1");
    EXPECT_EQ(sig.sub_filter, "ETSI.CAdES.detached");
    EXPECT_EQ(sig.signing_time, "D:20261203090000+07'00'");
    EXPECT_EQ(sig.name, "Nguyen Van A");
    EXPECT_EQ(sig.page, 1);
    EXPECT_TRUE(sig.visible);
    EXPECT_EQ(sig.certification, 0);
    EXPECT_EQ(sig.contents, (std::vector<unsigned char>{0x30, 0x82, 0xAB, 0xCD, 0, 0, 0, 0}));
    EXPECT_TRUE(sig.byte_range_ok) << sig.byte_range_problem;
    EXPECT_EQ(sig.signed_end, scan.file_size);
}

TEST(SignatureScan, AWidgetWithoutPageOrAreaIsPageZeroAndInvisible) {
    test::PdfMaker maker = test::PdfMaker::one_page();
    maker.set(1, "<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [5 0 R] /SigFlags 3 >> >>");
    maker.add("<< /FT /Sig /T (Hidden) /Type /Annot /Subtype /Widget /Rect [0 0 0 0] /V 6 0 R >>");
    maker.add(sig_dict("00"));
    std::string pdf = maker.build();
    fill_range(pdf, honest, pdf.size());
    PdfSignatureScan scan = scan_of("hidden.pdf", pdf);
    ASSERT_EQ(scan.signatures.size(), 1u);
    EXPECT_EQ(scan.signatures[0].page, 0);
    EXPECT_FALSE(scan.signatures[0].visible);
    EXPECT_TRUE(scan.signatures[0].byte_range_ok);
}

struct BrokenRange {
    const char* name;
    RangeFn range;
    const char* problem;
};

void PrintTo(const BrokenRange& range, std::ostream* os) { *os << range.name; }

class BrokenByteRange : public ::testing::TestWithParam<BrokenRange> {};

TEST_P(BrokenByteRange, IsRefusedWithItsReason) {
    PdfSignatureScan scan = scan_with_range(std::string(GetParam().name) + ".pdf", GetParam().range);
    ASSERT_EQ(scan.signatures.size(), 1u);
    EXPECT_FALSE(scan.signatures[0].byte_range_ok);
    EXPECT_EQ(scan.signatures[0].byte_range_problem, GetParam().problem);
    EXPECT_EQ(scan.signatures[0].signed_end, 0u);
}

std::vector<BrokenRange> broken_ranges() {
    using V = std::vector<long long>;
    return {
        {"not_from_zero", [](size_t a, size_t b, size_t n) { return V{1, (long long)a - 1, (long long)b, (long long)(n - b)}; },
         "/ByteRange does not start at 0"},
        {"negative", [](size_t a, size_t b, size_t) { return V{0, (long long)a, (long long)b, -5}; },
         "/ByteRange has a negative number"},
        {"past_the_end", [](size_t a, size_t b, size_t n) { return V{0, (long long)a, (long long)b, (long long)(n - b + 1)}; },
         "/ByteRange points outside the file or overlaps itself"},
        {"overlapping", [](size_t a, size_t, size_t n) { return V{0, (long long)a, (long long)a, (long long)(n - a)}; },
         "/ByteRange points outside the file or overlaps itself"},
        // The gap one byte short: the '>' is signed, the hex string is not exactly excluded.
        {"gap_too_small", [](size_t a, size_t b, size_t n) { return V{0, (long long)a, (long long)b - 1, (long long)(n - b + 1)}; },
         "the gap in /ByteRange is not exactly the /Contents hex string"},
        // A gap of the right length, shifted: it does not hold '<' … '>'.
        {"gap_shifted", [](size_t a, size_t b, size_t n) { return V{0, (long long)a + 1, (long long)b + 1, (long long)(n - b - 1)}; },
         "the gap in /ByteRange is not a hex string"},
    };
}

INSTANTIATE_TEST_SUITE_P(Cases, BrokenByteRange, ::testing::ValuesIn(broken_ranges()),
                         [](const auto& info) { return std::string(info.param.name); });

// A gap over another hex string of the same length (a decoy placed elsewhere in the file) is not
// this signature's /Contents: the signed bytes would include the real one.
TEST(SignatureScan, AGapOverADecoyHexStringIsRefused) {
    test::PdfMaker maker = one_signature_maker();
    maker.add("<< /Decoy <FFFFFFFFFFFFFFFF> >>");
    std::string pdf = maker.build();
    size_t decoy = pdf.find("<FFFFFFFFFFFFFFFF>");
    fill_range(pdf, [decoy](size_t, size_t, size_t n) {
        return std::vector<long long>{0, (long long)decoy, (long long)decoy + 18, (long long)(n - decoy - 18)};
    }, pdf.size());
    PdfSignatureScan scan = scan_of("decoy.pdf", pdf);
    ASSERT_EQ(scan.signatures.size(), 1u);
    EXPECT_FALSE(scan.signatures[0].byte_range_ok);
    EXPECT_EQ(scan.signatures[0].byte_range_problem,
              "the gap in /ByteRange holds other bytes than this signature's /Contents");
}

// Two signatures listed in field order "late, early" come out in the order their signed bytes
// end: the one covering a prefix first.
TEST(SignatureScan, SignaturesAreOrderedByWhereTheirSignedBytesEnd) {
    test::PdfMaker maker = test::PdfMaker::one_page();
    maker.set(1, "<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [5 0 R 6 0 R] /SigFlags 3 >> >>");
    maker.add("<< /FT /Sig /T (Late) /Type /Annot /Subtype /Widget /Rect [0 0 0 0] /V 7 0 R >>");
    maker.add("<< /FT /Sig /T (Early) /Type /Annot /Subtype /Widget /Rect [0 0 0 0] /V 8 0 R >>");
    maker.add(sig_dict("01"));
    maker.add(sig_dict("02"));
    std::string pdf = maker.build();
    // "Early" (the second placeholder) covers the file up to just after its own dictionary.
    size_t early_end = pdf.find("endobj", pdf.find("<02>")) + 6;
    fill_range(pdf, honest, pdf.size());
    fill_range(pdf, honest, early_end);
    PdfSignatureScan scan = scan_of("two.pdf", pdf);
    ASSERT_EQ(scan.signatures.size(), 2u);
    EXPECT_EQ(scan.signatures[0].field_name, "Early");
    EXPECT_EQ(scan.signatures[0].signed_end, early_end);
    EXPECT_EQ(scan.signatures[1].field_name, "Late");
    EXPECT_EQ(scan.signatures[1].signed_end, scan.file_size);
}

// A field tree whose /Kids lead back to an ancestor ends; each field is scanned once.
TEST(SignatureScan, AFieldCycleEndsAndScansEachFieldOnce) {
    test::PdfMaker maker = one_signature_maker();
    maker.set(6, "<< /Type /Annot /Subtype /Widget /Parent 5 0 R /T (Sig1) /Rect [100 100 200 150] /F 4 "
                 "/V 7 0 R /P 3 0 R /Kids [5 0 R] >>");
    std::string pdf = maker.build();
    fill_range(pdf, honest, pdf.size());
    PdfSignatureScan scan = scan_of("cycle.pdf", pdf);
    EXPECT_EQ(scan.signatures.size(), 1u);
}

} // namespace
} // namespace kyso
