#include "uno/verify_text.hpp"

#include "core/pdf/pdf_date.hpp"

#include <sstream>

namespace kyso::lo {

std::string signing_time_text(const SignatureVerdict& signature) {
    auto when = parse_pdf_date(signature.pdf.signing_time);
    return when ? iso8601_local(*when) : std::string();
}

std::string verify_report_text(const VerifyReport& report, bool vi) {
    std::ostringstream out;
    auto say = [vi](const char* v, const char* e) { return vi ? v : e; };
    out << report.path << "\n";
    if (report.signatures.empty())
        out << say("Tệp không có chữ ký số nào.", "The file has no signature.") << "\n";
    for (size_t i = 0; i < report.signatures.size(); ++i) {
        const SignatureVerdict& s = report.signatures[i];
        std::string signer = s.cms.signer_name.empty() ? s.pdf.name : s.cms.signer_name;
        out << "\n" << say("Chữ ký ", "Signature ") << (i + 1) << ": " << signer << "\n"
            << "  " << say("Thời điểm ký: ", "Signed at: ") << signing_time_text(s) << "\n"
            << "  " << (s.valid() ? say("HỢP LỆ", "VALID") : say("KHÔNG HỢP LỆ", "NOT VALID")) << "\n";
        for (const std::string& problem : s.cms.problems)
            out << "  - " << problem << "\n";
        if (!s.pdf.byte_range_ok)
            out << "  - " << s.pdf.byte_range_problem << "\n";
        // What came after this signature: the next signature's revision(s), or nothing.
        if (i + 1 < report.signatures.size()) {
            const SignatureVerdict& next = report.signatures[i + 1];
            int added = next.revision - s.revision;
            out << "  " << say("Sau chữ ký này: ", "After this signature: ") << added
                << say(" lần cập nhật nối tiếp (điền số, ngày và chữ ký của ", " incremental update(s) (number, date and the signature of ")
                << (next.cms.signer_name.empty() ? next.pdf.name : next.cms.signer_name) << ")"
                << say("; phần đã ký không bị sửa.", "; the signed part is unchanged.") << "\n";
        } else if (s.covers_whole_file) {
            out << "  " << say("Không có thay đổi nào sau chữ ký này.", "Nothing changed after this signature.") << "\n";
        }
    }
    if (!report.signatures.empty() && report.unsigned_tail_bytes > 0)
        out << "\n! " << report.unsigned_tail_bytes
            << say(" byte được thêm vào sau chữ ký cuối cùng mà không được ký.",
                   " bytes were added after the last signature without being signed.") << "\n";
    size_t valid = 0;
    for (const SignatureVerdict& s : report.signatures)
        valid += s.valid();
    out << "\n" << say("Kết quả: ", "Result: ") << valid << "/" << report.signatures.size()
        << say(" chữ ký hợp lệ.", " signatures valid.") << "\n";
    return out.str();
}

} // namespace kyso::lo
