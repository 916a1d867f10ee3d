// The read-back after writing a signature (issue 13.2) parses only the new revision: its bytes on
// disk must be the ones meant, its cross-reference section must name each object where it is,
// and the digest of the byte ranges as written must be the one signed. The input is copied from
// the descriptor opened before parsing, only while it is still the file that was parsed. Each
// way the bytes can be wrong is refused, and nothing is put in place.
#include "badinput/pdf_maker.hpp"
#include "support/files.hpp"
#include "support/signers.hpp"
#include "support/test_env.hpp"

#include "core/crypto/pades_cms.hpp"
#include "core/error.hpp"
#include "core/io/atomic_output.hpp"
#include "core/io/input_file.hpp"
#include "core/pdf/signature_revision.hpp"
#include "core/pdf/signature_scan.hpp"
#include "core/pdf/update_objects.hpp"
#include "core/workflow/revision_output.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fcntl.h>
#include <sys/stat.h>

namespace kyso {
namespace {

struct Written {
    std::string input, output;
    SignatureRevision revision;
};

// A one-page input and the revision that signs it, /ByteRange fixed, /Contents still empty.
Written prepared(const std::string& name) {
    std::string dir = test::TestEnv::get().scratch().string();
    std::string input = dir + "/" + name + ".pdf";
    test::write_file(input, test::PdfMaker::one_page().build());
    SignatureRequest request;
    request.field_name = "KyThu";
    request.pdf_signing_time = "D:20261203100000+07'00'";
    request.contents_capacity = 8192;
    SignatureRevision revision = build_signature_revision(input, request);
    revision.fix_byte_range();
    return {input, dir + "/" + name + "-signed.pdf", std::move(revision)};
}

TEST(ReadBack, SignedRevisionIsFoundInTheUpdateAlone) {
    Written w = prepared("read-back-ok");
    KeySigner signer = test::software_signer("Đọc lại");
    {
        InputFile input(w.input);
        AtomicOutput out(w.output);
        CopiedInput copied = copy_input_and_digest(input, w.revision, out, RevisionKind::Signature);
        w.revision.set_contents(build_pades_cms(copied.digest, signer));
        SignatureVerdict check = write_and_read_back(out, w.revision, RevisionKind::Signature, copied);
        EXPECT_TRUE(check.integrity_ok()) << check.problems_text();
        EXPECT_TRUE(check.covers_whole_file);
        EXPECT_EQ(check.pdf.field_name, "KyThu");
        EXPECT_EQ(check.pdf.byte_range, w.revision.byte_range());
    }
    ASSERT_TRUE(std::filesystem::exists(w.output));
    // The full scan agrees with what the read-back found.
    PdfSignatureScan scan = scan_signatures(w.output);
    ASSERT_EQ(scan.signatures.size(), 1u);
    EXPECT_TRUE(scan.signatures[0].byte_range_ok);
    EXPECT_EQ(scan.signatures[0].field_name, "KyThu");
}

// The input edited in place (same size) after it was opened and parsed: what would be copied
// and hashed is not what was parsed. Before issue 13.2 this was signed without a word.
TEST(ReadBack, InputChangedAfterParsingIsRefused) {
    std::string dir = test::TestEnv::get().scratch().string();
    std::string input = dir + "/changed-input.pdf";
    test::write_file(input, test::PdfMaker::one_page().build());
    // An old modification time, so that the edit below is seen whatever the clock's granularity.
    timespec old_times[2] = {{1600000000, 0}, {1600000000, 0}};
    ASSERT_EQ(::utimensat(AT_FDCWD, input.c_str(), old_times, 0), 0);
    InputFile opened(input);
    SignatureRequest request;
    request.field_name = "KyThu";
    request.contents_capacity = 8192;
    SignatureRevision revision = build_signature_revision(input, request);
    revision.fix_byte_range();
    test::flip_byte(input, 20);
    std::string output = dir + "/changed-input-signed.pdf";
    try {
        AtomicOutput out(output);
        copy_input_and_digest(opened, revision, out, RevisionKind::Signature);
        ADD_FAILURE() << "an input changed after parsing was copied";
    } catch (const Error& error) {
        EXPECT_EQ(error.code(), ErrorCode::InputUnreadable) << error.describe();
        EXPECT_NE(error.english().find("changed while it was being signed"), std::string::npos) << error.english();
    }
    EXPECT_FALSE(std::filesystem::exists(output));
}

// The update on disk is not the one meant (a byte of it changed after writing).
TEST(ReadBack, ChangedUpdateOnDiskIsFound) {
    Written w = prepared("read-back-update");
    w.revision.set_contents(std::vector<unsigned char>(16, 0x30));
    std::string path = w.output;
    test::write_file(path, test::read_file(w.input) + w.revision.bytes());
    EXPECT_TRUE(read_back_signature(path, w.revision).byte_range_problem.empty());
    test::flip_byte(path, std::filesystem::file_size(path) - 40);
    ScannedSignature sig = read_back_signature(path, w.revision);
    EXPECT_FALSE(sig.byte_range_ok);
    EXPECT_NE(sig.byte_range_problem.find("differs"), std::string::npos) << sig.byte_range_problem;

    test::write_file(path, test::read_file(w.input) + w.revision.bytes() + "\n");
    sig = read_back_signature(path, w.revision);
    EXPECT_FALSE(sig.byte_range_ok);
    EXPECT_NE(sig.byte_range_problem.find("bytes, not"), std::string::npos) << sig.byte_range_problem;
}

// The update parser itself: a cross-reference row that misses its object, a startxref outside
// the update, and a well-formed update from the tests' own writer.
TEST(ReadBack, UpdateObjectsCheckTheCrossReferenceSection) {
    std::string base = test::PdfMaker::one_page().build();
    std::string grown = test::append_object_update(base, "<< /Kind (mới) >>");
    std::string update = grown.substr(base.size());
    {
        pdf::UpdateObjects objects(update, base.size());
        EXPECT_EQ(objects.problem(), "");
        ASSERT_NE(objects.object(5), nullptr);
        EXPECT_TRUE(objects.object(5)->IsDictionary());
        ASSERT_NE(objects.trailer(), nullptr);
        EXPECT_TRUE(objects.trailer()->HasKey("Prev"));
    }
    {
        // The row for object 5 points one byte late: into "5 0 obj", not at it.
        std::string shifted = update;
        size_t row = shifted.find(" 00000 n");
        ASSERT_NE(row, std::string::npos);
        size_t offset = std::stoul(shifted.substr(row - 10, 10));
        char text[11];
        std::snprintf(text, sizeof text, "%010zu", offset + 2);
        shifted.replace(row - 10, 10, text);
        pdf::UpdateObjects objects(shifted, base.size());
        EXPECT_NE(objects.problem(), "");
    }
    {
        pdf::UpdateObjects objects(update, base.size() + 100000);
        EXPECT_NE(objects.problem().find("startxref"), std::string::npos) << objects.problem();
    }
}

} // namespace
} // namespace kyso
