// The extension's verification report in words: what a văn thư reads in the report dialog.
#include "core/workflow/verify_text.hpp"

#include <gtest/gtest.h>

namespace kyso {
namespace {

SignatureVerdict valid_signature(const std::string& signer, int revision) {
    SignatureVerdict s;
    s.pdf.byte_range_ok = true;
    s.pdf.signing_time = "D:20261202083000+07'00'";
    s.cms.parsed = s.cms.digest_ok = s.cms.signature_ok = s.cms.chain_ok = true;
    s.cms.certificate_valid_at_signing_time = s.cms.key_usage_ok = s.cms.digest_strong = true;
    s.cms.signer_name = signer;
    s.revision = revision;
    s.level = "B-B";
    return s;
}

ModificationFinding finding(bool allowed, const std::string& vi, const std::string& en) {
    ModificationFinding f;
    f.revision = 3;
    f.allowed = allowed;
    f.vi = vi;
    f.en = en;
    return f;
}

TEST(VerifyText, IssuedDocumentSaysWhoSignedAndWhatWasFilledAfter) {
    VerifyReport report;
    report.path = "/tmp/quyet-dinh-ban-hanh.pdf";
    report.signatures.push_back(valid_signature("Nguyễn Thanh Bình", 2));
    report.signatures[0].modifications.push_back(finding(true, "điền số và ngày văn bản", "number and date filled in"));
    report.signatures.push_back(valid_signature("Ủy ban nhân dân tỉnh An Giang", 3));
    report.signatures[1].covers_whole_file = true;

    std::string vi = verify_report_text(report, true);
    EXPECT_NE(vi.find("Chữ ký 1: Nguyễn Thanh Bình"), std::string::npos) << vi;
    EXPECT_NE(vi.find("Thời điểm ký: 2026-12-02T08:30:00+07:00"), std::string::npos) << vi;
    EXPECT_NE(vi.find("[được phép] điền số và ngày văn bản"), std::string::npos) << vi;
    EXPECT_NE(vi.find("Chữ ký 2: Ủy ban nhân dân tỉnh An Giang"), std::string::npos) << vi;
    EXPECT_NE(vi.find("Không có thay đổi nào sau chữ ký này."), std::string::npos) << vi;
    EXPECT_NE(vi.find("Kết quả: 2/2 chữ ký hợp lệ."), std::string::npos) << vi;
    EXPECT_EQ(vi.find("KHÔNG HỢP LỆ"), std::string::npos) << vi;

    std::string en = verify_report_text(report, false);
    EXPECT_NE(en.find("[allowed] number and date filled in"), std::string::npos) << en;
    EXPECT_NE(en.find("Result: 2/2 signatures valid."), std::string::npos) << en;
}

TEST(VerifyText, ForbiddenChangeMakesTheSignatureInvalidAndIsNamed) {
    VerifyReport report;
    report.signatures.push_back(valid_signature("Nguyễn Thanh Bình", 2));
    report.signatures[0].modifications.push_back(
        finding(false, "nội dung trang 1 bị thay đổi", "the content of page 1 was changed"));
    std::string vi = verify_report_text(report, true);
    EXPECT_NE(vi.find("KHÔNG HỢP LỆ"), std::string::npos) << vi;
    EXPECT_NE(vi.find("[KHÔNG được phép] nội dung trang 1 bị thay đổi"), std::string::npos) << vi;
    EXPECT_NE(vi.find("Kết quả: 0/1"), std::string::npos) << vi;
}

TEST(VerifyText, UntrustedChainIsExplainedInVietnameseWithItsVerdictAndTheRemedy) {
    VerifyReport report;
    report.signatures.push_back(valid_signature("Nguyễn Thanh Bình", 2));
    report.signatures[0].cms.chain_ok = false;
    report.signatures[0].cms.problems.push_back("chain: self-signed certificate in certificate chain");
    std::string vi = verify_report_text(report, true);
    EXPECT_NE(vi.find("- Chuỗi chứng thư: chuỗi kết thúc ở một chứng thư gốc không có trong danh sách tin cậy\n"),
              std::string::npos)
        << vi;
    // Intact but not confirmed: its own verdict, never the tampered file's, and what to do.
    EXPECT_NE(vi.find("  TOÀN VẸN, CHƯA XÁC THỰC ĐƯỢC NGƯỜI KÝ\n"), std::string::npos) << vi;
    EXPECT_EQ(vi.find("KHÔNG HỢP LỆ"), std::string::npos) << vi;
    EXPECT_NE(vi.find("hãy thêm chứng thư CA phát hành bằng --trust (dòng lệnh) hoặc trong Cài đặt"), std::string::npos)
        << vi;
    EXPECT_NE(vi.find("Kết luận: TOÀN VẸN, CHƯA XÁC THỰC ĐƯỢC NGƯỜI KÝ"), std::string::npos) << vi;
    std::string en = verify_report_text(report, false);
    EXPECT_NE(en.find("- chain: self-signed certificate in certificate chain"), std::string::npos) << en;
    EXPECT_NE(en.find("  INTACT, SIGNER NOT CONFIRMED\n"), std::string::npos) << en;
    EXPECT_NE(en.find("add the issuing CA with --trust (command line) or in Settings"), std::string::npos) << en;
}

TEST(VerifyText, DocumentTimeStampIsNotCountedAsASignature) {
    VerifyReport report;
    report.signatures.push_back(valid_signature("Nguyễn Thanh Bình", 2));
    report.signatures[0].level = "B-LTA";
    SignatureVerdict stamp = valid_signature("kyso TEST TSA", 3);
    stamp.document_timestamp = true;
    stamp.level.clear();
    stamp.cms.timestamp_time = "2026-12-02T01:30:00Z";
    stamp.covers_whole_file = true;
    report.signatures.push_back(stamp);
    std::string vi = verify_report_text(report, true);
    EXPECT_NE(vi.find("Mức PAdES: B-LTA"), std::string::npos) << vi;
    EXPECT_NE(vi.find("Dấu thời gian tài liệu 1: kyso TEST TSA"), std::string::npos) << vi;
    EXPECT_NE(vi.find("Kết quả: 1/1 chữ ký hợp lệ."), std::string::npos) << vi;
}

TEST(VerifyText, PlainCmsSignatureNamesItsFormAndNotesWithoutBeingInvalid) {
    VerifyReport report;
    report.path = "/tmp/cong-van-den.pdf";
    report.signatures.push_back(valid_signature("Sở Tài chính", 2));
    SignatureVerdict& s = report.signatures[0];
    s.level.clear();
    s.form = "CMS (adbe.pkcs7.detached)";
    s.cms.notes.push_back({"CMS có 2 SignerInfo; SignerInfo 1 (Sở Tài chính) là chữ ký được kiểm tra.",
                           "The CMS holds 2 SignerInfos; SignerInfo 1 (Sở Tài chính) is the signature checked."});
    std::string vi = verify_report_text(report, true);
    EXPECT_NE(vi.find("Dạng chữ ký: CMS (adbe.pkcs7.detached)"), std::string::npos) << vi;
    EXPECT_NE(vi.find("Ghi chú: CMS có 2 SignerInfo"), std::string::npos) << vi;
    EXPECT_NE(vi.find("HỢP LỆ"), std::string::npos) << vi;
    EXPECT_EQ(vi.find("KHÔNG HỢP LỆ"), std::string::npos) << vi;
    std::string en = verify_report_text(report, false);
    EXPECT_NE(en.find("Note: The CMS holds 2 SignerInfos"), std::string::npos) << en;
}

TEST(VerifyText, FileWithoutSignaturesSaysSo) {
    VerifyReport report;
    report.path = "/tmp/du-thao.pdf";
    std::string vi = verify_report_text(report, true);
    EXPECT_NE(vi.find("Tệp không có chữ ký số nào."), std::string::npos) << vi;
    EXPECT_NE(verify_report_text(report, false).find("The file has no signature."), std::string::npos);
}

} // namespace
} // namespace kyso
