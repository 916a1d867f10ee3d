// The look at classic cross-reference tables before PoDoFo: an in-use entry pointing outside
// the file is refused at once (PoDoFo 0.9.8 spent a second and 100 MB on a 650-byte file).
#include "core/error.hpp"
#include "core/pdf/loaded_pdf.hpp"
#include "core/pdf/xref_check.hpp"
#include "badinput/pdf_maker.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace kyso {
namespace {

// PdfMaker's one-page PDF (classic table, 20-byte entries); `broken_entry` (20 bytes) replaces
// object 3's entry.
std::string small_pdf(const std::string& trailer_extra = "", const std::string& broken_entry = "") {
    test::PdfMaker maker = test::PdfMaker::one_page();
    maker.trailer_extra(trailer_extra);
    std::string pdf = maker.build();
    if (!broken_entry.empty()) {
        size_t subsection = pdf.rfind("\nxref\n") + 6; // "0 N"
        size_t entries = pdf.find('\n', subsection) + 1;
        pdf.replace(entries + 3 * 20, 20, broken_entry);
    }
    return pdf;
}

TEST(XrefCheck, ValidTablePasses) {
    EXPECT_NO_THROW(check_xref_tables(small_pdf(), "ok.pdf"));
}

TEST(XrefCheck, InUseEntryPastTheEndIsDamage) {
    std::string pdf = small_pdf("", "0004000336 00000 n \n");
    try {
        check_xref_tables(pdf, "hong.pdf");
        FAIL() << "an entry at byte 4000336 of a small file was accepted";
    } catch (const Error& error) {
        EXPECT_EQ(error.code(), ErrorCode::InputNotPdf);
        EXPECT_NE(error.vietnamese().find("bị hỏng"), std::string::npos) << error.vietnamese();
        EXPECT_NE(error.english().find("object 3 at byte 4000336, outside the file"), std::string::npos) << error.english();
    }
}

TEST(XrefCheck, SubsectionNamingObjectsFarBeyondTheFileIsDamage) {
    // The fuzzer's find (fuzz/regressions/xref-subsection-4000336.pdf): after the last entry,
    // "4000336 5161" reads as one more subsection header.
    std::string pdf = small_pdf();
    using namespace std::string_literals;
    pdf.insert(pdf.find("trailer"), "0004000336 5161\0\0\0\0" "5 n \n"s);
    try {
        check_xref_tables(pdf, "hong.pdf");
        FAIL() << "a subsection up to object 4005496 in a small file was accepted";
    } catch (const Error& error) {
        EXPECT_EQ(error.code(), ErrorCode::InputNotPdf);
        EXPECT_NE(error.english().find("names object 4005496"), std::string::npos) << error.english();
    }
}

// The fuzzer's slow unit (fuzz/regressions/xref-lenient-header-8000000.pdf, 2 s in verify): the
// header reads "0=N" (here: the PdfMaker table's), which PoDoFo takes for object 0 and the next
// token, the first entry's "0008000000", for the count; it then adds 8 million free objects.
std::string lenient_header_pdf(const std::string& first_entry) {
    std::string pdf = small_pdf();
    size_t header = pdf.rfind("\nxref\n") + 6;
    pdf[header + 1] = '=';
    size_t entries = pdf.find('\n', header) + 1;
    pdf.replace(entries, 20, first_entry);
    return pdf;
}

TEST(XrefCheck, SubsectionHeaderIsBoundedAsPoDoFoReadsIt) {
    try {
        check_xref_tables(lenient_header_pdf("0008000000 65535 f \n"), "hong.pdf");
        FAIL() << "a header PoDoFo reads as 8,000,000 objects in a small file was accepted";
    } catch (const Error& error) {
        EXPECT_EQ(error.code(), ErrorCode::InputNotPdf);
        EXPECT_NE(error.english().find("names object 7999999"), std::string::npos) << error.english();
    }
    // Read the same way, a count that fits the file is PoDoFo's to judge, as before.
    EXPECT_NO_THROW(check_xref_tables(lenient_header_pdf("0000000000 65535 f \n"), "lenient.pdf"));
    // A header split over two lines is two tokens to PoDoFo too.
    std::string split = small_pdf();
    size_t header = split.rfind("\nxref\n") + 6;
    split.replace(header, split.find('\n', header) - header, "0\n8000000");
    EXPECT_THROW(check_xref_tables(split, "split.pdf"), Error);
}

TEST(XrefCheck, LenientHeaderIsRefusedBeforePoDoFoLoadsTheFile) {
    std::filesystem::path path = std::filesystem::temp_directory_path() / "kyso-xref-lenient-test.pdf";
    std::ofstream(path, std::ios::binary) << lenient_header_pdf("0008000000 65535 f \n");
    unsigned long long loads = pdf::LoadedPdf::documents_loaded();
    EXPECT_THROW(pdf::LoadedPdf loaded(path.string()), Error);
    EXPECT_EQ(pdf::LoadedPdf::documents_loaded(), loads); // PoDoFo never saw it
    std::filesystem::remove(path);
}

TEST(XrefCheck, FreeEntriesAndMisalignedTablesAreLeftToPoDoFo) {
    // A free entry's first field is the next free object number, not an offset.
    EXPECT_NO_THROW(check_xref_tables(small_pdf("", "0004000336 00001 f \n"), "free.pdf"));
    // 19-byte entries (a common producer bug): the reader stops, it never guesses an offset.
    std::string pdf = small_pdf();
    for (size_t at = pdf.find(" n \n"); at != std::string::npos; at = pdf.find(" n \n", at))
        pdf.replace(at, 4, " n\n");
    EXPECT_NO_THROW(check_xref_tables(pdf, "19.pdf"));
}

TEST(XrefCheck, EarlierSectionsAreFollowedThroughPrev) {
    std::string base = small_pdf("", "0009999999 00000 n \n");
    size_t prev = std::stoul(base.substr(base.rfind("startxref") + 10));
    std::string update = "xref\n0 1\n0000000000 65535 f \ntrailer\n<< /Size 4 /Root 1 0 R /Prev " +
                         std::to_string(prev) + " >>\nstartxref\n" + std::to_string(base.size()) + "\n%%EOF\n";
    EXPECT_THROW(check_xref_tables(base + update, "prev.pdf"), Error);
}

TEST(XrefCheck, LoadingSuchAFileIsRefusedBeforePoDoFoParsesIt) {
    std::filesystem::path path = std::filesystem::temp_directory_path() / "kyso-xref-check-test.pdf";
    std::ofstream(path, std::ios::binary) << small_pdf("", "0400000000 00000 n \n");
    try {
        pdf::LoadedPdf loaded(path.string());
        FAIL() << "loaded";
    } catch (const Error& error) {
        EXPECT_EQ(error.code(), ErrorCode::InputNotPdf);
        EXPECT_NE(error.english().find("outside the file"), std::string::npos) << error.english();
    }
    std::filesystem::remove(path);
}

} // namespace
} // namespace kyso
