// The reference-aware modification analysis on hand-written revisions (revision_diff) and the
// judgement of what it finds (modification_check): an object is allowed to change only when
// every place the signed revision reaches it from allows it.
#include "core/pdf/revision_diff.hpp"
#include "core/workflow/modification_check.hpp"
#include "badinput/pdf_maker.hpp"
#include "support/history_text.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>

#include <unistd.h>

namespace kyso {
namespace {

namespace fs = std::filesystem;

// `pdf` plus an incremental update writing `objects` {number: body}; `root` replaces /Root.
std::string update(const std::string& pdf, const std::map<int, std::string>& objects, int size,
                   const std::string& root = "1 0 R") {
    size_t prev = std::stoul(pdf.substr(pdf.rfind("startxref") + 9));
    std::string out = pdf;
    std::map<int, size_t> at;
    for (const auto& [number, body] : objects) {
        at[number] = out.size();
        out += std::to_string(number) + " 0 obj\n" + body + "\nendobj\n";
    }
    size_t xref = out.size();
    out += "xref\n";
    char line[32];
    for (const auto& [number, offset] : at) {
        std::snprintf(line, sizeof line, "%010zu 00000 n \n", offset);
        out += std::to_string(number) + " 1\n" + line;
    }
    out += "trailer\n<< /Size " + std::to_string(size) + " /Root " + root + " /Prev " + std::to_string(prev) +
           " >>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
    return out;
}

std::string write(const std::string& name, const std::string& bytes) {
    fs::path path = fs::temp_directory_path() / ("kyso-modcheck-" + std::to_string(::getpid()) + "-" + name);
    std::ofstream(path, std::ios::binary) << bytes;
    return path.string();
}

// One page drawing XObject 5 as /Fm1; a text field kyso_so (6) whose widget is on the page.
// `ap` is the widget's /AP; `page_resources` the page's /Resources ("" inherits the Pages node's).
std::string signed_base(const std::string& ap, const std::string& page_resources,
                        const std::string& pages_extra = "") {
    test::PdfMaker maker;
    maker.add("<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [6 0 R] >> >>");
    maker.add("<< /Type /Pages /Kids [3 0 R] /Count 1 " + pages_extra + " >>");
    maker.add("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] " +
              (page_resources.empty() ? "" : "/Resources " + page_resources) + " /Contents 4 0 R /Annots [6 0 R] >>");
    maker.add(test::stream_body("q /Fm1 Do Q\n"));
    maker.add(test::stream_body("0 0 1 rg 0 0 50 50 re f\n", "/Type /XObject /Subtype /Form /BBox [0 0 50 50]"));
    maker.add("<< /Type /Annot /Subtype /Widget /FT /Tx /T (kyso_so) /Rect [10 10 60 30] /P 3 0 R /AP " + ap + " >>");
    maker.add(test::stream_body("", "/Type /XObject /Subtype /Form /BBox [0 0 50 20]"));
    maker.add("<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [6 0 R] >> /Prepared true >>");
    return maker.build();
}

const std::string kForged = test::stream_body("1 0 0 rg 0 0 50 50 re f\n", "/Type /XObject /Subtype /Form /BBox [0 0 50 50]");
const std::string kFilledWidget =
    "<< /Type /Annot /Subtype /Widget /FT /Tx /T (kyso_so) /V (7) /Rect [10 10 60 30] /P 3 0 R /AP << /N 5 0 R >> >>";

// The analysis of `file`, which must find what the walk of every object and page finds.
RevisionHistory analysed(const std::string& file) {
    RevisionHistory history = diff_revisions(file, 1);
    EXPECT_EQ(test::history_text(history), test::history_text(diff_revisions(file, 1, DiffScope::Everything)));
    return history;
}

std::vector<ModificationFinding> findings_of(const std::string& file) {
    RevisionHistory history = analysed(file);
    return check_modifications(history, 1, history.revision_ends.at(0), "", 0);
}

bool refused(const std::vector<ModificationFinding>& findings, const std::string& code, std::string* en = nullptr) {
    for (const ModificationFinding& f : findings)
        if (f.code == code && !f.allowed) {
            if (en)
                *en = f.en;
            return true;
        }
    return false;
}

std::string list(const std::vector<ModificationFinding>& findings) {
    std::string text;
    for (const ModificationFinding& f : findings)
        text += std::string(f.allowed ? "allowed " : "REFUSED ") + f.code + ": " + f.en + "\n";
    return text;
}

// Writes `bytes`, analyses it and expects `code` refused with `where` in its English message.
void expect_refused_at(const std::string& name, const std::string& bytes, const std::string& code,
                       const std::string& where) {
    std::string file = write(name, bytes);
    std::string en;
    std::vector<ModificationFinding> findings = findings_of(file);
    EXPECT_TRUE(refused(findings, code, &en)) << list(findings);
    EXPECT_NE(en.find(where), std::string::npos) << en;
    fs::remove(file);
}

TEST(RevisionDiff, ChangedObjectListsEveryPlaceTheSignedRevisionReachedItFrom) {
    std::string base = signed_base("<< /N 5 0 R >>", "<< /XObject << /Fm1 5 0 R >> >>");
    std::string file = write("places.pdf", update(base, {{5, kForged}}, 9));
    RevisionHistory history = analysed(file);
    ASSERT_EQ(history.diffs.size(), 1u);
    auto change = std::find_if(history.diffs[0].objects.begin(), history.diffs[0].objects.end(),
                               [](const ObjectChange& c) { return c.number == 5; });
    ASSERT_NE(change, history.diffs[0].objects.end());
    EXPECT_EQ(change->kind, ChangeKind::Changed);
    EXPECT_TRUE(change->stream_changed);
    bool page = false, appearance = false;
    for (const ObjectUse& use : change->old_uses) {
        page = page || (use.role == ObjectRole::PageResource && use.page == 1 && use.path == "Resources \u203a XObject /Fm1");
        appearance = appearance || (use.role == ObjectRole::FieldAppearance && use.field == "kyso_so" && use.path == "AP \u203a N");
    }
    EXPECT_TRUE(page && appearance) << change->old_uses.size() << " uses";
    fs::remove(file);
}

// An update written by hand: `objects` in use, `freed` marked free ("f") in its table, and
// `extra` bytes between the objects and the table (object headers the table does not name).
std::string raw_update(const std::string& pdf, const std::map<int, std::string>& objects, const std::vector<int>& freed,
                       const std::string& extra, int size) {
    size_t prev = std::stoul(pdf.substr(pdf.rfind("startxref") + 9));
    std::string out = pdf;
    std::map<int, std::string> rows;
    char line[32];
    for (const auto& [number, body] : objects) {
        std::snprintf(line, sizeof line, "%010zu 00000 n \n", out.size());
        rows[number] = line;
        out += std::to_string(number) + " 0 obj\n" + body + "\nendobj\n";
    }
    for (int number : freed)
        rows[number] = "0000000000 00001 f \n";
    out += extra;
    size_t xref = out.size();
    out += "xref\n";
    for (const auto& [number, row] : rows)
        out += std::to_string(number) + " 1\n" + row;
    out += "trailer\n<< /Size " + std::to_string(size) + " /Root 1 0 R /Prev " + std::to_string(prev) +
           " >>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
    return out;
}

const ObjectChange* change_of(const RevisionDiff& diff, unsigned number) {
    for (const ObjectChange& c : diff.objects)
        if (c.number == number)
            return &c;
    return nullptr;
}

// The base has no /Info: PoDoFo's own (made on load, on the first free number) must not turn
// the freed 7 into a change or the new 9 into a change of /Info — it did before.
TEST(RevisionDiff, AddedChangedAndFreedObjectsAreToldApartWithTheirRoles) {
    std::string base = signed_base("<< /N 7 0 R >>", "<< /XObject << /Fm1 5 0 R >> >>");
    std::string file = write("kinds.pdf", raw_update(base, {{6, kFilledWidget}, {9, "<< /Kyso /New >>"}}, {7}, "", 10));
    RevisionHistory history = analysed(file);
    ASSERT_EQ(history.diffs.size(), 1u);
    const RevisionDiff& diff = history.diffs[0];
    EXPECT_TRUE(diff.readable) << diff.unreadable_reason;
    EXPECT_EQ(diff.revision, 2);
    EXPECT_EQ(diff.start, history.revision_ends.at(0));
    EXPECT_EQ(diff.end, history.revision_ends.at(1));

    const ObjectChange* widget = change_of(diff, 6);
    ASSERT_NE(widget, nullptr);
    EXPECT_EQ(widget->kind, ChangeKind::Changed);
    EXPECT_EQ(widget->role, ObjectRole::Field);
    EXPECT_EQ(widget->field, "kyso_so");
    EXPECT_NE(std::find(widget->changed_keys.begin(), widget->changed_keys.end(), "V"), widget->changed_keys.end());
    EXPECT_NE(std::find(widget->changed_keys.begin(), widget->changed_keys.end(), "AP/N"), widget->changed_keys.end());

    const ObjectChange* added = change_of(diff, 9);
    ASSERT_NE(added, nullptr);
    EXPECT_EQ(added->kind, ChangeKind::Added);
    EXPECT_EQ(added->role, ObjectRole::Unreferenced);

    const ObjectChange* freed = change_of(diff, 7);
    ASSERT_NE(freed, nullptr);
    EXPECT_EQ(freed->kind, ChangeKind::Removed);
    EXPECT_EQ(freed->old_role, ObjectRole::FieldAppearance);
    EXPECT_EQ(change_of(diff, 3), nullptr) << "the page did not change";
    EXPECT_EQ(history.trailing_bytes, 0u);
    fs::remove(file);
}

// A definition in the update that its own table does not name is a shadow a lenient reader
// may pick up (and bytes after the last %%EOF are no revision at all): both are reported.
TEST(RevisionDiff, ShadowDefinitionsAndTrailingBytesAreReported) {
    std::string base = signed_base("<< /N 7 0 R >>", "<< /XObject << /Fm1 5 0 R >> >>");
    std::string shadow = "5 0 obj\n" + kForged + "\nendobj\n";
    std::string file =
        write("shadow.pdf", raw_update(base, {{6, kFilledWidget}}, {}, shadow, 9) + "1 0 obj << >> endobj\n");
    RevisionHistory history = analysed(file);
    ASSERT_EQ(history.diffs.size(), 1u);
    const std::vector<unsigned>& stray = history.diffs[0].stray_definitions;
    EXPECT_NE(std::find(stray.begin(), stray.end(), 5u), stray.end()) << stray.size() << " stray";
    EXPECT_EQ(change_of(history.diffs[0], 5), nullptr) << "the shadow is not the object in use";
    EXPECT_GT(history.trailing_bytes, 0u);
    fs::remove(file);
}

// podofosign rewrites the form's default appearance (/DA) when it signs a file another tool
// signed: part of signing, not a change to what the signed revision shows (was refused).
TEST(ModificationCheck, SignerSettingTheFormsDefaultAppearanceIsAllowed) {
    std::string base = signed_base("<< /N 7 0 R >>", "<< /XObject << /Fm1 5 0 R >> >>");
    std::string file = write("form-da.pdf",
                             update(base, {{1, "<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [6 0 R] "
                                               "/DA (/Helv 0 Tf 0 g) >> >>"}}, 9));
    std::vector<ModificationFinding> findings = findings_of(file);
    for (const ModificationFinding& f : findings)
        EXPECT_TRUE(f.allowed) << list(findings);
    // Asking viewers to redraw every field is not part of signing.
    std::string redraw = write("form-redraw.pdf",
                               update(base, {{1, "<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [6 0 R] "
                                                 "/NeedAppearances true >> >>"}}, 9));
    EXPECT_TRUE(refused(findings_of(redraw), "form_changed")) << list(findings_of(redraw));
    fs::remove(file);
    fs::remove(redraw);
}

// A fill of kyso's number field is allowed, but not when its appearance is what the page draws.
TEST(ModificationCheck, FieldAppearanceSharedWithThePageIsPageContent) {
    std::string base = signed_base("<< /N 5 0 R >>", "<< /XObject << /Fm1 5 0 R >> >>");
    expect_refused_at("shared-ap.pdf", update(base, {{5, kForged}, {6, kFilledWidget}}, 9), "page_resources_changed",
                      "page 1 \u203a Resources \u203a XObject /Fm1");
}

// The page inherits /Resources from the page tree: before the fix the XObject had no role at
// all ("unreferenced") and overwriting it was not even reported.
TEST(ModificationCheck, InheritedResourcesAreThePagesToo) {
    std::string base = signed_base("<< /N 7 0 R >>", "", "/Resources << /XObject << /Fm1 5 0 R >> >>");
    expect_refused_at("inherited.pdf", update(base, {{5, kForged}}, 9), "page_resources_changed",
                      "Pages \u203a Resources \u203a XObject /Fm1");
}

// An own appearance stream that nothing else uses may be refilled: kyso's issuance.
TEST(ModificationCheck, FillingTheFieldsOwnAppearanceIsAllowed) {
    std::string base = signed_base("<< /N 7 0 R >>", "<< /XObject << /Fm1 5 0 R >> >>");
    std::string filled = "<< /Type /Annot /Subtype /Widget /FT /Tx /T (kyso_so) /V (7) /Rect [10 10 60 30] /P 3 0 R "
                         "/AP << /N 7 0 R >> >>";
    std::string file = write("own-ap.pdf", update(base, {{6, filled}, {7, test::stream_body("BT ET", "/Type /XObject /Subtype /Form /BBox [0 0 50 20]")}}, 9));
    std::vector<ModificationFinding> findings = findings_of(file);
    EXPECT_TRUE(modifications_allowed(findings)) << list(findings);
    EXPECT_FALSE(findings.empty());
    fs::remove(file);
}

// A trailer that points at a catalog written before signing changes no object; before the
// fix nothing at all was reported.
TEST(ModificationCheck, TrailerRedirectingRootIsRefused) {
    std::string base = signed_base("<< /N 7 0 R >>", "<< /XObject << /Fm1 5 0 R >> >>");
    expect_refused_at("root.pdf", update(base, {}, 9, "8 0 R"), "trailer_root_changed", "trailer \u203a Root");
}

// Adobe Reader sets the /F flags of the widget it signs: part of signing, allowed. Before the
// fix the second signature made the first one's changes "not allowed".
TEST(ModificationCheck, SignerSettingTheWidgetFlagsIsAllowed) {
    RevisionHistory history;
    history.revision_ends = {100, 200};
    RevisionDiff diff;
    diff.revision = 2;
    diff.fields_before["Signature2"] = {"Sig", false, "[0 0 0 0]"};
    diff.fields_after["Signature2"] = {"Sig", true, "[0 0 0 0]"};
    ObjectChange widget;
    widget.number = 9;
    widget.kind = ChangeKind::Changed;
    widget.role = widget.old_role = ObjectRole::Field;
    widget.field = widget.old_field = "Signature2";
    widget.changed_keys = {"F", "V", "AP"};
    ObjectChange value;
    value.number = 12;
    value.kind = ChangeKind::Added;
    value.role = ObjectRole::SignatureValue;
    value.field = "Signature2";
    diff.objects = {widget, value};
    history.diffs = {diff};
    std::vector<ModificationFinding> findings = check_modifications(history, 1, 100, "Signature1");
    EXPECT_TRUE(modifications_allowed(findings)) << list(findings);
    widget.changed_keys = {"F", "V", "AP", "Ff"};
    history.diffs[0].objects = {widget, value};
    findings = check_modifications(history, 1, 100, "Signature1");
    EXPECT_TRUE(refused(findings, "field_changed")) << list(findings);
}

// Issue 13.4: a long document whose later revision changes one field. The analysis reads the
// objects the update changes and those that lead to them (the catalog, the page tree's root,
// the field's page), not the 5,000 pages: PoDoFo parses a bounded number of objects, where the
// walk of the whole revision parses every page twice. The findings are the same.
constexpr int kPages = 5000;

// `pages` pages under one flat /Pages node (as qpdf --pages writes them) sharing one font; a
// text field kyso_so whose widget is on page `field_page`. Objects: 1 catalog, 2 pages, 3 the
// widget, 4 the font, then page/content pairs (page k is object 3 + 2k).
std::string long_document(int pages, int field_page) {
    test::PdfMaker maker;
    maker.add("<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [3 0 R] >> >>");
    maker.add("");
    maker.add("");
    maker.add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");
    std::string kids;
    for (int i = 1; i <= pages; ++i) {
        int page = maker.add("");
        int content = maker.add(test::stream_body("BT /F1 12 Tf 72 700 Td (trang " + std::to_string(i) + ") Tj ET\n"));
        maker.set(page, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> "
                        "/Contents " + std::to_string(content) + " 0 R" +
                            (i == field_page ? " /Annots [3 0 R]" : "") + " >>");
        kids += std::to_string(page) + " 0 R ";
    }
    maker.set(2, "<< /Type /Pages /Kids [" + kids + "] /Count " + std::to_string(pages) + " >>");
    maker.set(3, "<< /Type /Annot /Subtype /Widget /FT /Tx /T (kyso_so) /Rect [10 10 60 30] /P " +
                     std::to_string(3 + 2 * field_page) + " 0 R >>");
    return maker.build();
}

int page_object(int page) { return 3 + 2 * page; }

TEST(LongDocument, FillingOneFieldReadsABoundedNumberOfObjects) {
    const int size = 4 + 2 * kPages + 1;
    std::string base = long_document(kPages, kPages);
    std::string widget = "<< /Type /Annot /Subtype /Widget /FT /Tx /T (kyso_so) /V (7) /Rect [10 10 60 30] /P " +
                         std::to_string(page_object(kPages)) + " 0 R /AP << /N " + std::to_string(size) + " 0 R >> >>";
    std::string file = write("long-fill.pdf",
                             update(base, {{3, widget}, {size, test::stream_body("", "/Type /XObject /Subtype /Form /BBox [0 0 50 20]")}},
                                    size + 1));
    RevisionHistory touched = diff_revisions(file, 1);
    RevisionHistory everything = diff_revisions(file, 1, DiffScope::Everything);
    EXPECT_EQ(test::history_text(touched), test::history_text(everything));
    ASSERT_EQ(touched.diffs.size(), 1u);
    ASSERT_EQ(touched.diffs[0].objects.size(), 2u) << test::history_text(touched);
    EXPECT_EQ(touched.diffs[0].objects[0].role, ObjectRole::Field);
    EXPECT_EQ(touched.diffs[0].objects[0].page, kPages); // numbered without reading pages 1..4,999
    EXPECT_EQ(touched.diffs[0].objects[1].role, ObjectRole::FieldAppearance);
    // Catalog, page tree, widget, its page, the new appearance, in each of the two revisions.
    EXPECT_LE(touched.objects_read, 16u);
    EXPECT_GE(everything.objects_read, 2u * kPages); // what the observable counts: every page, twice
    std::vector<ModificationFinding> findings = check_modifications(touched, 1, touched.revision_ends.at(0), "", 0);
    EXPECT_TRUE(modifications_allowed(findings)) << list(findings);
    fs::remove(file);
}

// A font every page uses, changed: every page is a place it is used from, so the analysis reads
// the pages too (up to the places it records), and refuses the change naming page 1.
TEST(LongDocument, ASharedFontChangedIsFoundOnEveryPage) {
    const int pages = 300;
    std::string base = long_document(pages, 1);
    std::string file = write("long-font.pdf", update(base, {{4, "<< /Type /Font /Subtype /Type1 /BaseFont /Courier >>"}},
                                                     4 + 2 * pages + 1));
    RevisionHistory touched = analysed(file);
    EXPECT_GE(touched.objects_read, static_cast<size_t>(pages));
    std::string en;
    std::vector<ModificationFinding> findings = check_modifications(touched, 1, touched.revision_ends.at(0), "", 0);
    EXPECT_TRUE(refused(findings, "page_resources_changed", &en)) << list(findings);
    EXPECT_NE(en.find("of page 1 were changed (page 1 \u203a Resources \u203a Font /F1)"), std::string::npos) << en;
    fs::remove(file);
}

// The content of the last page redefined: found and numbered, the other pages not read.
TEST(LongDocument, TheLastPagesContentChangedIsNumberedWithoutReadingThePagesBefore) {
    const int size = 4 + 2 * kPages + 1;
    std::string base = long_document(kPages, 1);
    int content = page_object(kPages) + 1;
    std::string file = write("long-content.pdf", update(base, {{content, test::stream_body("0 0 1 rg 0 0 595 842 re f\n")}}, size));
    RevisionHistory touched = analysed(file);
    EXPECT_LE(touched.objects_read, 12u);
    std::string en;
    std::vector<ModificationFinding> findings = check_modifications(touched, 1, touched.revision_ends.at(0), "", 0);
    EXPECT_TRUE(refused(findings, "page_content_changed", &en)) << list(findings);
    EXPECT_NE(en.find("page " + std::to_string(kPages)), std::string::npos) << en;
    fs::remove(file);
}

} // namespace
} // namespace kyso
