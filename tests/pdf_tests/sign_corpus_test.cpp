// Signs every corpus PDF twice — the official (personal certificate, blue signature image),
// then the organisation (its certificate, red seal) — and checks each update independently.
#include "core/error.hpp"
#include "pdf_tests/sign_helpers.hpp"
#include "support/files.hpp"
#include "support/pdf_structure.hpp"
#include "support/process.hpp"
#include "support/test_env.hpp"

#include <gtest/gtest.h>

namespace kyso {
namespace {

using test::TestEnv;

struct CorpusCase {
    const char* file;
    int existing_signatures;
    int sign_page;
};

void PrintTo(const CorpusCase& c, std::ostream* os) { *os << c.file; }

class SignCorpus : public ::testing::TestWithParam<CorpusCase> {};

TEST_P(SignCorpus, OfficialThenOrganisationBothStayValid) {
    const CorpusCase& c = GetParam();
    std::string input = TestEnv::get().corpus(c.file);
    std::string dir = TestEnv::get().scratch().string();
    std::string input_digest = test::sha256_file(input);

    VisibleSignature official{c.sign_page, {330, 200, 150, 60}, test::make_signature_png(dir), {}};
    test::sign_with("binh", input, dir + "/official.pdf", official, "kyso_official");
    test::expect_sound_signed_update(input, dir + "/official.pdf", c.existing_signatures + 1);

    VisibleSignature seal{c.sign_page, {290, 187, 102, 102}, test::make_seal_png(dir), {}};
    test::sign_with("ubnd", dir + "/official.pdf", dir + "/issued.pdf", seal, "kyso_org");
    test::expect_sound_signed_update(dir + "/official.pdf", dir + "/issued.pdf", c.existing_signatures + 2);

    EXPECT_EQ(test::sha256_file(input), input_digest) << "the input is never written";
}

TEST_P(SignCorpus, InvisibleSignatureIsSound) {
    const CorpusCase& c = GetParam();
    std::string input = TestEnv::get().corpus(c.file);
    std::string out = (TestEnv::get().scratch() / "invisible.pdf").string();
    test::sign_with("binh-ec", input, out);
    test::expect_sound_signed_update(input, out, c.existing_signatures + 1);
}

INSTANTIATE_TEST_SUITE_P(Corpus, SignCorpus,
                         ::testing::Values(CorpusCase{"lo-classic.pdf", 0, 1}, CorpusCase{"xref-stream.pdf", 0, 1},
                                           CorpusCase{"presigned.pdf", 1, 1}, CorpusCase{"acroform.pdf", 0, 1},
                                           CorpusCase{"multipage.pdf", 0, 5},
                                           CorpusCase{"incremental-classic.pdf", 0, 1}),
                         [](const auto& info) {
                             std::string name = info.param.file;
                             name = name.substr(0, name.find('.'));
                             for (char& ch : name)
                                 if (ch == '-')
                                     ch = '_';
                             return name;
                         });

TEST(SignPdf, TextAppearanceEmbedsAVietnameseFontSubset) {
    std::string input = TestEnv::get().corpus("lo-classic.pdf");
    std::string out = (TestEnv::get().scratch() / "text.pdf").string();
    VisibleSignature text{1, {380, 760, 180, 40}, {}, {"42/2026/QĐ-UBND", "2026-11-24T10:30:00+07:00"}};
    test::sign_with("ubnd", input, out, text);
    test::expect_sound_signed_update(input, out, 1);
    test::RunResult fonts = test::run({"pdffonts", out});
    EXPECT_NE(fonts.out.find("LiberationSerif"), std::string::npos) << fonts.out;
    EXPECT_NE(fonts.out.find("yes yes"), std::string::npos) << "embedded and subset: " << fonts.out;
    test::RunResult text_out = test::run({"pdftotext", "-layout", out, "-"});
    EXPECT_NE(text_out.out.find("QĐ-UBND"), std::string::npos) << "Vietnamese text is extractable";
}

TEST(SignPdf, TakenFieldNameIsRefusedAndNothingIsWritten) {
    std::string dir = TestEnv::get().scratch().string();
    test::sign_with("binh", TestEnv::get().corpus("lo-classic.pdf"), dir + "/once.pdf", std::nullopt, "kyso_official");
    try {
        test::sign_with("binh", dir + "/once.pdf", dir + "/twice.pdf", std::nullopt, "kyso_official");
        FAIL() << "signed the same field twice";
    } catch (const Error& error) {
        EXPECT_EQ(error.code(), ErrorCode::BadArguments);
    }
    EXPECT_FALSE(std::filesystem::exists(dir + "/twice.pdf"));
}

TEST(SignPdf, RectangleOffThePageIsRefused) {
    std::string dir = TestEnv::get().scratch().string();
    VisibleSignature off{1, {500, 800, 300, 100}, test::make_signature_png(dir), {}};
    EXPECT_THROW(test::sign_with("binh", TestEnv::get().corpus("lo-classic.pdf"), dir + "/x.pdf", off), Error);
    VisibleSignature no_page{9, {10, 10, 100, 50}, test::make_signature_png(dir), {}};
    EXPECT_THROW(test::sign_with("binh", TestEnv::get().corpus("lo-classic.pdf"), dir + "/x.pdf", no_page), Error);
    EXPECT_FALSE(std::filesystem::exists(dir + "/x.pdf"));
}

} // namespace
} // namespace kyso

namespace kyso {
namespace {

// A one-page PDF without an /Info dictionary, with correct offsets.
std::string pdf_without_info() {
    std::vector<std::string> objects{
        "<</Type/Catalog/Pages 2 0 R>>",
        "<</Type/Pages/Kids[3 0 R]/Count 1>>",
        "<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Contents 4 0 R/Resources<<>>>>",
        "<</Length 25>>stream\n0 0 1 rg 72 72 50 50 re f\nendstream",
    };
    std::string pdf = "%PDF-1.7\n";
    std::vector<size_t> offsets;
    for (size_t i = 0; i < objects.size(); ++i) {
        offsets.push_back(pdf.size());
        pdf += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
    }
    size_t xref = pdf.size();
    pdf += "xref\n0 5\n0000000000 65535 f\r\n";
    char entry[32];
    for (size_t offset : offsets) {
        std::snprintf(entry, sizeof entry, "%010zu 00000 n\r\n", offset);
        pdf += entry;
    }
    return pdf + "trailer\n<</Size 5/Root 1 0 R>>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
}

// Regression: PoDoFo invents an /Info object (on a freed number once an update exists) for a
// file without one; kyso carried its reference into the new trailer, pointing at nothing
// ("Invalid XRef entry" in pdfsig). Signing such a file twice must stay clean.
TEST(SignPdf, FileWithoutInfoDictionaryStaysCleanAcrossUpdates) {
    std::string dir = TestEnv::get().scratch().string();
    test::write_file(dir + "/no-info.pdf", pdf_without_info());
    test::sign_with("binh", dir + "/no-info.pdf", dir + "/once.pdf");
    test::expect_sound_signed_update(dir + "/no-info.pdf", dir + "/once.pdf", 1);
    test::sign_with("ubnd", dir + "/once.pdf", dir + "/twice.pdf");
    test::expect_sound_signed_update(dir + "/once.pdf", dir + "/twice.pdf", 2);
    EXPECT_EQ(test::read_file(dir + "/twice.pdf").find("/Info"), std::string::npos) << "no /Info was invented";
    EXPECT_EQ(test::run_pdfsig(dir + "/twice.pdf").pdfsig_text.find("Invalid XRef"), std::string::npos);
}

} // namespace
} // namespace kyso
