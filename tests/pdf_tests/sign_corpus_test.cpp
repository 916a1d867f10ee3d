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
