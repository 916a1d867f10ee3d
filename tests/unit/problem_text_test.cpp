// Every verification problem in both languages (issue 12.5): the checks write English lines, and
// each phrase they can write has a Vietnamese translation, OpenSSL's chain errors included.
#include "core/workflow/problem_text.hpp"
#include "support/test_env.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

namespace kyso {
namespace {

namespace fs = std::filesystem;

struct Phrase {
    std::string where; ///< file:line
    std::string text;
};

// The string literals that start a problem line in the core's checks: `problems.push_back("…"`
// (optionally through std::string("…")) and the byte-range scan's `fail("…")` (signature_scan.cpp).
std::vector<Phrase> problem_phrases() {
    std::vector<Phrase> found;
    fs::path core = test::TestEnv::get().source.parent_path() / "src" / "core";
    std::regex pushed(R"re(problems\.push_back\(\s*(?:std::string\()?"((?:[^"\\]|\\.)*)")re");
    std::regex failed(R"re([^_a-z]fail\("((?:[^"\\]|\\.)*)")re");
    for (const fs::directory_entry& entry : fs::recursive_directory_iterator(core)) {
        if (entry.path().extension() != ".cpp")
            continue;
        std::ifstream in(entry.path());
        std::stringstream text;
        text << in.rdbuf();
        std::string source = text.str();
        const std::regex& literal = entry.path().filename() == "signature_scan.cpp" ? failed : pushed;
        for (auto it = std::sregex_iterator(source.begin(), source.end(), literal); it != std::sregex_iterator(); ++it) {
            size_t line = 1 + static_cast<size_t>(std::count(source.begin(), source.begin() + it->position(0), '\n'));
            found.push_back({entry.path().filename().string() + ":" + std::to_string(line), (*it)[1].str()});
        }
    }
    return found;
}

TEST(ProblemText, EveryPhraseTheChecksWriteHasAVietnameseTranslation) {
    std::vector<Phrase> phrases = problem_phrases();
    ASSERT_GT(phrases.size(), 30u) << "the checks' sources were not found under " << test::TestEnv::get().source;
    for (const Phrase& phrase : phrases) {
        std::string line = phrase.text + "detail";
        EXPECT_NE(problem_text(line, true), line)
            << phrase.where << ": \"" << phrase.text
            << "\" has no Vietnamese translation; add one to kRules in src/core/workflow/problem_text.cpp";
    }
}

TEST(ProblemText, KnownChecksAreTranslatedAndTheirDetailKept) {
    EXPECT_EQ(problem_text("the signed bytes were changed: digest does not match", true),
              "Nội dung đã ký bị sửa (mã băm không khớp)");
    EXPECT_EQ(problem_text("the CMS signature does not verify: bad signature", true),
              "Chữ ký số không đúng về mặt toán học: bad signature");
    EXPECT_EQ(problem_text("the CMS signature does not verify: ", true), "Chữ ký số không đúng về mặt toán học");
    EXPECT_EQ(problem_text("unknown digest algorithm 1.2.3.4", true), "Thuật toán băm không xác định: 1.2.3.4");
    EXPECT_EQ(problem_text("/Contents is not a CMS SignedData: error:0680007B:asn1 encoding routines::header too long", true),
              "Dữ liệu chữ ký (/Contents) không phải CMS SignedData đọc được: error:0680007B:asn1 encoding routines::header "
              "too long");
    EXPECT_EQ(problem_text("the signer's certificate is not inside the CMS", true),
              "Tệp không kèm chứng thư số của người ký (không có trong CMS)");
}

TEST(ProblemText, ChainErrorsFromOpenSslAreTranslated) {
    EXPECT_EQ(problem_text("chain: unable to get local issuer certificate", true),
              "Chuỗi chứng thư: không tìm thấy chứng thư CA phát hành trong danh sách tin cậy");
    EXPECT_EQ(problem_text("chain: certificate has expired", true), "Chuỗi chứng thư: có chứng thư đã hết hạn");
    EXPECT_EQ(problem_text("TSA chain: self-signed certificate in certificate chain", true),
              "Chuỗi chứng thư của máy chủ dấu thời gian: chuỗi kết thúc ở một chứng thư gốc không có trong danh sách "
              "tin cậy");
    EXPECT_EQ(problem_text("chain: a reason OpenSSL adds later", true), "Chuỗi chứng thư: a reason OpenSSL adds later");
}

TEST(ProblemText, NestedAndComposedProblemsAreTranslatedThroughout) {
    EXPECT_EQ(problem_text("signature time-stamp: TSA chain: unable to get local issuer certificate", true),
              "Dấu thời gian của chữ ký: Chuỗi chứng thư của máy chủ dấu thời gian: không tìm thấy chứng thư CA phát "
              "hành trong danh sách tin cậy");
    EXPECT_EQ(problem_text("certificate expired now (no time-stamp proves an earlier time)", true),
              "Chứng thư số đã hết hạn tại thời điểm hiện tại (không có dấu thời gian chứng minh thời điểm sớm hơn)");
    EXPECT_EQ(problem_text("certificate not yet valid at the time-stamp's time", true),
              "Chứng thư số chưa có hiệu lực tại thời điểm của dấu thời gian");
    EXPECT_EQ(problem_text("the signature uses MD5, a broken digest that never protects a signature", true),
              "Chữ ký dùng MD5, thuật toán băm đã bị phá, không bao giờ bảo vệ được chữ ký");
    EXPECT_EQ(problem_text("the time-stamp uses SHA1, a digest accepted only with a proof of existence from before 2017", true),
              "Dấu thời gian dùng SHA1, thuật toán băm chỉ được chấp nhận khi có bằng chứng chữ ký đã có trước năm 2017");
}

TEST(ProblemText, EnglishIsKeptAndUnknownLinesPassThrough) {
    EXPECT_EQ(problem_text("chain: x", false), "chain: x");
    EXPECT_EQ(problem_text("something new", true), "something new");
    EXPECT_EQ(problem_text_bilingual("something new"), "something new");
    EXPECT_EQ(problem_text_bilingual("/ByteRange does not start at 0"),
              "/ByteRange không bắt đầu từ byte 0 / /ByteRange does not start at 0");
}

} // namespace
} // namespace kyso
