// The Document Security Store read and written on small files: what an update adds is read
// back byte for byte, nothing stored is copied twice, earlier entries and revisions stay as they
// were, and a DSS written by another tool (compressed streams, indirect arrays) reads the same.
#include "badinput/pdf_maker.hpp"
#include "core/pdf/dss.hpp"
#include "support/files.hpp"
#include "support/process.hpp"
#include "support/test_env.hpp"

#include <gtest/gtest.h>

namespace kyso {
namespace {

namespace fs = std::filesystem;

DerBlob blob(const std::string& text) { return DerBlob(text.begin(), text.end()); }

std::string write_in(const fs::path& dir, const std::string& name, const std::string& bytes) {
    std::string path = (dir / name).string();
    test::write_file(path, bytes);
    return path;
}

// A DssContent with one of each item and a VRI entry naming all three.
DssContent first_evidence() {
    DssContent add;
    add.certs = {blob("CERT-ONE-DER")};
    add.ocsps = {blob("OCSP-ONE-DER")};
    add.crls = {blob("CRL-ONE-DER")};
    add.vri["AAAABBBBCCCCDDDDEEEEFFFF0000111122223333"] = {{0}, {0}, {0}};
    return add;
}

TEST(Dss, AnUpdateReadsBackByteForByteAndTheOldRevisionHasNoDss) {
    fs::path dir = test::TestEnv::get().scratch();
    std::string base = test::PdfMaker::one_page().build();
    std::string input = write_in(dir, "plain.pdf", base);
    std::string updated = base + build_dss_update(input, first_evidence());
    std::string output = write_in(dir, "with-dss.pdf", updated);

    DssContent read = read_dss(output);
    EXPECT_EQ(read.certs, first_evidence().certs);
    EXPECT_EQ(read.ocsps, first_evidence().ocsps);
    EXPECT_EQ(read.crls, first_evidence().crls);
    ASSERT_EQ(read.vri.size(), 1u);
    EXPECT_EQ(read.vri.begin()->first, "AAAABBBBCCCCDDDDEEEEFFFF0000111122223333");
    EXPECT_TRUE(read_dss(output, base.size()).empty()) << "the revision before the update had no DSS";
    EXPECT_EQ(updated.compare(0, base.size(), base), 0) << "the earlier bytes changed";

    test::RunResult check = test::run({"qpdf", "--check", output});
    EXPECT_EQ(check.status, 0) << check.out << check.err;
}

TEST(Dss, ASecondUpdateKeepsWhatIsStoredAndCopiesNothingTwice) {
    fs::path dir = test::TestEnv::get().scratch();
    std::string base = test::PdfMaker::one_page().build();
    std::string input = write_in(dir, "plain2.pdf", base);
    std::string once = base + build_dss_update(input, first_evidence());
    std::string middle = write_in(dir, "once.pdf", once);

    DssContent more;
    more.certs = {blob("CERT-ONE-DER"), blob("CERT-TWO-DER")}; // the first is already stored
    more.ocsps = {blob("OCSP-TWO-DER")};
    more.vri["9999888877776666555544443333222211110000"] = {{0, 1}, {0}, {}};
    std::string twice = once + build_dss_update(middle, more);
    std::string output = write_in(dir, "twice.pdf", twice);

    // The catalog, the new DSS dictionary and the two items not stored yet: CERT-ONE is referenced.
    EXPECT_EQ(test::count_occurrences(twice.substr(once.size()), " 0 obj"), 4u) << "a certificate already in the DSS was stored again";
    DssContent read = read_dss(output);
    EXPECT_EQ(read.certs, (std::vector<DerBlob>{blob("CERT-ONE-DER"), blob("CERT-TWO-DER")}));
    EXPECT_EQ(read.ocsps, (std::vector<DerBlob>{blob("OCSP-ONE-DER"), blob("OCSP-TWO-DER")}));
    EXPECT_EQ(read.crls, (std::vector<DerBlob>{blob("CRL-ONE-DER")}));
    EXPECT_EQ(read.vri.size(), 2u) << "the first signature's VRI entry was lost";
    DssContent before = read_dss(output, once.size());
    EXPECT_EQ(before.certs.size(), 1u);
    EXPECT_EQ(before.vri.size(), 1u);
}

// As other tools write it: the arrays indirect, the streams Flate-compressed by qpdf.
TEST(Dss, ADssFromAnotherToolIsReadDecoded) {
    fs::path dir = test::TestEnv::get().scratch();
    test::PdfMaker maker = test::PdfMaker::one_page();
    int cert = maker.add(test::stream_body("OTHER-TOOL-CERT-DER-BYTES-OTHER-TOOL-CERT-DER-BYTES"));
    int crl = maker.add(test::stream_body("OTHER-TOOL-CRL-DER-BYTES-OTHER-TOOL-CRL-DER-BYTES"));
    int certs = maker.add("[" + std::to_string(cert) + " 0 R]");
    int dss = maker.add("<< /Type /DSS /Certs " + std::to_string(certs) + " 0 R /CRLs [" + std::to_string(crl) +
                        " 0 R] /VRI << /0123456789ABCDEF0123456789ABCDEF01234567 << /Type /VRI >> >> >>");
    maker.set(1, "<< /Type /Catalog /Pages 2 0 R /DSS " + std::to_string(dss) + " 0 R >>");
    std::string plain = write_in(dir, "other-plain.pdf", maker.build());
    std::string compressed = (dir / "other-compressed.pdf").string();
    test::RunResult made = test::run({"qpdf", "--compress-streams=y", "--object-streams=generate", plain, compressed});
    ASSERT_EQ(made.status, 0) << made.err;
    ASSERT_EQ(test::read_file(compressed).find("OTHER-TOOL-CERT"), std::string::npos) << "qpdf did not compress";

    DssContent read = read_dss(compressed);
    EXPECT_EQ(read.certs, std::vector<DerBlob>{blob("OTHER-TOOL-CERT-DER-BYTES-OTHER-TOOL-CERT-DER-BYTES")});
    EXPECT_EQ(read.crls, std::vector<DerBlob>{blob("OTHER-TOOL-CRL-DER-BYTES-OTHER-TOOL-CRL-DER-BYTES")});
    EXPECT_EQ(read.vri.count("0123456789ABCDEF0123456789ABCDEF01234567"), 1u);

    // kyso's update on top keeps the other tool's items (referenced, not re-encoded).
    DssContent add;
    add.certs = {blob("OTHER-TOOL-CERT-DER-BYTES-OTHER-TOOL-CERT-DER-BYTES")};
    std::string updated = test::read_file(compressed) + build_dss_update(compressed, add);
    std::string update = updated.substr(test::read_file(compressed).size());
    // The catalog, the new DSS dictionary and the update's own cross-reference stream.
    EXPECT_EQ(test::count_occurrences(update, " 0 obj"), 3u) << "a stored item was copied: " << update.size() << " bytes";
    std::string output = write_in(dir, "other-updated.pdf", updated);
    DssContent after = read_dss(output);
    EXPECT_EQ(after.certs.size(), 1u);
    EXPECT_EQ(after.crls.size(), 1u);
    EXPECT_EQ(after.vri.size(), 1u);
}

TEST(Dss, VriKeyIsTheUppercaseSha1OfTheContents) {
    // SHA-1("abc") = A9993E36 4706816A BA3E2571 7850C26C 9CD0D89D (FIPS 180-2, B.1).
    EXPECT_EQ(vri_key(blob("abc")), "A9993E364706816ABA3E25717850C26C9CD0D89D");
}

} // namespace
} // namespace kyso
