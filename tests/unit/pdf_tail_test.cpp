#include "core/error.hpp"
#include "core/pdf/pdf_tail.hpp"
#include "support/files.hpp"
#include "support/test_env.hpp"

#include <gtest/gtest.h>

namespace kyso {
namespace {

// "xref" starts at byte 41.
const char* kTablePdf = "%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\n\nxref\n0 2\n0000000000 65535 f\r\n0000000009 00000 n\r\n"
                        "trailer<</Size 2/Root 1 0 R>>\nstartxref\n41\n%%EOF\n";

TEST(PdfTail, FindsTheLastTableSection) {
    std::string path = (test::TestEnv::get().scratch() / "t.pdf").string();
    test::write_file(path, kTablePdf);
    PdfTail tail = read_pdf_tail(path);
    EXPECT_EQ(tail.kind, XrefKind::Table);
    EXPECT_EQ(tail.startxref, 41u);
    EXPECT_EQ(revision_ends(path), std::vector<size_t>{std::string(kTablePdf).size()});
}

TEST(PdfTail, RecognisesAStreamSection) {
    std::string pdf = "%PDF-1.5\n%filler to pass the minimum size\n7 0 obj<</Type/XRef>>stream\nendstream\nendobj\n";
    size_t at = pdf.find("7 0 obj");
    pdf += "startxref\n" + std::to_string(at) + "\n%%EOF";
    std::string path = (test::TestEnv::get().scratch() / "s.pdf").string();
    test::write_file(path, pdf);
    EXPECT_EQ(read_pdf_tail(path).kind, XrefKind::Stream);
}

TEST(PdfTail, RefusesTruncatedAndForeignFiles) {
    auto dir = test::TestEnv::get().scratch();
    std::string truncated = std::string(kTablePdf).substr(0, 60);
    test::write_file((dir / "truncated.pdf").string(), truncated);
    test::write_file((dir / "text.pdf").string(), "This is a plain text file pretending to be a PDF document.\n");
    std::string outside = kTablePdf;
    outside.replace(outside.find("\n41\n"), 4, "\n99999\n");
    test::write_file((dir / "outside.pdf").string(), outside);
    for (const char* name : {"truncated.pdf", "text.pdf", "outside.pdf"}) {
        try {
            read_pdf_tail((dir / name).string());
            ADD_FAILURE() << name << " accepted";
        } catch (const Error& error) {
            EXPECT_EQ(error.code(), ErrorCode::InputNotPdf) << name;
        }
    }
}

} // namespace
} // namespace kyso
