// The incremental update kyso writes, read back byte by byte: every cross-reference row names
// the offset of its object's "N G obj" header and that header's generation (issue 11), and
// independent readers (qpdf) accept the result.
#include "badinput/pdf_maker.hpp"
#include "core/pdf/form_edits.hpp"
#include "support/files.hpp"
#include "support/process.hpp"
#include "support/test_env.hpp"

#include <gtest/gtest.h>

#include <map>
#include <sstream>
#include <regex>

namespace kyso {
namespace {

// The one-page file with the catalog (1) and the page (3) at generation 1, as a file whose
// objects were freed and reused once has them.
std::string pdf_with_generation_one() {
    std::string pdf = test::PdfMaker::one_page().build();
    for (const char* number : {"1", "3"}) {
        std::string n = number;
        pdf = std::regex_replace(pdf, std::regex("(^|[^0-9])" + n + " 0 R"), "$01" + n + " 1 R");
        size_t header = pdf.find("\n" + n + " 0 obj");
        pdf.replace(header + 1 + n.size(), 2, " 1");
        size_t table = pdf.rfind("\nxref\n");
        size_t row = pdf.find('\n', table + 6) + 1 + 20 * std::stoul(n);
        pdf.replace(row + 11, 5, "00001");
    }
    return pdf;
}

// The rows of the last classic table: object number -> (offset, generation).
std::map<unsigned, std::pair<size_t, unsigned>> last_table(const std::string& pdf) {
    std::map<unsigned, std::pair<size_t, unsigned>> rows;
    size_t at = std::stoul(pdf.substr(pdf.rfind("startxref") + 10));
    EXPECT_EQ(pdf.compare(at, 4, "xref"), 0);
    std::istringstream in(pdf.substr(at + 4));
    std::string token;
    while (in >> token && token != "trailer") {
        unsigned first = static_cast<unsigned>(std::stoul(token));
        unsigned count = 0;
        in >> count;
        for (unsigned i = 0; i < count; ++i) {
            std::string offset, generation, kind;
            in >> offset >> generation >> kind;
            rows[first + i] = {std::stoul(offset), static_cast<unsigned>(std::stoul(generation))};
        }
    }
    return rows;
}

TEST(IncrementalWriter, RowsCarryEachObjectsOffsetAndRealGeneration) {
    std::string input = (test::TestEnv::get().scratch() / "gen1.pdf").string();
    std::string base = pdf_with_generation_one();
    test::write_file(input, base);
    FormEdits edits;
    edits.text_fields.push_back({"kyso_so", 1, PageRect{100, 700, 120, 20}});
    std::string out = base + build_form_update(input, edits);

    std::map<unsigned, std::pair<size_t, unsigned>> rows = last_table(out);
    ASSERT_TRUE(rows.count(1) && rows.count(3)) << "the catalog (AcroForm) and the page (Annots) are rewritten";
    for (const auto& [number, row] : rows) {
        std::string header = std::to_string(number) + " " + std::to_string(row.second) + " obj";
        EXPECT_EQ(out.compare(row.first, header.size(), header), 0)
            << "row " << number << " points at: " << out.substr(row.first, 20);
    }
    EXPECT_EQ(rows[1].second, 1u);
    EXPECT_EQ(rows[3].second, 1u);

    std::string output = (test::TestEnv::get().scratch() / "gen1-updated.pdf").string();
    test::write_file(output, out);
    test::RunResult check = test::run({"qpdf", "--check", output});
    EXPECT_EQ(check.status, 0) << check.out << check.err;
    EXPECT_EQ(check.err.find("WARNING"), std::string::npos) << check.err;
}

// The trailer's /ID: "[<first><second>]" as written.
std::pair<std::string, std::string> last_id(const std::string& pdf) {
    std::smatch m;
    std::string trailer = pdf.substr(pdf.rfind("trailer"));
    EXPECT_TRUE(std::regex_search(trailer, m, std::regex(R"(/ID\s*\[\s*(<[0-9a-fA-F]*>)\s*(<[0-9a-fA-F]*>)\s*\])")))
        << trailer;
    return m.empty() ? std::pair<std::string, std::string>{} : std::pair<std::string, std::string>{m[1], m[2]};
}

// Issue 11: a file without /ID gets one; each update keeps the first element and changes the second.
TEST(IncrementalWriter, EachUpdateSetsAFreshSecondIdElement) {
    std::string input = (test::TestEnv::get().scratch() / "noid.pdf").string();
    std::string base = test::PdfMaker::one_page().build();
    ASSERT_EQ(base.find("/ID"), std::string::npos);
    test::write_file(input, base);
    FormEdits edits;
    edits.text_fields.push_back({"kyso_so", 1, PageRect{100, 700, 120, 20}});
    std::string once = base + build_form_update(input, edits);
    auto [first, second] = last_id(once);
    EXPECT_EQ(first.size(), 34u);
    EXPECT_EQ(first, second);

    test::write_file(input, once);
    edits.text_fields[0].name = "kyso_ngay";
    std::string twice = once + build_form_update(input, edits);
    auto [kept, fresh] = last_id(twice);
    EXPECT_EQ(kept, first);
    EXPECT_NE(fresh, second);
    EXPECT_EQ(fresh.size(), 34u);
    std::string output = (test::TestEnv::get().scratch() / "noid-twice.pdf").string();
    test::write_file(output, twice);
    test::RunResult check = test::run({"qpdf", "--check", output});
    EXPECT_EQ(check.status, 0) << check.out << check.err;
}

} // namespace
} // namespace kyso
