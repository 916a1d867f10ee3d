// A broken page tree (issue 5): /Count says 2 but the second /Kids entry is not a page, so
// PoDoFo's GetPage gives null. Every reader in src/core/pdf that looks pages up — the signature
// scan behind `kyso verify`, the form field reader, the page boxes and named destinations
// behind `kyso prepare` — must answer InputNotPdf ("the page tree is damaged"). Before the
// fix the scan and the form reader dereferenced the null page (SIGSEGV) when a widget's /P or a
// destination named a page not found before the hole.
#include "badinput/pdf_maker.hpp"
#include "support/files.hpp"
#include "support/process.hpp"
#include "support/test_env.hpp"

#include "core/error.hpp"
#include "core/pdf/form_edits.hpp"
#include "core/pdf/signature_scan.hpp"

#include <gtest/gtest.h>

#include <functional>

namespace kyso::test {
namespace {

/// One page plus a hole: /Kids [3 0 R 9 0 R] with /Count 2, object 9 missing. A signature
/// field (5, value 6) whose widget names the missing page, and a named destination to it.
std::string broken_kids_pdf() {
    PdfMaker pdf = PdfMaker::one_page();
    pdf.add("<< /FT /Sig /T (Ky) /Type /Annot /Subtype /Widget /Rect [0 0 0 0] /P 9 0 R /V 6 0 R >>"); // 5
    pdf.add("<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached /ByteRange [0 10 20 30] "
            "/Contents <00> >>");                                                                       // 6
    pdf.set(1, "<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [5 0 R] >> "
               "/Dests << /kysoSoStart [9 0 R /XYZ 0 0 0] >> >>");
    pdf.set(2, "<< /Type /Pages /Kids [3 0 R 9 0 R] /Count 2 >>");
    return pdf.build();
}

void expect_damaged_tree(const std::string& what, const std::function<void()>& read) {
    SCOPED_TRACE(what);
    try {
        read();
        ADD_FAILURE() << "no error";
    } catch (const Error& error) {
        EXPECT_EQ(error.code(), ErrorCode::InputNotPdf) << error.describe();
        EXPECT_NE(error.vietnamese().find("cây trang bị hỏng"), std::string::npos) << error.vietnamese();
        EXPECT_NE(error.english().find("the page tree is damaged"), std::string::npos) << error.english();
    }
}

TEST(BrokenPageTree, EveryPageReaderAnswersInputNotPdf) {
    std::string path = (TestEnv::get().scratch() / "broken-kids.pdf").string();
    write_file(path, broken_kids_pdf());
    expect_damaged_tree("scan_signatures", [&] { scan_signatures(path); });
    expect_damaged_tree("read_form_fields", [&] { read_form_fields(path); });
    expect_damaged_tree("page_boxes", [&] { page_boxes(path); });
    expect_damaged_tree("read_named_destinations", [&] { read_named_destinations(path); });
}

TEST(BrokenPageTree, VerifyAndPrepareExitThree) {
    std::string dir = TestEnv::get().scratch().string();
    std::string path = dir + "/broken-kids.pdf";
    write_file(path, broken_kids_pdf());
    for (const std::vector<std::string>& args :
         {std::vector<std::string>{TestEnv::get().kyso_bin, "verify", path},
          std::vector<std::string>{TestEnv::get().kyso_bin, "prepare", path, "-o", dir + "/out.pdf"}}) {
        RunResult r = run(args);
        SCOPED_TRACE(args[1] + ": exit " + std::to_string(r.status) + "\n" + r.err);
        EXPECT_EQ(r.status, 3);
        EXPECT_NE(r.err.find("cây trang bị hỏng"), std::string::npos);
        EXPECT_NE(r.err.find("the page tree is damaged"), std::string::npos);
    }
}

} // namespace
} // namespace kyso::test
