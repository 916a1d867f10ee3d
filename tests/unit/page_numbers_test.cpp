// Page numbers from one walk of the page tree (issue 13.1): reading a 5,000-page PDF visits
// each page object once, signing it none but page 1, where looking pages up through PoDoFo's
// GetPage(i) cost i visits per page (12.5 million for 5,000 pages). Trees whose /Count entries
// lie are still numbered exactly as PoDoFo numbers them.
#include "badinput/pdf_maker.hpp"
#include "support/files.hpp"
#include "support/signers.hpp"
#include "support/test_env.hpp"

#include "core/pdf/form_edits.hpp"
#include "core/pdf/loaded_pdf.hpp"
#include "core/pdf/pdf_objects.hpp"
#include "core/pdf/signature_scan.hpp"
#include "core/workflow/sign_document.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace kyso {
namespace {

constexpr int kPages = 5000;

// `pages` pages under one flat /Pages node (as qpdf --pages writes them), each with its own
// empty content stream; the catalog's form has one signature field whose widget is on the last
// page. Objects: 1 catalog, 2 pages, 3 widget, 4 signature value, then page/content pairs.
std::string long_pdf(int pages) {
    test::PdfMaker pdf;
    pdf.add("<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [3 0 R] >> >>");
    pdf.add("");
    pdf.add("");
    pdf.add("<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached /ByteRange [0 10 20 30] "
            "/Contents <00> >>");
    std::string kids;
    int last_page = 0;
    for (int i = 0; i < pages; ++i) {
        int page = pdf.add("");
        int content = pdf.add(test::stream_body("0 0 1 rg 72 700 20 20 re f\n"));
        pdf.set(page, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << >> /Contents " +
                          std::to_string(content) + " 0 R >>");
        kids += std::to_string(page) + " 0 R ";
        last_page = page;
    }
    pdf.set(2, "<< /Type /Pages /Kids [" + kids + "] /Count " + std::to_string(pages) + " >>");
    pdf.set(3, "<< /FT /Sig /T (Ky) /Type /Annot /Subtype /Widget /Rect [0 0 0 0] /P " +
                   std::to_string(last_page) + " 0 R /V 4 0 R >>");
    return pdf.build();
}

std::string write_long_pdf(const std::string& name) {
    std::string path = (test::TestEnv::get().scratch() / name).string();
    test::write_file(path, long_pdf(kPages));
    return path;
}

// Issue 13.4: and PoDoFo parses none of them; their bytes say they are pages (object_skim).
TEST(PageNumbers, ScanVisitsEachPageOnceAndParsesNone) {
    std::string path = write_long_pdf("pages-5000.pdf");
    unsigned long long before = pdf::PageNumbers::pages_visited();
    unsigned long long parsed = pdf::PageNumbers::pages_parsed();
    PdfSignatureScan scan = scan_signatures(path);
    ASSERT_EQ(scan.signatures.size(), 1u);
    EXPECT_EQ(scan.signatures[0].page, kPages);
    EXPECT_EQ(pdf::PageNumbers::pages_visited() - before, static_cast<unsigned long long>(kPages));
    EXPECT_EQ(pdf::PageNumbers::pages_parsed() - parsed, 0u);
}

TEST(PageNumbers, PageBoxesVisitEachPageOnce) {
    std::string path = write_long_pdf("pages-5000-boxes.pdf");
    unsigned long long before = pdf::PageNumbers::pages_visited();
    std::vector<PageRect> boxes = page_boxes(path);
    ASSERT_EQ(boxes.size(), static_cast<size_t>(kPages));
    EXPECT_EQ(boxes.back().width, 595);
    EXPECT_EQ(boxes.back().height, 842);
    EXPECT_EQ(pdf::PageNumbers::pages_visited() - before, static_cast<unsigned long long>(kPages));
}

TEST(PageNumbers, SigningReadsNoPageList) {
    std::string path = write_long_pdf("pages-5000-sign.pdf");
    KeySigner signer = test::software_signer("Nhiều trang");
    SignOptions options;
    options.input = path;
    options.output = path + ".signed.pdf";
    options.field_name = "KyMoi";
    unsigned long long before = pdf::PageNumbers::pages_visited();
    sign_pdf(options, signer);
    unsigned long long visits = pdf::PageNumbers::pages_visited() - before;
    // Checking the place and building the revision look page 1 up for the invisible widget; the
    // read-back parses only the new revision, so no page list is read at all (it was: 5,002 visits).
    EXPECT_LE(visits, 3u);
    PdfSignatureScan scan = scan_signatures(options.output);
    ASSERT_EQ(scan.signatures.size(), 2u);
}

// /Count of the inner node says 1 but it holds 2 pages: PoDoFo numbers by /Count, so the walk
// must not be trusted; the answer is whatever PoDoFo's GetPage(i) gives, page by page.
TEST(PageNumbers, LyingCountNumberedAsPoDoFoDoes) {
    test::PdfMaker pdf;
    pdf.add("<< /Type /Catalog /Pages 2 0 R >>");                                // 1
    pdf.add("<< /Type /Pages /Kids [3 0 R 6 0 R] /Count 2 >>");                  // 2
    pdf.add("<< /Type /Pages /Parent 2 0 R /Kids [4 0 R 5 0 R] /Count 1 >>");    // 3
    for (int i = 0; i < 3; ++i)                                                 // 4, 5, 6
        pdf.add("<< /Type /Page /Parent 3 0 R /MediaBox [0 0 595 842] /Resources << >> >>");
    std::string path = (test::TestEnv::get().scratch() / "lying-count.pdf").string();
    test::write_file(path, pdf.build());

    pdf::LoadedPdf loaded(path);
    std::vector<PoDoFo::PdfObject*> expected;
    for (int i = 0; i < loaded.doc().GetPageCount(); ++i)
        expected.push_back(loaded.doc().GetPage(i)->GetObject());
    pdf::PageNumbers numbers(loaded.doc(), path);
    EXPECT_EQ(numbers.objects(), expected);
    for (size_t i = 0; i < expected.size(); ++i)
        EXPECT_EQ(numbers.of(expected[i]->Reference()), static_cast<int>(i) + 1);
    // PoDoFo: page 1 is in node 3 (/Count 1 covers it), page 2 skips node 3 and is object 6.
    ASSERT_EQ(expected.size(), 2u);
    EXPECT_EQ(expected[0]->Reference().ObjectNumber(), 4u);
    EXPECT_EQ(expected[1]->Reference().ObjectNumber(), 6u);
    EXPECT_EQ(numbers.of(PoDoFo::PdfReference(5, 0)), 0);
}

// A two-level tree whose counts are right is numbered in /Kids order by the walk.
TEST(PageNumbers, NestedTreeInKidsOrder) {
    test::PdfMaker pdf;
    pdf.add("<< /Type /Catalog /Pages 2 0 R >>");                                // 1
    pdf.add("<< /Type /Pages /Kids [3 0 R 6 0 R] /Count 3 >>");                  // 2
    pdf.add("<< /Type /Pages /Parent 2 0 R /Kids [5 0 R 4 0 R] /Count 2 >>");    // 3
    pdf.add("<< /Type /Page /Parent 3 0 R /MediaBox [0 0 100 100] >>");          // 4: page 2
    pdf.add("<< /Type /Page /Parent 3 0 R /MediaBox [0 0 200 200] >>");          // 5: page 1
    pdf.add("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 300] >>");          // 6: page 3
    std::string path = (test::TestEnv::get().scratch() / "nested-tree.pdf").string();
    test::write_file(path, pdf.build());

    pdf::LoadedPdf loaded(path);
    pdf::PageNumbers numbers(loaded.doc(), path);
    unsigned long long before = pdf::PageNumbers::pages_visited();
    EXPECT_EQ(numbers.of(PoDoFo::PdfReference(5, 0)), 1);
    EXPECT_EQ(numbers.of(PoDoFo::PdfReference(4, 0)), 2);
    EXPECT_EQ(numbers.of(PoDoFo::PdfReference(6, 0)), 3);
    EXPECT_EQ(numbers.of(PoDoFo::PdfReference(3, 0)), 0); // a page tree node is not a page
    EXPECT_EQ(pdf::PageNumbers::pages_visited() - before, 3u);
    std::vector<PageRect> boxes = page_boxes(path);
    ASSERT_EQ(boxes.size(), 3u);
    EXPECT_EQ(boxes[0].width, 200);
    EXPECT_EQ(boxes[1].width, 100);
    EXPECT_EQ(boxes[2].width, 300);
}

// A kid whose bytes do not say plainly that it is a /Page (an escaped name, a /Type given by
// reference, a comment inside the name) is parsed by PoDoFo, and numbered as before.
TEST(PageNumbers, KidsTheBytesLeaveInDoubtAreParsed) {
    test::PdfMaker pdf;
    pdf.add("<< /Type /Catalog /Pages 2 0 R >>");                                       // 1
    pdf.add("<< /Type /Pages /Kids [3 0 R 4 0 R 5 0 R 6 0 R] /Count 4 >>");             // 2
    pdf.add("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 100 100] >>");                 // 3: plain
    pdf.add("<< /Type /P#61ge /Parent 2 0 R /MediaBox [0 0 200 200] >>");               // 4: escaped
    pdf.add("<< /Type 7 0 R /Parent 2 0 R /MediaBox [0 0 300 300] >>");                 // 5: by reference
    pdf.add("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 400 400] /X (a (b) \\) >>) >>");   // 6: a string
    pdf.add("/Page");                                                                     // 7
    std::string path = (test::TestEnv::get().scratch() / "doubtful-kids.pdf").string();
    test::write_file(path, pdf.build());

    pdf::LoadedPdf loaded(path);
    pdf::PageNumbers numbers(loaded.doc(), path);
    unsigned long long parsed = pdf::PageNumbers::pages_parsed();
    for (unsigned object = 3; object <= 6; ++object)
        EXPECT_EQ(numbers.of(PoDoFo::PdfReference(object, 0)), static_cast<int>(object) - 2) << object;
    EXPECT_EQ(pdf::PageNumbers::pages_parsed() - parsed, 2u); // 4 and 5; 6's string is read as PoDoFo reads it
}

} // namespace
} // namespace kyso
