// The regulation's workflow on the demo drafts, measured on the rendered pages: box 7c (the
// official's blue signature between title and name, centred on the column), box 8 (the red
// seal at its real size over the left third of the signature), number and date filled, both
// signatures valid for kyso, pdfsig and PDFBox; and every refusal the regulation asks for.
#include "core/error.hpp"
#include "core/pdf/form_edits.hpp"
#include "core/workflow/block_offers.hpp"
#include "core/workflow/document_state.hpp"
#include "core/workflow/issue_batch.hpp"
#include "core/workflow/roles.hpp"
#include "core/workflow/signing_preview.hpp"
#include "core/workflow/state_line.hpp"
#include "core/workflow/verify_document.hpp"
#include "badinput/pdf_maker.hpp"
#include "pdf_tests/sign_helpers.hpp"
#include "support/anchors.hpp"
#include "support/errors.hpp"
#include "support/files.hpp"
#include "support/render.hpp"
#include "support/signers.hpp"
#include "support/test_env.hpp"

#include <gtest/gtest.h>
#include <openssl/pem.h>

#include <cstdio>

#include <filesystem>

namespace kyso {
namespace {

using test::Ink;
using test::MmBox;
using test::TestEnv;

constexpr double kSealDiameterMm = 36.0;

struct Draft {
    const char* file;       ///< in the demo folder
    const char* last_title; ///< the last title line, as printed
    const char* name;       ///< the signer's name, as printed
    int signer_page;
    const char* number_text = nullptr; ///< the number and symbol issue gives, where the test pins it
};

void PrintTo(const Draft& d, std::ostream* os) { *os << d.file; }

const FormField& field(const std::vector<FormField>& fields, const std::string& name) {
    for (const FormField& f : fields)
        if (f.name == name)
            return f;
    throw std::runtime_error("no field " + name);
}

using test::error_code_of;

struct Issued {
    std::string dir, prepared, signed_pdf, issued;
    std::string number_text; ///< as the issuance printed it
};

Issued run_workflow(const std::string& draft) {
    Issued out;
    out.dir = TestEnv::get().scratch().string();
    out.prepared = out.dir + "/du-thao.pdf";
    out.signed_pdf = out.dir + "/da-ky.pdf";
    out.issued = out.dir + "/ban-hanh.pdf";
    prepare_draft({draft, out.prepared});
    auto module = test::open_test_module();
    KeySigner official = test::token_signer(*module, "binh");
    sign_official({out.prepared, out.signed_pdf, test::make_signature_png(out.dir), 0}, official);
    KeySigner organisation = test::token_signer(*module, "ubnd");
    IssueOptions issue = test::issue_options(out.signed_pdf, out.issued, 5, "qđ-ubnd", out.dir);
    IssueResult result = issue_document(issue, organisation);
    EXPECT_NE(result.number_text.find("05/"), std::string::npos) << result.number_text;
    out.number_text = result.number_text;
    return out;
}

class Workflow : public ::testing::TestWithParam<Draft> {};

TEST_P(Workflow, PrepareSignIssueMeetsDecree30) {
    const Draft& d = GetParam();
    std::string draft = TestEnv::get().demo(d.file);
    Issued out = run_workflow(draft);

    // R4 and the validators: each step is a sound incremental update with valid signatures.
    test::expect_sound_signed_update(out.prepared, out.signed_pdf, 1);
    test::expect_sound_signed_update(out.signed_pdf, out.issued, 2);

    // Box 7c, measured on the rendered page against pdftotext's lines.
    std::vector<test::TextLineBox> lines = test::text_lines(out.issued, d.signer_page);
    std::optional<MmBox> title = test::last_line(lines, d.last_title);
    std::optional<MmBox> name = test::last_line(lines, d.name);
    ASSERT_TRUE(title && name) << "title or name line not found by pdftotext";
    MmBox column{std::min(title->left, name->left), title->bottom, std::max(title->right, name->right), name->top};
    std::optional<MmBox> blue = test::ink_box(out.signed_pdf, d.signer_page, Ink::Blue);
    ASSERT_TRUE(blue);
    EXPECT_GE(blue->top, title->bottom) << "the signature covers the title";
    EXPECT_LE(blue->bottom, name->top) << "the signature covers the name";
    EXPECT_NEAR(blue->centre_x(), name->centre_x(), 1.0) << "centred on the column within 1 mm";
    EXPECT_NEAR(blue->centre_x(), title->centre_x(), 1.0);

    // Box 8: the seal at its real size, over the left third of the signature image.
    std::vector<FormField> fields = read_form_fields(out.issued);
    const FormField& official = field(fields, field_names::kOfficial);
    const FormField& org = field(fields, field_names::kOrganisation);
    std::optional<MmBox> red = test::ink_box(out.issued, d.signer_page, Ink::Red);
    ASSERT_TRUE(red);
    EXPECT_NEAR(red->width(), kSealDiameterMm, 0.5) << "real size";
    EXPECT_NEAR(red->height(), kSealDiameterMm, 0.5);
    double overlap_pt = official.rect.x + official.rect.width / 3 - official.rect.x;
    double covered = std::min(org.rect.right(), official.rect.right()) - std::max(org.rect.x, official.rect.x);
    EXPECT_NEAR(covered / official.rect.width, 1.0 / 3.0, 0.05);
    EXPECT_NEAR(covered, overlap_pt, 0.5);
    EXPECT_NEAR((red->right - blue->left) / blue->width(), 1.0 / 3.0, 0.05) << "as rendered";
    EXPECT_NEAR(org.rect.centre_y(), official.rect.centre_y(), 0.01) << "vertically centred on the signature";

    // Boxes 3 and 4: number and date filled, drawn in their gaps.
    CivilDate today = vietnam_date(std::time(nullptr));
    EXPECT_EQ(field(fields, field_names::kNumber).value, "05");
    EXPECT_EQ(std::stoi(field(fields, field_names::kDay).value), today.day);
    EXPECT_EQ(field(fields, field_names::kDay).value.size(), 2u) << "days below 10 take a zero";
    EXPECT_EQ(std::stoi(field(fields, field_names::kMonth).value), today.month);
    const FormField& number = field(fields, field_names::kNumber);
    std::vector<PageRect> boxes = page_boxes(out.issued);
    MmBox number_mm = test::to_mm(number.rect.x, number.rect.y, number.rect.width, number.rect.height,
                                  boxes.at(static_cast<size_t>(number.page - 1)).height);
    // Inside by a pixel or two: anti-aliased edges of the neighbouring glyphs are not the number.
    number_mm = {number_mm.left + 0.3, number_mm.top + 0.3, number_mm.right - 0.3, number_mm.bottom - 0.3};
    EXPECT_TRUE(test::ink_box(out.issued, number.page, Ink::Dark, number_mm)) << "the number is drawn in its gap";
    EXPECT_FALSE(test::ink_box(out.signed_pdf, number.page, Ink::Dark, number_mm)) << "empty before issuance";
    EXPECT_EQ(number.page, 1) << "the number stays on page 1 whatever page the signature is on";
    if (d.number_text)
        EXPECT_EQ(out.number_text, d.number_text) << "the symbol as printed, with no year added";
}

INSTANTIATE_TEST_SUITE_P(DemoDrafts, Workflow,
                         ::testing::Values(Draft{"quyet-dinh.pdf", "CHỦ TỊCH", "Nguyễn Thanh Bình", 1},
                                           Draft{"quyet-dinh-plain.pdf", "CHỦ TỊCH", "Nguyễn Thanh Bình", 1},
                                           Draft{"quyet-dinh-2-trang.pdf", "CHỦ TỊCH", "Nguyễn Thanh Bình", 2},
                                           Draft{"cong-van.pdf", "PHÓ CHỦ TỊCH", "Trần Văn Minh", 1},
                                           // The same drafts saved as DOCX and exported again (issue 15.4).
                                           Draft{"quyet-dinh-docx.pdf", "CHỦ TỊCH", "Nguyễn Thanh Bình", 1},
                                           Draft{"quyet-dinh-2-trang-docx.pdf", "CHỦ TỊCH", "Nguyễn Thanh Bình", 2},
                                           Draft{"cong-van-docx.pdf", "PHÓ CHỦ TỊCH", "Trần Văn Minh", 1},
                                           // A department's letter as a user writes it (no
                                           // bookmarks), signed on page 2 (issue 15).
                                           Draft{"cong-van-so.pdf", "PHÓ GIÁM ĐỐC", "Phạm Thị Lan", 2, "05/STTTT-VP"},
                                           Draft{"cong-van-so-docx.pdf", "PHÓ GIÁM ĐỐC", "Phạm Thị Lan", 2, "05/STTTT-VP"}),
                         [](const auto& info) {
                             std::string name = info.param.file;
                             name = name.substr(0, name.find('.'));
                             for (char& c : name)
                                 if (c == '-')
                                     c = '_';
                             return name;
                         });

std::vector<std::string> names_in(const std::string& dir) {
    std::vector<std::string> names;
    for (const auto& entry : std::filesystem::directory_iterator(dir))
        names.push_back(entry.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
}

// The ink shown on the preview is where the signed file has it, within two pixels at 80 dpi.
void expect_as_previewed(const MmBox& shown, const std::string& signed_pdf, int page, Ink ink) {
    std::optional<MmBox> written = test::ink_box(signed_pdf, page, ink);
    ASSERT_TRUE(written) << signed_pdf;
    constexpr double kTolerance = 0.7;
    EXPECT_NEAR(shown.left, written->left, kTolerance);
    EXPECT_NEAR(shown.top, written->top, kTolerance);
    EXPECT_NEAR(shown.right, written->right, kTolerance);
    EXPECT_NEAR(shown.bottom, written->bottom, kTolerance);
}

// Issue 16.3: the page shown before the PIN is the page the signing writes, with the blue
// signature where the signed file has it, and a preview writes nothing but its picture. The
// draft is not prepared: the preview prepares it as the signing would, and shows its signer
// block's page 2.
TEST(SigningPreview, ShowsTheSignatureWhereTheSigningPutsItAndWritesNothingElse) {
    std::string dir = TestEnv::get().scratch().string();
    std::string images = dir + "/images"; // outside the output's folder, as the extension's
    std::filesystem::create_directories(images);
    std::string draft = dir + "/du-thao.pdf", signed_pdf = dir + "/da-ky.pdf";
    std::filesystem::copy_file(TestEnv::get().demo("quyet-dinh-2-trang.pdf"), draft);
    OfficialSignOptions sign{draft, signed_pdf, test::make_signature_png(images), 0};
    std::string before = test::sha256_file(draft);

    std::string png = images + "/7c.png";
    SigningPreview preview = preview_official_signature(sign, png);
    EXPECT_EQ(preview.picture.page, 2);
    EXPECT_TRUE(preview.filled_pages.empty()) << "the official fills nothing on page 1";
    EXPECT_EQ(names_in(dir), (std::vector<std::string>{"du-thao.pdf", "images"})) << "a preview writes beside the output";
    EXPECT_EQ(test::sha256_file(draft), before);
    std::optional<MmBox> shown = test::png_ink_box(png, preview.picture.dpi, Ink::Blue);
    ASSERT_TRUE(shown) << "no signature on the preview";
    double mm_per_pixel = 25.4 / preview.picture.dpi; // the image's box holds its ink
    EXPECT_LE(preview.image_box.x0 * mm_per_pixel, shown->left);
    EXPECT_LE(preview.image_box.y0 * mm_per_pixel, shown->top);
    EXPECT_GE(preview.image_box.x1 * mm_per_pixel, shown->right);
    EXPECT_GE(preview.image_box.y1 * mm_per_pixel, shown->bottom);

    auto module = test::open_test_module();
    KeySigner official = test::token_signer(*module, "binh");
    sign_official(sign, official);
    expect_as_previewed(*shown, signed_pdf, 2, Ink::Blue);
}

// The issuance's preview: the red seal where the issued file has it, and the number drawn in
// its gap, which is still empty in the signed file.
TEST(SigningPreview, ShowsTheSealAndTheNumberWhereTheIssuancePutsThem) {
    std::string dir = TestEnv::get().scratch().string();
    std::string images = dir + "/images"; // outside the output's folder, as the extension's
    std::filesystem::create_directories(images);
    std::string prepared = dir + "/du-thao.pdf", signed_pdf = dir + "/da-ky.pdf", issued = dir + "/ban-hanh.pdf";
    prepare_draft({TestEnv::get().demo("quyet-dinh.pdf"), prepared});
    auto module = test::open_test_module();
    KeySigner official = test::token_signer(*module, "binh");
    sign_official({prepared, signed_pdf, test::make_signature_png(images), 0}, official);

    IssueOptions issue = test::issue_options(signed_pdf, issued, 7, "qđ-ubnd", images);
    std::string png = images + "/8.png";
    SigningPreview preview = preview_issue_signature(issue, png, {}, 144); // fine enough for the digits' ink
    EXPECT_EQ(preview.picture.page, 1);
    EXPECT_EQ(names_in(dir), (std::vector<std::string>{"da-ky.pdf", "du-thao.pdf", "images"}));
    std::optional<MmBox> shown_seal = test::png_ink_box(png, preview.picture.dpi, Ink::Red);
    ASSERT_TRUE(shown_seal) << "no seal on the preview";
    std::vector<FormField> fields = read_form_fields(signed_pdf);
    const FormField& number = field(fields, field_names::kNumber);
    MmBox gap = test::to_mm(number.rect.x, number.rect.y, number.rect.width, number.rect.height,
                            page_boxes(signed_pdf).at(0).height);
    gap = {gap.left + 0.5, gap.top + 0.5, gap.right - 0.5, gap.bottom - 0.5}; // not the neighbours' edges
    EXPECT_TRUE(test::png_ink_box(png, preview.picture.dpi, Ink::Dark, gap)) << "the number is on the preview";
    EXPECT_FALSE(test::ink_box(signed_pdf, 1, Ink::Dark, gap)) << "and not yet in the file";

    KeySigner organisation = test::token_signer(*module, "ubnd");
    issue_document(issue, organisation);
    expect_as_previewed(*shown_seal, issued, 1, Ink::Red);
}

// A two-page draft (the decision by default) prepared and signed by the official in `dir`
// ("da-ky.pdf", beside "du-thao.pdf"), the images in `images`; its number is on page 1, its
// signer block on page 2.
std::string signed_two_page_decision(const std::string& dir, const std::string& images,
                                     const char* draft = "quyet-dinh-2-trang.pdf") {
    std::filesystem::create_directories(images);
    std::string prepared = dir + "/du-thao.pdf", signed_pdf = dir + "/da-ky.pdf";
    prepare_draft({TestEnv::get().demo(draft), prepared});
    auto module = test::open_test_module();
    KeySigner official = test::token_signer(*module, "binh");
    sign_official({prepared, signed_pdf, test::make_signature_png(images), 0}, official);
    return signed_pdf;
}

// Issue 16.3 on a decision signed on page 2: the văn thư sees both pages the issuance writes
// on, page 1 with the number in its gap and page 2 with the seal, before the PIN. Before, only
// page 2 was shown and the number was never seen.
void expect_number_page_beside_the_seal(const char* draft) {
    std::string dir = TestEnv::get().scratch().string();
    std::string images = dir + "/images";
    std::string signed_pdf = signed_two_page_decision(dir, images, draft);

    IssueOptions issue = test::issue_options(signed_pdf, dir + "/ban-hanh.pdf", 7, "qđ-ubnd", images);
    std::string png = images + "/8.png";
    SigningPreview preview = preview_issue_signature(issue, png, {}, 144);
    EXPECT_EQ(preview.picture.page, 2);
    EXPECT_TRUE(test::png_ink_box(png, preview.picture.dpi, Ink::Red)) << "no seal on page 2's picture";
    ASSERT_EQ(preview.filled_pages.size(), 1u);
    const FilledPage& first = preview.filled_pages[0];
    EXPECT_EQ(first.picture.page, 1);
    EXPECT_EQ(first.png_path, images + "/8-trang-1.png");
    EXPECT_FALSE(test::png_ink_box(first.png_path, first.picture.dpi, Ink::Red)) << "the seal is not on page 1";
    std::vector<FormField> fields = read_form_fields(signed_pdf);
    const FormField& number = field(fields, field_names::kNumber);
    ASSERT_EQ(number.page, 1);
    MmBox gap = test::to_mm(number.rect.x, number.rect.y, number.rect.width, number.rect.height,
                            page_boxes(signed_pdf).at(0).height);
    gap = {gap.left + 0.5, gap.top + 0.5, gap.right - 0.5, gap.bottom - 0.5};
    EXPECT_TRUE(test::png_ink_box(first.png_path, first.picture.dpi, Ink::Dark, gap)) << "the number is on page 1's picture";
    EXPECT_FALSE(first.boxes.empty()) << "where the number and the date are";
    EXPECT_EQ(names_in(images), (std::vector<std::string>{"8-trang-1.png", "8.png", "chu-ky.png", "con-dau.png"}));
}

// The drafts: the decision exported from its ODT and from its DOCX, and the department letter
// from its DOCX ("Số: …/STTTT-VP", signed on page 2).
TEST(SigningPreview, ShowsThePageOfTheNumberWhenTheSealIsOnAnother) {
    for (const char* draft : {"quyet-dinh-2-trang.pdf", "quyet-dinh-2-trang-docx.pdf", "cong-van-so-docx.pdf"}) {
        SCOPED_TRACE(draft);
        expect_number_page_beside_the_seal(draft);
    }
}

// A page that cannot be written leaves no picture at all: here page 1's name is taken by a folder.
TEST(SigningPreview, LeavesNoPictureWhenOnePageFails) {
    std::string dir = TestEnv::get().scratch().string();
    std::string images = dir + "/images";
    std::string signed_pdf = signed_two_page_decision(dir, images);
    std::filesystem::create_directory(images + "/8-trang-1.png");

    IssueOptions issue = test::issue_options(signed_pdf, dir + "/ban-hanh.pdf", 7, "qđ-ubnd", images);
    EXPECT_EQ(error_code_of([&] { preview_issue_signature(issue, images + "/8.png"); }), ErrorCode::OutputProblem);
    EXPECT_FALSE(std::filesystem::exists(images + "/8.png")) << "page 2's picture was left behind";
    EXPECT_EQ(names_in(dir), (std::vector<std::string>{"da-ky.pdf", "du-thao.pdf", "images"}));
}

// A preview refuses what the signing would refuse, before any token: here an issuance whose
// official signature is missing (R1).
TEST(SigningPreview, IssuanceOfAnUnsignedDraftIsRefused) {
    std::string dir = TestEnv::get().scratch().string();
    std::string prepared = dir + "/du-thao.pdf";
    prepare_draft({TestEnv::get().demo("quyet-dinh.pdf"), prepared});
    IssueOptions issue = test::issue_options(prepared, dir + "/ban-hanh.pdf", 7, "qđ-ubnd", dir);
    std::string message;
    EXPECT_EQ(error_code_of([&] { preview_issue_signature(issue, dir + "/8.png"); }, &message), ErrorCode::BadArguments);
    EXPECT_NE(message.find("official"), std::string::npos) << message;
    EXPECT_FALSE(std::filesystem::exists(dir + "/8.png"));
    EXPECT_FALSE(std::filesystem::exists(dir + "/ban-hanh.pdf"));
}

TEST(WorkflowRules, PrepareIsIdempotentAndRefusesSignedPdfs) {
    std::string dir = TestEnv::get().scratch().string();
    prepare_draft({TestEnv::get().demo("quyet-dinh.pdf"), dir + "/a.pdf"});
    PrepareResult again = prepare_draft({dir + "/a.pdf", dir + "/b.pdf"});
    EXPECT_TRUE(again.already_prepared);
    EXPECT_EQ(test::read_file(dir + "/a.pdf"), test::read_file(dir + "/b.pdf"));
    EXPECT_EQ(error_code_of([&] { prepare_draft({TestEnv::get().corpus("presigned.pdf"), dir + "/c.pdf"}); }),
              ErrorCode::BadArguments);
    EXPECT_FALSE(std::filesystem::exists(dir + "/c.pdf"));
}

TEST(WorkflowRules, MissingSignerBlockIsNamed) {
    std::string dir = TestEnv::get().scratch().string();
    try {
        prepare_draft({TestEnv::get().demo("thieu-cho-ky.pdf"), dir + "/x.pdf"});
        FAIL() << "prepared a draft without a signer block";
    } catch (const Error& error) {
        EXPECT_NE(error.vietnamese().find("kysoChucVuEnd"), std::string::npos) << error.vietnamese();
    }
    EXPECT_FALSE(std::filesystem::exists(dir + "/x.pdf"));
}

TEST(WorkflowRules, EachRoleNeedsItsKindOfCertificate) {
    std::string dir = TestEnv::get().scratch().string();
    auto module = test::open_test_module();
    KeySigner organisation = test::token_signer(*module, "ubnd");
    EXPECT_EQ(error_code_of([&] {
                  sign_official({TestEnv::get().demo("quyet-dinh.pdf"), dir + "/s.pdf", test::make_signature_png(dir), 0},
                                organisation);
              }),
              ErrorCode::CertificateRejected);
    Issued out = run_workflow(TestEnv::get().demo("quyet-dinh.pdf"));
    KeySigner personal = test::token_signer(*module, "binh");
    IssueOptions issue{out.signed_pdf, dir + "/i.pdf", 6, "QĐ-UBND", {}, test::make_seal_png(dir), {}, {TestEnv::get().root_ca()}, 0};
    EXPECT_EQ(error_code_of([&] { issue_document(issue, personal); }), ErrorCode::CertificateRejected);
    EXPECT_FALSE(std::filesystem::exists(dir + "/i.pdf"));
}

TEST(WorkflowRules, IssuanceRefusals) {
    std::string dir = TestEnv::get().scratch().string();
    auto module = test::open_test_module();
    KeySigner organisation = test::token_signer(*module, "ubnd");
    std::string seal = test::make_seal_png(dir);
    std::vector<std::string> trust{TestEnv::get().root_ca()};

    // R1: nothing signed yet.
    prepare_draft({TestEnv::get().demo("quyet-dinh.pdf"), dir + "/prepared.pdf"});
    EXPECT_EQ(error_code_of([&] { issue_document({dir + "/prepared.pdf", dir + "/o1.pdf", 1, "QĐ-UBND", {}, seal, {}, trust, 0}, organisation); }),
              ErrorCode::BadArguments);

    Issued out = run_workflow(TestEnv::get().demo("quyet-dinh.pdf"));
    // R2: another date than today.
    CivilDate tomorrow = vietnam_date(std::time(nullptr) + 24 * 3600);
    EXPECT_EQ(error_code_of([&] { issue_document({out.signed_pdf, dir + "/o2.pdf", 1, "QĐ-UBND", tomorrow, seal, {}, trust, 0}, organisation); }),
              ErrorCode::BadArguments);
    // The draft says 2026; issuing it in another year is caught.
    std::time_t next_year = std::time(nullptr) + 400L * 24 * 3600;
    EXPECT_EQ(error_code_of([&] { issue_document({out.signed_pdf, dir + "/o3.pdf", 1, "QĐ-UBND", {}, seal, {}, trust, next_year}, organisation); }),
              ErrorCode::BadArguments);
    // Twice.
    EXPECT_EQ(error_code_of([&] { issue_document({out.issued, dir + "/o4.pdf", 2, "QĐ-UBND", {}, seal, {}, trust, 0}, organisation); }),
              ErrorCode::BadArguments);
    // R1: the official's signature must verify.
    std::string tampered = dir + "/tampered.pdf";
    std::filesystem::copy_file(out.signed_pdf, tampered);
    test::flip_byte(tampered, 400);
    EXPECT_NE(error_code_of([&] { issue_document({tampered, dir + "/o5.pdf", 1, "QĐ-UBND", {}, seal, {}, trust, 0}, organisation); }),
              ErrorCode::Internal);
    // A seal whose real size is unknown.
    test::write_png(dir + "/no-phys.png", 300, 300, test::red_seal_pixels(300));
    EXPECT_EQ(error_code_of([&] { issue_document({out.signed_pdf, dir + "/o6.pdf", 1, "QĐ-UBND", {}, dir + "/no-phys.png", {}, trust, 0}, organisation); }),
              ErrorCode::ImageInvalid);
    for (const char* name : {"/o1.pdf", "/o2.pdf", "/o3.pdf", "/o4.pdf", "/o5.pdf", "/o6.pdf"})
        EXPECT_FALSE(std::filesystem::exists(dir + name)) << name;
}

// R1 keeps requiring a valid official signature; an intact one from a CA that is not trusted is
// refused with its verdict and what to do (issue 12: the refusal said neither).
TEST(WorkflowRules, UntrustedOfficialSignatureIsRefusedWithItsVerdictAndTheRemedy) {
    std::string dir = TestEnv::get().scratch().string();
    Issued out = run_workflow(TestEnv::get().demo("quyet-dinh.pdf"));
    KeySigner stranger = test::software_signer("Stranger CA");
    std::string stranger_pem = dir + "/stranger.pem";
    FILE* file = std::fopen(stranger_pem.c_str(), "w");
    ASSERT_NE(file, nullptr);
    PEM_write_X509(file, const_cast<X509*>(stranger.certificate()));
    std::fclose(file);
    auto module = test::open_test_module();
    KeySigner organisation = test::token_signer(*module, "ubnd");
    IssueOptions issue{out.signed_pdf, dir + "/o.pdf", 7, "QĐ-UBND", {}, test::make_seal_png(dir), {}, {stranger_pem}, 0};
    try {
        issue_document(issue, organisation);
        FAIL() << "issued a document whose official signature is not confirmed";
    } catch (const Error& error) {
        EXPECT_EQ(error.code(), ErrorCode::VerificationFailed);
        EXPECT_NE(error.vietnamese().find("TOÀN VẸN, CHƯA XÁC THỰC ĐƯỢC NGƯỜI KÝ"), std::string::npos) << error.describe();
        EXPECT_NE(error.vietnamese().find("thêm chứng thư CA phát hành bằng --trust"), std::string::npos) << error.describe();
        EXPECT_NE(error.vietnamese().find("Cài đặt"), std::string::npos) << error.describe();
        EXPECT_NE(error.english().find("INTACT, SIGNER NOT CONFIRMED"), std::string::npos) << error.describe();
        EXPECT_NE(error.english().find("add the issuing CA with --trust"), std::string::npos) << error.describe();
        EXPECT_NE(error.english().find("Settings"), std::string::npos) << error.describe();
    }
    EXPECT_FALSE(std::filesystem::exists(dir + "/o.pdf"));
}

TEST(WorkflowRules, OpaqueSignatureImageIsRefused) {
    std::string dir = TestEnv::get().scratch().string();
    std::vector<unsigned char> opaque(200 * 80 * 4, 255);
    test::write_png(dir + "/opaque.png", 200, 80, opaque);
    auto module = test::open_test_module();
    KeySigner official = test::token_signer(*module, "binh");
    EXPECT_EQ(error_code_of([&] { sign_official({TestEnv::get().demo("quyet-dinh.pdf"), dir + "/s.pdf", dir + "/opaque.png", 0}, official); }),
              ErrorCode::ImageInvalid);
}

const char* note_name(bool copy) { return copy ? field_names::kCopyNote : field_names::kNote; }

// The note's rectangle (mm, from the top left) and a check that it was blank before: the note
// never covers what the page already shows.
MmBox note_box(const std::string& signed_pdf, bool copy = true) {
    std::vector<FormField> fields = read_form_fields(signed_pdf);
    const FormField& note = field(fields, note_name(copy));
    PageRect page = page_boxes(signed_pdf).at(0);
    return test::to_mm(note.rect.x, note.rect.y, note.rect.width, note.rect.height, page.height);
}

void expect_note_on_free_space(const std::string& input, const std::string& output, bool copy = true) {
    MmBox box = note_box(output, copy);
    EXPECT_FALSE(test::ink_box(input, 1, Ink::Dark, box)) << "the note's place was not blank";
    EXPECT_TRUE(test::ink_box(output, 1, Ink::Dark, box)) << "the note is drawn";
    PageRect page = page_boxes(output).at(0);
    EXPECT_NEAR(page.width * kMmPerPoint - box.right, 20, 0.2) << "right margin";
    EXPECT_GE(box.top, 5 - 0.2) << "not closer than 5 mm to the top edge";
}

class NoteCase : public ::testing::TestWithParam<bool> {};

TEST_P(NoteCase, AttachmentAndCopyCarryTheTopRightNote) {
    bool copy = GetParam();
    std::string dir = TestEnv::get().scratch().string();
    std::string input = TestEnv::get().corpus("multipage.pdf");
    std::string out = dir + "/out.pdf";
    auto module = test::open_test_module();
    KeySigner organisation = test::token_signer(*module, "ubnd");
    if (copy)
        sign_copy({input, out, "SAO Y", "Văn phòng UBND tỉnh An Giang", 0}, organisation);
    else
        sign_attachment({input, out, 42, "2026/QĐ-UBND", 0}, organisation);
    test::expect_sound_signed_update(input, out, 1);

    std::vector<FormField> fields = read_form_fields(out);
    const FormField& note = field(fields, note_name(copy));
    EXPECT_EQ(note.page, 1);
    expect_note_on_free_space(input, out, copy);
    EXPECT_EQ(note.value.substr(0, note.value.find('\n')), copy ? "SAO Y" : "42/2026/QĐ-UBND");
    EXPECT_NE(note.value.find("+07:00"), std::string::npos) << "ISO 8601 in Vietnam time";
    const FormField& sig = field(fields, copy ? field_names::kCopy : field_names::kOrganisation);
    EXPECT_EQ(sig.rect.width, 0) << "the signature itself is invisible";
}

INSTANTIATE_TEST_SUITE_P(AttachmentOrCopy, NoteCase, ::testing::Values(false, true),
                         [](const auto& info) { return info.param ? "copy" : "attachment"; });

// Issue 15.3: the number as the user gave it: "07/STTTT-VP" stays without a year (it was
// printed "07/2026/STTTT-VP" before).
TEST(AttachmentNote, NumberWithoutYearGetsNoYear) {
    std::string dir = TestEnv::get().scratch().string();
    std::string input = TestEnv::get().corpus("multipage.pdf");
    auto module = test::open_test_module();
    KeySigner organisation = test::token_signer(*module, "ubnd");
    sign_attachment({input, dir + "/dinh-kem.pdf", 7, "STTTT-VP", 0}, organisation);
    std::vector<FormField> fields = read_form_fields(dir + "/dinh-kem.pdf");
    const FormField& note = field(fields, field_names::kNote);
    EXPECT_EQ(note.value.substr(0, note.value.find('\n')), "07/STTTT-VP");
}

// Issue 15.3: with --main the number and symbol are read from the issued main document, as
// printed there; measured against the draft's own "Số: …/symbol" read by pdftotext.
TEST(AttachmentNote, MainDocumentGivesItsPrintedNumber) {
    for (const char* letter : {"cong-van.pdf", "cong-van-docx.pdf", "cong-van-so.pdf", "cong-van-so-docx.pdf"}) {
        SCOPED_TRACE(letter);
        Issued main = run_workflow(TestEnv::get().demo(letter));
        // "Số:" and "/UBND-VP" are two pdftotext lines on one row.
        std::vector<test::TextLineBox> lines = test::text_lines(TestEnv::get().demo(letter), 1);
        std::optional<MmBox> so = test::last_line(lines, "Số:");
        ASSERT_TRUE(so);
        std::string printed_symbol;
        for (const test::TextLineBox& line : lines)
            if (line.text.rfind('/', 0) == 0 && std::abs(line.box.top - so->top) < 1)
                printed_symbol = line.text;
        ASSERT_FALSE(printed_symbol.empty());
        // The attachment: a Writer-made document with its header at the top margin, from ODT and
        // from DOCX.
        auto module = test::open_test_module();
        KeySigner organisation = test::token_signer(*module, "ubnd");
        for (const char* attachment : {"thieu-cho-ky.pdf", "thieu-cho-ky-docx.pdf"}) {
            SCOPED_TRACE(attachment);
            std::string input = TestEnv::get().demo(attachment);
            AttachmentOptions options;
            options.input = input;
            options.output = main.dir + "/dinh-kem-" + attachment; // scratch() would empty the folder
            options.main_document = main.issued;
            sign_attachment(options, organisation);
            std::vector<FormField> fields = read_form_fields(options.output);
            const FormField& note = field(fields, field_names::kNote);
            EXPECT_EQ(note.value.substr(0, note.value.find('\n')), "05" + printed_symbol);
            test::expect_sound_signed_update(input, options.output, 1);
            expect_note_on_free_space(input, options.output, false);
        }
    }
}

TEST(AttachmentNote, MainDocumentNotIssuedIsRefused) {
    Issued main = run_workflow(TestEnv::get().demo("cong-van.pdf"));
    std::string dir = main.dir; // scratch() would empty the folder
    auto module = test::open_test_module();
    KeySigner organisation = test::token_signer(*module, "ubnd");
    for (const std::string& not_issued : {main.prepared, main.signed_pdf}) {
        AttachmentOptions options;
        options.input = TestEnv::get().corpus("multipage.pdf");
        options.output = dir + "/dinh-kem.pdf";
        options.main_document = not_issued;
        try {
            sign_attachment(options, organisation);
            ADD_FAILURE() << "signed with an unissued main document";
        } catch (const Error& e) {
            EXPECT_EQ(e.code(), ErrorCode::BadArguments);
            EXPECT_NE(e.english().find("is not issued"), std::string::npos) << e.english();
        }
        EXPECT_FALSE(std::filesystem::exists(options.output));
    }
}

// Issue 15.3: the copy note of an issued decision lay over "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT
// NAM"; it now sits in the free space above it, measured on the renderings.
TEST(CopyNote, IssuedDecisionKeepsItsFirstLineVisible) {
    for (const char* draft : {"quyet-dinh.pdf", "quyet-dinh-docx.pdf"}) {
        SCOPED_TRACE(draft);
        Issued issued = run_workflow(TestEnv::get().demo(draft));
        std::string out = issued.dir + "/sao-y.pdf";
        auto module = test::open_test_module();
        KeySigner organisation = test::token_signer(*module, "ubnd");
        sign_copy({issued.issued, out, "SAO Y", "Văn phòng UBND tỉnh An Giang", 0}, organisation);
        test::expect_sound_signed_update(issued.issued, out, 3);
        expect_note_on_free_space(issued.issued, out);
        std::optional<MmBox> motto = test::last_line(test::text_lines(out, 1), "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
        ASSERT_TRUE(motto);
        EXPECT_LE(note_box(out).bottom, motto->top) << "above the motto";
    }
}

// A page whose top right carries a black bar (graphics, no text) `from_top` mm below the edge.
std::string page_with_bar(const std::string& dir, double from_top) {
    test::PdfMaker pdf = test::PdfMaker::one_page();
    double top = 842 - from_top / kMmPerPoint;
    pdf.set(4, test::stream_body("0 g 300 " + std::to_string(top - 20) + " 280 20 re f\n"));
    std::string path = dir + "/bar-" + std::to_string(static_cast<int>(from_top)) + ".pdf";
    test::write_file(path, pdf.build());
    return path;
}

TEST(CopyNote, TightensItsLinesThenRefusesNeverCovers) {
    std::string dir = TestEnv::get().scratch().string();
    auto module = test::open_test_module();
    KeySigner organisation = test::token_signer(*module, "ubnd");
    // 18.3 mm: three lines fit only closer than 1.2 line spacing.
    std::string tight = page_with_bar(dir, 18.3);
    sign_copy({tight, dir + "/tight.pdf", "SAO Y", "Văn phòng UBND tỉnh An Giang", 0}, organisation);
    expect_note_on_free_space(tight, dir + "/tight.pdf");
    EXPECT_LE(note_box(dir + "/tight.pdf").bottom, 18.3) << "above the bar";
    // 14 mm: no room for three lines; refused, nothing written.
    std::string crowded = page_with_bar(dir, 14);
    try {
        sign_copy({crowded, dir + "/crowded.pdf", "SAO Y", "Văn phòng UBND tỉnh An Giang", 0}, organisation);
        ADD_FAILURE() << "signed over the content";
    } catch (const Error& e) {
        EXPECT_EQ(e.code(), ErrorCode::BadArguments);
        EXPECT_NE(e.english().find("no free space"), std::string::npos) << e.english();
    }
    EXPECT_FALSE(std::filesystem::exists(dir + "/crowded.pdf"));
}

// Issue 16.2: what the toolbar asks of the open PDF at each step of the workflow.
TEST(DocumentState, EachStepIsReadAndTheOfficialSignatureJudged) {
    Issued out = run_workflow(TestEnv::get().demo("quyet-dinh.pdf"));
    std::vector<std::string> trust{TestEnv::get().root_ca()};

    DocumentState draft = read_document_state(out.prepared, trust);
    EXPECT_EQ(draft.stage, WorkflowStage::Draft);
    EXPECT_FALSE(draft.official_valid);

    DocumentState signed_state = read_document_state(out.signed_pdf, trust);
    EXPECT_EQ(signed_state.stage, WorkflowStage::Signed);
    EXPECT_TRUE(signed_state.official_valid) << signed_state.problem_en;
    EXPECT_EQ(signed_state.official_verdict, Verdict::Valid);
    EXPECT_NE(signed_state.official_name.find("Nguyễn Thanh Bình"), std::string::npos) << signed_state.official_name;
    EXPECT_EQ(signed_state.official_time.size(), std::string("10:05 03/12/2026").size()) << signed_state.official_time;

    DocumentState issued = read_document_state(out.issued, trust);
    EXPECT_EQ(issued.stage, WorkflowStage::Issued);

    // The same signed file judged against a CA that did not issue the official's certificate:
    // intact, signer not confirmed, and said so.
    KeySigner stranger = test::software_signer("Stranger CA");
    std::string stranger_pem = out.dir + "/stranger.pem";
    FILE* file = std::fopen(stranger_pem.c_str(), "w");
    ASSERT_NE(file, nullptr);
    PEM_write_X509(file, const_cast<X509*>(stranger.certificate()));
    std::fclose(file);
    DocumentState untrusted = read_document_state(out.signed_pdf, {stranger_pem});
    EXPECT_EQ(untrusted.stage, WorkflowStage::Signed);
    EXPECT_FALSE(untrusted.official_valid);
    EXPECT_EQ(untrusted.official_verdict, Verdict::Untrusted);
    EXPECT_NE(untrusted.problem_vi.find("TOÀN VẸN, CHƯA XÁC THỰC ĐƯỢC NGƯỜI KÝ"), std::string::npos) << untrusted.problem_vi;

    // A tampered signed file is not valid.
    std::string tampered = out.dir + "/tampered.pdf";
    std::filesystem::copy_file(out.signed_pdf, tampered);
    test::flip_byte(tampered, 400);
    DocumentState broken = read_document_state(tampered, trust);
    EXPECT_FALSE(broken.official_valid);
    EXPECT_EQ(broken.official_verdict, Verdict::Invalid);
}

// Issue 16.2: the line shown above the open PDF, at each step, with the full verification's
// verdict; and issue 16.5: its verification reports progress and stops when asked.
TEST(StateLine, EachStepWithTheVerdictOfTheVerification) {
    Issued out = run_workflow(TestEnv::get().demo("quyet-dinh.pdf"));
    std::vector<std::string> trust{TestEnv::get().root_ca()};

    StateLine draft = read_state_line(out.prepared, trust);
    EXPECT_EQ(draft.stage, WorkflowStage::Draft);
    EXPECT_EQ(draft.verdict, Verdict::NoSignature);
    EXPECT_EQ(draft.headline_vi, "Dự thảo");
    EXPECT_EQ(draft.headline_en, "Draft");

    StateLine signed_line = read_state_line(out.signed_pdf, trust);
    EXPECT_EQ(signed_line.stage, WorkflowStage::Signed);
    EXPECT_EQ(signed_line.verdict, Verdict::Valid);
    DocumentState state = read_document_state(out.signed_pdf, trust);
    EXPECT_EQ(signed_line.headline_vi, "Đã ký: " + state.official_name + ", " + state.official_time);
    EXPECT_NE(signed_line.headline_vi.find("Nguyễn Thanh Bình"), std::string::npos) << signed_line.headline_vi;
    EXPECT_EQ(signed_line.detail_vi, "Chữ ký số: HỢP LỆ");

    StateLine issued = read_state_line(out.issued, trust);
    EXPECT_EQ(issued.stage, WorkflowStage::Issued);
    EXPECT_EQ(issued.verdict, Verdict::Valid) << issued.detail_en;
    CivilDate today = vietnam_date(std::time(nullptr));
    char day[40];
    std::snprintf(day, sizeof day, "%02d/%02d/%04d", today.day, today.month, today.year);
    EXPECT_EQ(issued.headline_vi, "Đã phát hành: số 05/" + std::to_string(today.year) + "/QĐ-UBND, ngày " + day);
    EXPECT_EQ(issued.headline_en, "Issued: No. 05/" + std::to_string(today.year) + "/QĐ-UBND, dated " + day);

    // Signed by a CA the reader has not added: intact, signer not confirmed, and why.
    test::Anchors stranger({test::software_signer("Stranger CA").certificate()});
    StateLine untrusted = read_state_line(out.signed_pdf, {stranger.path()});
    EXPECT_EQ(untrusted.verdict, Verdict::Untrusted);
    EXPECT_EQ(untrusted.detail_vi.rfind("Chữ ký số: TOÀN VẸN, CHƯA XÁC THỰC ĐƯỢC NGƯỜI KÝ — Nguyễn Thanh Bình: ", 0), 0u)
        << untrusted.detail_vi;

    // Tampered: not valid, whatever the stage says.
    std::string tampered = out.dir + "/tampered-line.pdf";
    std::filesystem::copy_file(out.signed_pdf, tampered);
    test::flip_byte(tampered, 400);
    StateLine broken = read_state_line(tampered, trust);
    EXPECT_EQ(broken.verdict, Verdict::Invalid);
    EXPECT_EQ(broken.detail_vi.rfind("Chữ ký số: KHÔNG HỢP LỆ — ", 0), 0u) << broken.detail_vi;

    // The issued file's verification in steps (two signatures, the revision analysis, the
    // long-term data, the end); a sink that says stop ends it with Cancelled.
    std::vector<ProgressStep> steps;
    read_state_line(out.issued, trust, [&](const ProgressStep& step) {
        steps.push_back(step);
        return true;
    });
    ASSERT_EQ(steps.size(), 5u);
    for (size_t i = 0; i < steps.size(); ++i) {
        EXPECT_EQ(steps[i].done, i);
        EXPECT_EQ(steps[i].total, 4u);
    }
    EXPECT_EQ(steps[0].vi, "Kiểm tra chữ ký 1/2: Nguyễn Thanh Bình");
    EXPECT_EQ(steps[2].en, "Analysing the changes after signing…");
    size_t heard = 0;
    EXPECT_THROW(read_state_line(out.issued, trust, [&](const ProgressStep&) { return ++heard < 2; }), Cancelled);
    EXPECT_EQ(heard, 2u) << "stopped at the second step";
}

} // namespace
} // namespace kyso

namespace kyso {
namespace {

ErrorCode refusal(const std::function<void()>& action, const std::string& english_part) {
    try {
        action();
    } catch (const Error& e) {
        EXPECT_NE(e.english().find(english_part), std::string::npos) << e.english();
        return e.code();
    }
    ADD_FAILURE() << "not refused: " << english_part;
    return ErrorCode::Internal;
}

MmBox field_mm(const std::string& pdf, const FormField& f) {
    return test::to_mm(f.rect.x, f.rect.y, f.rect.width, f.rect.height, page_boxes(pdf).at(f.page - 1).height);
}

// Issue 15.1: the appendix heading "(Kèm theo Quyết định số      /2026/QĐ-UBND ngày      tháng
// năm 2026 …)" is filled with the decision's own number and date in the issuing update; the
// reference to another, numbered decision on the same page is left alone. Before, the heading
// stayed blank after issuance.
TEST(Appendix, ReferenceToTheDecisionIsFilledAtIssue) {
    for (const char* draft : {"quyet-dinh-phu-luc.pdf", "quyet-dinh-phu-luc-plain.pdf", "quyet-dinh-phu-luc-docx.pdf"}) {
        SCOPED_TRACE(draft);
        Issued out = run_workflow(TestEnv::get().demo(draft));
        test::expect_sound_signed_update(out.signed_pdf, out.issued, 2);
        std::vector<FormField> fields = read_form_fields(out.issued);
        const FormField& number = field(fields, field_names::reference_field(field_names::kNumber, 1));
        const FormField& day = field(fields, field_names::reference_field(field_names::kDay, 1));
        const FormField& month = field(fields, field_names::reference_field(field_names::kMonth, 1));
        EXPECT_EQ(number.page, 2);
        EXPECT_EQ(number.value, field(fields, field_names::kNumber).value);
        EXPECT_EQ(day.value, field(fields, field_names::kDay).value);
        EXPECT_EQ(month.value, field(fields, field_names::kMonth).value);
        for (const FormField& f : fields)
            EXPECT_NE(f.name, field_names::reference_field(field_names::kNumber, 2)) << "the numbered reference is left alone";

        // Measured on the renderings: each blank was empty before issuance and is written after,
        // between "số" and "/2026/QĐ-UBND" on the heading's row.
        std::vector<test::TextLineBox> lines = test::text_lines(out.signed_pdf, 2);
        std::optional<MmBox> symbol;
        for (const test::TextLineBox& line : lines)
            if (line.text.rfind("/2026/QĐ-UBND", 0) == 0)
                symbol = line.box;
        ASSERT_TRUE(symbol);
        for (const FormField* f : {&number, &day, &month}) {
            MmBox box = field_mm(out.issued, *f);
            MmBox inside{box.left + 0.3, box.top + 0.3, box.right - 0.3, box.bottom - 0.3}; // off the neighbours' edges
            EXPECT_FALSE(test::ink_box(out.signed_pdf, 2, Ink::Dark, inside)) << f->name << " was not blank";
            EXPECT_TRUE(test::ink_box(out.issued, 2, Ink::Dark, box)) << f->name << " is not drawn";
        }
        MmBox number_box = field_mm(out.issued, number);
        EXPECT_NEAR(number_box.right, symbol->left, 0.3) << "the number ends where the symbol begins";
        EXPECT_NEAR((number_box.top + number_box.bottom) / 2, (symbol->top + symbol->bottom) / 2, 1.0);

        // verify: the fills are allowed changes after the official's signature.
        VerifyReport report = verify_pdf(out.issued, TrustStore(std::vector<std::string>{TestEnv::get().root_ca()}));
        bool listed = false;
        for (const SignatureVerdict& s : report.signatures)
            for (const ModificationFinding& m : s.modifications)
                if (m.field == number.name) {
                    EXPECT_TRUE(m.allowed) << m.en;
                    listed = true;
                }
        EXPECT_TRUE(listed) << "verify lists the reference's fill";
        for (const SignatureVerdict& s : report.signatures)
            EXPECT_TRUE(s.valid()) << s.pdf.field_name << ": " << s.problems_text();
    }
}

// Issue 15.2: a joint decision (two signer blocks side by side, "Nơi nhận" below them) could
// not be prepared ("signer block not found"). Each official signs their own block, chosen by
// the printed name; the lead organisation numbers and dates it; the other organisation adds
// its signature and seal over its own official's signature with the number already there.
TEST(JointDocument, EachOfficialThenEachOrganisation) {
    for (const char* draft : {"lien-tich.pdf", "lien-tich-docx.pdf"}) {
        SCOPED_TRACE(draft);
        std::string dir = TestEnv::get().scratch().string();
        std::string prepared = dir + "/du-thao.pdf", first = dir + "/ky-1.pdf", both = dir + "/ky-2.pdf";
        std::string lead = dir + "/ban-hanh-1.pdf", joint = dir + "/ban-hanh-2.pdf", wrong = dir + "/sai.pdf";
        prepare_draft({TestEnv::get().demo(draft), prepared});
        std::vector<FormField> fields = read_form_fields(prepared);
        const FormField& right = field(fields, field_names::official_field(0));
        const FormField& left = field(fields, field_names::official_field(1));
        EXPECT_GT(right.rect.x, left.rect.right()) << "the two places side by side";

        auto module = test::open_test_module();
        KeySigner binh = test::token_signer(*module, "binh");
        KeySigner hung = test::token_signer(*module, "binh-ec"); // a second personal certificate
        KeySigner organisation = test::token_signer(*module, "ubnd");
        std::string image = test::make_signature_png(dir);
        OfficialSignOptions sign{prepared, first, image, 0};
        EXPECT_EQ(refusal([&] { sign_official(sign, binh); }, "“Lê Văn Hùng”"), ErrorCode::BadArguments);
        sign.signer = "Trần Văn Không Có";
        EXPECT_EQ(refusal([&] { sign_official(sign, binh); }, "No signer block prints the name"), ErrorCode::BadArguments);
        EXPECT_FALSE(std::filesystem::exists(first));
        sign.signer = "Nguyễn Thanh Bình";
        sign_official(sign, binh);

        IssueOptions issue = test::issue_options(first, wrong, 5, "QĐLT-SNV-STC", dir);
        issue.signer = "Nguyễn Thanh Bình";
        EXPECT_EQ(refusal([&] { issue_document(issue, organisation); }, "(Lê Văn Hùng)"), ErrorCode::BadArguments);
        EXPECT_FALSE(std::filesystem::exists(wrong)) << "issued before every official signed";

        sign_official({first, both, image, 0, {}, "le van hung"}, hung); // typed without diacritics
        issue.input = both;
        // Both have signed: without --signer, or with a name no block prints, the issuance is
        // refused with the printed names, nothing written.
        issue.signer.clear();
        EXPECT_EQ(refusal([&] { issue_document(issue, organisation); }, "choose one with --signer"), ErrorCode::BadArguments);
        issue.signer = "Trần Văn Không Có";
        EXPECT_EQ(refusal([&] { issue_document(issue, organisation); }, "No signer block prints the name"),
                  ErrorCode::BadArguments);
        EXPECT_FALSE(std::filesystem::exists(wrong));
        issue.signer = "Nguyễn Thanh Bình";
        issue.output = lead;
        IssueResult numbered = issue_document(issue, organisation);
        EXPECT_EQ(numbered.number_text, "05/2026/QĐLT-SNV-STC");

        issue.input = lead;
        issue.output = wrong;
        issue.signer = "Lê Văn Hùng";
        issue.number = 6;
        EXPECT_EQ(refusal([&] { issue_document(issue, organisation); }, "a different number (6) is refused"),
                  ErrorCode::BadArguments);
        // Also by the checks run before the token (the CLI's and the extension's), with no PIN.
        EXPECT_EQ(refusal([&] { check_issue_batch({issue, {}}); }, "a different number (6) is refused"),
                  ErrorCode::BadArguments);
        EXPECT_FALSE(std::filesystem::exists(wrong));
        issue.number = 0;
        // R2: the other organisation signs on the issuance day itself, never a later one.
        issue.now = std::time(nullptr) + 24 * 3600;
        EXPECT_EQ(refusal([&] { issue_document(issue, organisation); }, "was issued on another day"),
                  ErrorCode::BadArguments);
        EXPECT_FALSE(std::filesystem::exists(wrong));
        issue.now = 0;
        issue.output = joint;
        IssueResult second = issue_document(issue, organisation);
        EXPECT_EQ(second.number_text, numbered.number_text);
        issue.input = joint;
        issue.output = wrong;
        EXPECT_EQ(refusal([&] { issue_document(issue, organisation); }, "already been issued"), ErrorCode::BadArguments);

        // R4 and the validators on every step; four valid signatures at the end.
        // (after the first signature pdfsig also counts the other, still empty, signature field)
        test::expect_sound_signed_update(first, both, 2);
        test::expect_sound_signed_update(both, lead, 3);
        test::expect_sound_signed_update(lead, joint, 4);
        std::vector<FormField> done = read_form_fields(joint);
        EXPECT_EQ(field(done, field_names::kNumber).value, "05");

        // Measured on the rendering: each seal at its real size over the left third of its own
        // official's signature, and only there.
        for (size_t block : {size_t{0}, size_t{1}}) {
            SCOPED_TRACE(block);
            const FormField& place = field(done, field_names::official_field(block));
            MmBox column = field_mm(joint, place);
            column.left -= 40;
            column.top -= 20;
            column.bottom += 20;
            std::optional<MmBox> blue = test::ink_box(both, 1, Ink::Blue, column);
            std::optional<MmBox> red = test::ink_box(joint, 1, Ink::Red, column);
            ASSERT_TRUE(blue && red);
            EXPECT_NEAR(red->width(), kSealDiameterMm, 0.5);
            EXPECT_NEAR((red->right - blue->left) / blue->width(), 1.0 / 3.0, 0.05);
            std::optional<MmBox> red_before = test::ink_box(lead, 1, Ink::Red, column);
            EXPECT_EQ(red_before.has_value(), block == 0) << "the lead's seal only, after the first issuance";
        }
        VerifyReport report = verify_pdf(joint, TrustStore(std::vector<std::string>{TestEnv::get().root_ca()}));
        ASSERT_EQ(report.signatures.size(), 4u);
        for (const SignatureVerdict& s : report.signatures)
            EXPECT_TRUE(s.valid()) << s.pdf.field_name << ": " << s.problems_text();
    }
}

// Issue 15.2 in the extension: what the toolbar's state and the block chooser read of a joint
// decision after each signature. Before, document_state knew only kyso_official/kyso_org: with
// one official signed it offered Phát hành (refused by issue_document: the other had not
// signed), with both signed it still offered Ký số, and after the lead organisation's issuance
// it called the document issued, so the other organisation could not issue from the toolbar.
TEST(JointDocument, StateAndOffersFollowEachSignature) {
    for (const char* draft : {"lien-tich.pdf", "lien-tich-docx.pdf"}) {
        SCOPED_TRACE(draft);
        std::string dir = TestEnv::get().scratch().string();
        std::string prepared = dir + "/du-thao.pdf", first = dir + "/ky-1.pdf", both = dir + "/ky-2.pdf";
        std::string lead = dir + "/ban-hanh-1.pdf", joint = dir + "/ban-hanh-2.pdf";
        std::vector<std::string> trust{TestEnv::get().root_ca()};
        auto offered = [&](const std::string& pdf, BlockStep step) {
            return offer_blocks(read_block_progress(pdf), step).choosable();
        };
        const std::vector<size_t> none, right{0}, left{1}, either{0, 1};

        // The raw export (not prepared): both blocks, printed names, both to sign.
        std::vector<BlockProgress> raw = read_block_progress(TestEnv::get().demo(draft));
        ASSERT_EQ(raw.size(), 2u);
        EXPECT_EQ(raw[0].name, "Nguyễn Thanh Bình");
        EXPECT_EQ(raw[0].title, "GIÁM ĐỐC SỞ NỘI VỤ");
        EXPECT_EQ(raw[1].name, "Lê Văn Hùng");
        prepare_draft({TestEnv::get().demo(draft), prepared});
        DocumentState state = read_document_state(prepared, trust);
        EXPECT_EQ(state.stage, WorkflowStage::Draft);
        EXPECT_EQ(state.blocks.size(), 2u);
        EXPECT_EQ(offered(prepared, BlockStep::SignOfficial), either);
        EXPECT_EQ(offered(prepared, BlockStep::Issue), none);

        auto module = test::open_test_module();
        KeySigner binh = test::token_signer(*module, "binh");
        KeySigner hung = test::token_signer(*module, "binh-ec");
        KeySigner organisation = test::token_signer(*module, "ubnd");
        std::string image = test::make_signature_png(dir);
        sign_official({prepared, first, image, 0, {}, "Nguyễn Thanh Bình"}, binh);
        state = read_document_state(first, trust);
        EXPECT_EQ(state.stage, WorkflowStage::Signed);
        EXPECT_TRUE(state.official_valid) << state.problem_en;
        EXPECT_EQ(offer_blocks(state.blocks, BlockStep::SignOfficial).choosable(), left);
        EXPECT_EQ(offer_blocks(state.blocks, BlockStep::Issue).choosable(), none) << "issued before every official signed";
        EXPECT_EQ(offered(first, BlockStep::SignOfficial), left);

        sign_official({first, both, image, 0, {}, "Lê Văn Hùng"}, hung);
        state = read_document_state(both, trust);
        EXPECT_TRUE(state.official_valid) << state.problem_en;
        EXPECT_NE(state.official_name.find("; "), std::string::npos) << "both officials named: " << state.official_name;
        EXPECT_EQ(offer_blocks(state.blocks, BlockStep::SignOfficial).choosable(), none);
        EXPECT_EQ(offer_blocks(state.blocks, BlockStep::Issue).choosable(), either);

        IssueOptions issue = test::issue_options(both, lead, 5, "QĐLT-SNV-STC", dir);
        issue.signer = "Lê Văn Hùng"; // either organisation may issue first
        issue_document(issue, organisation);
        state = read_document_state(lead, trust);
        EXPECT_EQ(state.stage, WorkflowStage::Signed) << "one organisation of two has issued";
        EXPECT_TRUE(state.official_valid) << state.problem_en;
        EXPECT_EQ(offer_blocks(state.blocks, BlockStep::Issue).choosable(), right);
        EXPECT_EQ(offered(lead, BlockStep::Issue), right);
        EXPECT_EQ(offer_blocks(state.blocks, BlockStep::SignOfficial).choosable(), none);

        issue.input = lead;
        issue.output = joint;
        issue.signer = "Nguyễn Thanh Bình";
        issue.number = 0;
        issue_document(issue, organisation);
        state = read_document_state(joint, trust);
        EXPECT_EQ(state.stage, WorkflowStage::Issued);
        EXPECT_EQ(offered(joint, BlockStep::Issue), none);
    }
}

} // namespace
} // namespace kyso
