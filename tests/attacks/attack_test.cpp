// kyso verify against the published PDF signature attacks (incremental saving, signature
// wrapping, universal signature forgery, shadow hide/replace/hide-and-replace), each built by
// tests/attacks/make_attacks.py from files signed at test time with the SoftHSM token; and the
// legitimate workflow (prepare -> official -> issue), whose later changes must all be allowed.
#include "core/error.hpp"
#include "core/workflow/roles.hpp"
#include "core/workflow/verify_document.hpp"
#include "pdf_tests/sign_helpers.hpp"
#include "support/history_text.hpp"
#include "support/process.hpp"
#include "support/signers.hpp"
#include "support/test_env.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <set>

namespace kyso {
namespace {

namespace fs = std::filesystem;
using test::TestEnv;

TrustStore test_root() { return TrustStore({TestEnv::get().root_ca()}); }

fs::path corpus_dir() { return TestEnv::get().work / "attacks"; }

// Builds the attack corpus once per build of this binary: the signed inputs come from the
// token, the attacks from the Python builder (CTest runs each case in its own process).
void ensure_corpus() {
    fs::path dir = corpus_dir();
    fs::path stamp = dir / "stamp";
    fs::path self = fs::read_symlink("/proc/self/exe");
    fs::path builder = TestEnv::get().source / "attacks" / "make_attacks.py";
    // Rebuilt when the binary, the builder or the test PKI (re-made by fixture.token) is newer.
    fs::path root = TestEnv::get().root_ca();
    if (fs::exists(stamp) && fs::last_write_time(stamp) > fs::last_write_time(self) &&
        fs::last_write_time(stamp) > fs::last_write_time(builder) && fs::last_write_time(stamp) > fs::last_write_time(root))
        return;
    fs::remove_all(dir);
    fs::create_directories(dir / "cases");
    std::string base = TestEnv::get().corpus("lo-classic.pdf");
    std::string signed_pdf = (dir / "signed.pdf").string();
    std::string shadow_base = (dir / "shadow-base.pdf").string();
    std::string shadow_signed = (dir / "shadow-signed.pdf").string();
    test::sign_with("binh", base, signed_pdf);
    test::RunResult prepared = test::run({"/usr/bin/python3", builder.string(), "shadow-base", base, shadow_base});
    ASSERT_EQ(prepared.status, 0) << prepared.err;
    test::sign_with("binh", shadow_base, shadow_signed);
    test::RunResult built = test::run(
        {"/usr/bin/python3", builder.string(), "attacks", signed_pdf, shadow_signed, (dir / "cases").string()});
    ASSERT_EQ(built.status, 0) << built.err;
    test::run({"touch", stamp.string()});
}

std::string case_file(const std::string& name) { return (corpus_dir() / "cases" / (name + ".pdf")).string(); }

/// One attack file and what kyso must say about it.
struct Attack {
    const char* name;
    const char* finding; ///< code of a disallowed modification finding; null: the signature itself fails
};

void PrintTo(const Attack& a, std::ostream* os) { *os << a.name; }

std::string describe(const VerifyReport& report) {
    std::string text;
    for (const SignatureVerdict& s : report.signatures) {
        text += "[" + s.pdf.field_name + "] " + s.problems_text();
        for (const ModificationFinding& f : s.modifications)
            text += std::string(f.allowed ? "  allowed " : "  REFUSED ") + f.code + ": " + f.en + "\n";
    }
    return text;
}

class Attacks : public ::testing::TestWithParam<Attack> {
protected:
    static void SetUpTestSuite() { ensure_corpus(); }
};

TEST_P(Attacks, VerifyFlagsItWithTheReason) {
    const Attack& attack = GetParam();
    ASSERT_TRUE(fs::exists(case_file(attack.name))) << "the builder did not make " << attack.name;
    VerifyReport report;
    try {
        report = verify_pdf(case_file(attack.name), test_root());
    } catch (const Error& error) {
        // Refusing to read the file at all is also flagging it, with a reason.
        EXPECT_EQ(attack.finding, nullptr) << "unexpected refusal: " << error.describe();
        EXPECT_FALSE(error.english().empty());
        return;
    }
    EXPECT_FALSE(report.all_valid()) << describe(report);
    if (attack.finding) {
        bool found = false;
        for (const SignatureVerdict& s : report.signatures)
            for (const ModificationFinding& f : s.modifications)
                if (f.code == attack.finding && !f.allowed) {
                    found = true;
                    EXPECT_FALSE(f.vi.empty());
                    EXPECT_FALSE(f.en.empty());
                }
        EXPECT_TRUE(found) << "expected finding " << attack.finding << "\n" << describe(report);
    } else {
        bool explained = report.signatures.empty();
        for (const SignatureVerdict& s : report.signatures)
            if (!s.valid())
                explained = explained || !s.problems_text().empty();
        EXPECT_TRUE(explained) << "not valid, but no reason given\n" << describe(report);
    }
}

INSTANTIATE_TEST_SUITE_P(
    PublishedClasses, Attacks,
    ::testing::Values(
        // Incremental saving: content appended after the signature, with and without a new xref.
        Attack{"isa_new_content_with_xref", "page_content_changed"},
        Attack{"isa_redefined_content_without_xref", "unstructured_append"},
        Attack{"isa_redefined_content_old_startxref", "hidden_definitions"},
        Attack{"isa_overlay_annotation", "annotation_added"},
        // A %%EOF that follows no startxref, or lies in a stream, ends no revision (issue 11).
        Attack{"isa_redefined_content_eof_without_startxref", "unstructured_append"},
        Attack{"isa_redefined_content_eof_then_update", "hidden_definitions"},
        Attack{"isa_redefined_content_eof_in_stream", "hidden_definitions"},
        // More revisions than any document: refused as damaged before each is parsed.
        Attack{"dos_more_revisions_than_any_document", nullptr},
        // Signature wrapping.
        Attack{"wrapping_duplicated_signed_revision", "hidden_definitions"},
        Attack{"wrapping_moved_signed_part", nullptr},
        Attack{"wrapping_byterange_skips_appended", "signature_changed"},
        // Universal signature forgery.
        Attack{"usf_contents_empty", nullptr}, Attack{"usf_contents_zero_filled", nullptr},
        Attack{"usf_contents_missing", nullptr}, Attack{"usf_byterange_missing", nullptr},
        Attack{"usf_byterange_overlapping", nullptr}, Attack{"usf_byterange_negative", nullptr},
        Attack{"usf_byterange_outside_file", nullptr},
        Attack{"usf_second_signature_reuses_contents", "signature_value_elsewhere"},
        // Shadow attacks: prepared invisibly before signing, revealed by a later update.
        Attack{"shadow_hide_annotation_revealed", "annotation_changed"},
        Attack{"shadow_replace_xobject_redefined", "page_resources_changed"},
        Attack{"shadow_hide_and_replace_reference_swap", "page_resources_changed"},
        Attack{"shadow_hide_ocg_switched_on", "catalog_changed"},
        Attack{"shadow_replace_form_value", "signed_field_changed"},
        // Object reuse: a change allowed for a field's appearance that a page also draws, and
        // a trailer that swaps in a catalog prepared before signing.
        Attack{"reuse_widget_ap_is_page_xobject", "page_resources_changed"},
        Attack{"reuse_ap_dictionary_shared_with_page", "page_resources_changed"},
        Attack{"reuse_trailer_redirects_root", "trailer_root_changed"}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(AttackBases, SignedInputsAreValidWithNothingChangedAfterSigning) {
    ensure_corpus();
    for (const char* name : {"signed.pdf", "shadow-signed.pdf"}) {
        VerifyReport report = verify_pdf((corpus_dir() / name).string(), test_root());
        EXPECT_TRUE(report.all_valid()) << name << "\n" << describe(report);
        for (const SignatureVerdict& s : report.signatures)
            EXPECT_TRUE(s.modifications.empty()) << name << "\n" << describe(report);
    }
}

// The analysis that reads only the changed objects and the places they are used from (the
// default, issue 13.4) must say exactly what the walk of every object and page says, on every
// attack, their signed bases, the signing corpus and the demo documents — every revision of
// each compared with the one before it.
TEST(AttackAnalysis, ReadingChangedObjectsAloneFindsWhatTheWholeWalkFinds) {
    ensure_corpus();
    // Not the fuzz units: an object no revision changes that PoDoFo cannot parse made the whole
    // walk's revision unreadable; read alone, the changed objects are judged (that object is
    // signed content, the same bytes in both revisions).
    std::vector<fs::path> dirs = {corpus_dir(), corpus_dir() / "cases", TestEnv::get().work / "corpus",
                                  TestEnv::get().work / "demo"};
    size_t compared = 0, with_changes = 0;
    for (const fs::path& dir : dirs) {
        if (!fs::is_directory(dir))
            continue;
        for (const fs::directory_entry& entry : fs::recursive_directory_iterator(dir)) {
            if (entry.path().extension() != ".pdf")
                continue;
            std::string file = entry.path().string();
            std::string touched, everything;
            try {
                touched = test::history_text(diff_revisions(file, 1, DiffScope::TouchedObjects));
            } catch (const Error& error) {
                touched = "error " + error.english();
            }
            try {
                everything = test::history_text(diff_revisions(file, 1, DiffScope::Everything));
            } catch (const Error& error) {
                everything = "error " + error.english();
            }
            EXPECT_EQ(touched, everything) << file;
            ++compared;
            with_changes += touched.find("  object ") != std::string::npos;
        }
    }
    EXPECT_GE(compared, 40u);
    EXPECT_GE(with_changes, 20u);
}

TEST(AttackCli, VerifyExitsNonZeroAndSaysWhatChangedInBothLanguages) {
    ensure_corpus();
    std::string file = case_file("isa_new_content_with_xref");
    test::RunResult text = test::run({TestEnv::get().kyso_bin, "verify", file, "--trust", TestEnv::get().root_ca()});
    EXPECT_EQ(text.status, 1) << text.out;
    EXPECT_NE(text.out.find("sau khi ký, nội dung trang 1 đã bị thay đổi"), std::string::npos) << text.out;
    EXPECT_NE(text.out.find("after signing, the content of page 1 was changed"), std::string::npos) << text.out;
    test::RunResult json =
        test::run({TestEnv::get().kyso_bin, "verify", file, "--trust", TestEnv::get().root_ca(), "--json"});
    EXPECT_EQ(json.status, 1);
    EXPECT_NE(json.out.find("\"modifications_allowed\":false"), std::string::npos) << json.out;
    EXPECT_NE(json.out.find("\"code\":\"page_content_changed\""), std::string::npos) << json.out;
}

// The regulation's own workflow: after the official signs, issuance only fills the number and
// date and adds the organisation's signature — all allowed, and said so (issue 3's report).
TEST(LegitimateWorkflow, IssuedDocumentShowsOnlyAllowedChanges) {
    std::string dir = TestEnv::get().scratch().string();
    std::string prepared = dir + "/du-thao.pdf", signed_pdf = dir + "/da-ky.pdf", issued = dir + "/ban-hanh.pdf";
    prepare_draft({TestEnv::get().demo("quyet-dinh.pdf"), prepared});
    auto module = test::open_test_module();
    KeySigner official = test::token_signer(*module, "binh");
    sign_official({prepared, signed_pdf, test::make_signature_png(dir), 0}, official);
    KeySigner organisation = test::token_signer(*module, "ubnd");
    issue_document(test::issue_options(signed_pdf, issued, 7, "QĐ-UBND", dir), organisation);

    VerifyReport report = verify_pdf(issued, test_root());
    ASSERT_EQ(report.signatures.size(), 2u);
    EXPECT_TRUE(report.all_valid()) << describe(report);
    const SignatureVerdict& first = report.signatures[0];
    EXPECT_EQ(first.pdf.field_name, field_names::kOfficial);
    std::set<std::pair<std::string, std::string>> seen;
    for (const ModificationFinding& f : first.modifications) {
        EXPECT_TRUE(f.allowed) << f.code << ": " << f.en;
        seen.insert({f.code, f.field});
    }
    std::set<std::pair<std::string, std::string>> expected = {
        {"field_filled", field_names::kNumber},
        {"field_filled", field_names::kDay},
        {"field_filled", field_names::kMonth},
        {"signature_added", field_names::kOrganisation}};
    // The year is a field only when the draft printed it blank.
    seen.erase({"field_filled", field_names::kYear});
    EXPECT_EQ(seen, expected) << describe(report);
    EXPECT_TRUE(report.signatures[1].modifications.empty()) << describe(report);

    test::RunResult text = test::run({TestEnv::get().kyso_bin, "verify", issued, "--trust", TestEnv::get().root_ca()});
    EXPECT_EQ(text.status, 0) << text.out;
    EXPECT_NE(text.out.find("Sau chữ ký này chỉ có các thay đổi được phép: điền ô số văn bản (kyso_so)"),
              std::string::npos)
        << text.out;
    EXPECT_NE(text.out.find("thêm chữ ký của cơ quan, tổ chức (kyso_org)"), std::string::npos) << text.out;
}

} // namespace
} // namespace kyso
