#include "badinput/pdf_maker.hpp"
#include "core/error.hpp"
#include "core/io/file_chunks.hpp"
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
    EXPECT_EQ(revision_ends(path), std::vector<size_t>{pdf.size()});
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

// A file that is only "%PDF-1.7\n" used to be refused for having "no %PDF- header", which it
// has; now the reason names what is wrong: nothing after the header (truncated or empty).
TEST(PdfTail, HeaderOnlyAndEmptyFilesSaySo) {
    auto dir = test::TestEnv::get().scratch();
    test::write_file((dir / "header.pdf").string(), "%PDF-1.7\n");
    test::write_file((dir / "empty.pdf").string(), "");
    test::write_file((dir / "short.txt").string(), "%PD");
    struct Expect { const char* name; const char* vi; const char* en; };
    for (const Expect& e : {Expect{"header.pdf", "không có nội dung, tệp bị cắt cụt hoặc rỗng", "truncated or empty"},
                            Expect{"empty.pdf", "tệp rỗng", "the file is empty"},
                            Expect{"short.txt", "không có phần đầu %PDF-", "no %PDF- header"}}) {
        try {
            read_pdf_tail((dir / e.name).string());
            ADD_FAILURE() << e.name << " accepted";
        } catch (const Error& error) {
            EXPECT_EQ(error.code(), ErrorCode::InputNotPdf) << e.name;
            EXPECT_NE(error.vietnamese().find(e.vi), std::string::npos) << error.vietnamese();
            EXPECT_NE(error.english().find(e.en), std::string::npos) << error.english();
            if (std::string(e.name) == "header.pdf")
                EXPECT_EQ(error.english().find("no %PDF- header"), std::string::npos) << error.english();
        }
    }
}

// A signed PDF of `size` bytes exactly: one-page file, then an update whose padding stream is
// sized so that the whole file ends, "%%EOF\n", at byte `size`.
std::string pdf_of_size(size_t size) {
    std::string base = test::PdfMaker::one_page().build();
    size_t padding = size - base.size() - 200;
    for (int round = 0; round < 4; ++round) {
        std::string pdf = test::append_object_update(base, test::stream_body(std::string(padding, 'x')));
        if (pdf.size() == size)
            return pdf;
        padding += size - pdf.size(); // the digits of /Length and the offsets may move once
    }
    throw std::runtime_error("cannot hit the size");
}

// The last revision's %%EOF lies in the bytes held over between reads: when the file size is a
// multiple of the read size, the final full read used not to be treated as the last one and the
// marker was dropped (a valid signed file then read as "signature inside a revision").
TEST(PdfTail, RevisionEndingExactlyAtAReadBoundaryIsFound) {
    for (size_t size : {kMaxReadChunk, 2 * kMaxReadChunk}) {
        std::string pdf = pdf_of_size(size);
        ASSERT_EQ(pdf.size(), size);
        std::string path = (test::TestEnv::get().scratch() / "boundary.pdf").string();
        test::write_file(path, pdf);
        size_t first_end = test::PdfMaker::one_page().build().size();
        EXPECT_EQ(revision_ends(path), (std::vector<size_t>{first_end, size})) << size;
    }
}

// Issue 11: a revision ends at a %%EOF that follows "startxref N", N naming a cross-reference
// section; markers in a stream (an embedded file, a comment in content) end nothing, nor does
// a linearized file's first-page trailer (its startxref is 0).
TEST(PdfTail, OnlyMarkersAfterAStartxrefNamingAnXrefSectionEndRevisions) {
    test::PdfMaker maker = test::PdfMaker::one_page();
    maker.add(test::stream_body("%%EOF\nstartxref\n0\n%%EOF\nstartxref\n9\n%%EOF\n"));
    maker.add("<< /Comment (startxref 15 %%EOF) >>");
    std::string base = maker.build();
    std::string pdf = test::append_object_update(base, test::stream_body("BT ET %%EOF\n"));
    std::string path = (test::TestEnv::get().scratch() / "markers.pdf").string();
    test::write_file(path, pdf);
    EXPECT_EQ(revision_ends(path), (std::vector<size_t>{base.size(), pdf.size()}));

    // A marker after a startxref that names no section, or one after the marker itself.
    std::string bad = base + "startxref\n0\n%%EOF\n" + "startxref\n" + std::to_string(base.size() + 40) +
                      "\n%%EOF\nxref\n";
    test::write_file(path, bad);
    EXPECT_EQ(revision_ends(path), std::vector<size_t>{base.size()});
}

TEST(PdfTail, TooManyRevisionsIsDamage) {
    std::string pdf = test::one_page_with_updates(255);
    std::string path = (test::TestEnv::get().scratch() / "revisions.pdf").string();
    test::write_file(path, pdf);
    EXPECT_EQ(revision_ends(path).size(), 256u);
    test::write_file(path, test::append_object_update(pdf, "<< >>"));
    try {
        revision_ends(path);
        FAIL() << "257 revisions accepted";
    } catch (const Error& error) {
        EXPECT_EQ(error.code(), ErrorCode::InputNotPdf);
        EXPECT_NE(error.vietnamese().find("bị hỏng: có hơn 256 phiên bản"), std::string::npos) << error.vietnamese();
        EXPECT_NE(error.english().find("is damaged: it has more than 256 revisions"), std::string::npos) << error.english();
    }
}

} // namespace
} // namespace kyso
