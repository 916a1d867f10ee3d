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

namespace fs = std::filesystem;

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

// The dictionary of the last trailer (classic) or cross-reference stream, as written.
std::string last_trailer_dict(const std::string& pdf) {
    size_t at = std::stoul(pdf.substr(pdf.rfind("startxref") + 10));
    size_t open = pdf.find("<<", at);
    size_t close = pdf.find(">>\n", open);
    return pdf.substr(open, close + 2 - open);
}

std::string one_field_update(const std::string& input) {
    FormEdits edits;
    edits.text_fields.push_back({"kyso_so", 1, PageRect{100, 700, 120, 20}});
    return build_form_update(input, edits);
}

void expect_qpdf_accepts(const std::string& name, const std::string& pdf) {
    std::string path = (test::TestEnv::get().scratch() / name).string();
    test::write_file(path, pdf);
    test::RunResult check = test::run({"qpdf", "--check", path});
    EXPECT_EQ(check.status, 0) << check.out << check.err;
}

// Issue 11: every entry of the previous trailer but the chain's own goes into the update's
// (ISO 32000-1 §7.5.6). Before, only /Root, /Info and /ID were carried.
TEST(IncrementalWriter, ClassicTrailerCarriesEveryPreviousEntry) {
    std::string input = (test::TestEnv::get().scratch() / "extra-trailer.pdf").string();
    test::PdfMaker maker = test::PdfMaker::one_page();
    maker.trailer_extra("/KysoCustom (kept) /KysoLink 2 0 R");
    std::string base = maker.build();
    test::write_file(input, base);
    std::string out = base + one_field_update(input);
    std::string trailer = last_trailer_dict(out);
    EXPECT_TRUE(std::regex_search(trailer, std::regex(R"(/KysoCustom\s*\(kept\))"))) << trailer;
    EXPECT_TRUE(std::regex_search(trailer, std::regex(R"(/KysoLink\s+2 0 R)"))) << trailer;
    for (const char* once : {"/Size", "/Root", "/Prev", "/ID", "/KysoCustom"})
        EXPECT_EQ(test::count_occurrences(trailer, once), 1u) << once << " in " << trailer;
    expect_qpdf_accepts("extra-trailer-updated.pdf", out);
}

// A cross-reference stream's own keys describe its rows: carried into kyso's unfiltered rows,
// /Filter and /DecodeParms would make every reader decode garbage.
TEST(IncrementalWriter, XrefStreamUpdateKeepsNoneOfTheOldStreamsOwnKeys) {
    fs::path dir = test::TestEnv::get().scratch();
    std::string plain = (dir / "plain.pdf").string(), input = (dir / "xref-stream.pdf").string();
    test::PdfMaker maker = test::PdfMaker::one_page();
    maker.trailer_extra("/KysoCustom (kept)");
    test::write_file(plain, maker.build());
    test::RunResult made = test::run({"qpdf", "--object-streams=generate", plain, input});
    ASSERT_EQ(made.status, 0) << made.err;
    std::string base = test::read_file(input);
    ASSERT_NE(last_trailer_dict(base).find("/Filter"), std::string::npos) << "qpdf wrote no compressed xref stream";
    std::string out = base + one_field_update(input);
    std::string dict = last_trailer_dict(out);
    for (const char* gone : {"/Filter", "/DecodeParms", "/DL", "/XRefStm"})
        EXPECT_EQ(dict.find(gone), std::string::npos) << gone << " carried into " << dict;
    for (const char* once : {"/Type", "/W", "/Index", "/Length", "/Size", "/Root", "/Prev", "/ID"})
        EXPECT_EQ(test::count_occurrences(dict, once), 1u) << once << " in " << dict;
    if (last_trailer_dict(base).find("/KysoCustom") != std::string::npos)
        EXPECT_TRUE(std::regex_search(dict, std::regex(R"(/KysoCustom\s*\(kept\))"))) << dict;
    expect_qpdf_accepts("xref-stream-updated.pdf", out);
}

// A hybrid file (a classic table whose trailer names a cross-reference stream with /XRefStm,
// ISO 32000-1 §7.5.8.4): the update is a classic section after it; its trailer must not name
// the old stream again, and the chain must still read.
TEST(IncrementalWriter, HybridFileUpdateDoesNotRepeatXRefStm) {
    std::string input = (test::TestEnv::get().scratch() / "hybrid.pdf").string();
    test::PdfMaker maker = test::PdfMaker::one_page();
    int stream_number = maker.add("");
    // The xref stream lists itself only; its offset is known once the objects before it are.
    std::string probe = maker.build();
    size_t stream_offset = probe.find("\n" + std::to_string(stream_number) + " 0 obj") + 1;
    std::string row = "\x01";
    for (int shift = 24; shift >= 0; shift -= 8)
        row += static_cast<char>((stream_offset >> shift) & 0xFF);
    row += std::string(2, '\0');
    maker.set(stream_number, test::stream_body(row, "/Type /XRef /Size " + std::to_string(stream_number + 1) +
                                                       " /W [1 4 2] /Index [" + std::to_string(stream_number) +
                                                       " 1] /Root 1 0 R"));
    maker.trailer_extra("/XRefStm " + std::to_string(stream_offset));
    std::string base = maker.build();
    ASSERT_EQ(base.find("\n" + std::to_string(stream_number) + " 0 obj") + 1, stream_offset);
    test::write_file(input, base);
    std::string out = base + one_field_update(input);
    std::string trailer = last_trailer_dict(out);
    EXPECT_EQ(trailer.find("/XRefStm"), std::string::npos) << trailer;
    EXPECT_EQ(test::count_occurrences(trailer, "/Prev"), 1u) << trailer;
    expect_qpdf_accepts("hybrid-updated.pdf", out);
}

// A linearized file stays a valid PDF after an update (it is no longer linearized, which
// readers know from the update itself: ISO 32000-1 Annex F.2).
TEST(IncrementalWriter, LinearizedFileUpdateReads) {
    fs::path dir = test::TestEnv::get().scratch();
    std::string plain = (dir / "plain-lin.pdf").string(), input = (dir / "linearized.pdf").string();
    test::write_file(plain, test::PdfMaker::one_page().build());
    test::RunResult made = test::run({"qpdf", "--linearize", plain, input});
    ASSERT_EQ(made.status, 0) << made.err;
    std::string base = test::read_file(input);
    ASSERT_NE(base.find("/Linearized"), std::string::npos);
    std::string out = base + one_field_update(input);
    std::string dict = last_trailer_dict(out);
    EXPECT_EQ(test::count_occurrences(dict, "/Prev"), 1u) << dict;
    std::string path = (dir / "linearized-updated.pdf").string();
    test::write_file(path, out);
    test::RunResult check = test::run({"qpdf", "--check", path});
    EXPECT_NE(check.out.find("No syntax or stream encoding errors"), std::string::npos) << check.out << check.err;
    test::RunResult field = test::run({"qpdf", "--json", "--json-key=acroform", path});
    EXPECT_NE(field.out.find("kyso_so"), std::string::npos) << field.out << field.err;
}

} // namespace
} // namespace kyso
