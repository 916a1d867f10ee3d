#include "core/workflow/verify_text.hpp"

#include "core/pdf/pdf_date.hpp"

#include <sstream>

namespace kyso {
namespace {

std::string signer_of(const SignatureVerdict& s) {
    return s.cms.signer_name.empty() ? s.pdf.name : s.cms.signer_name;
}

// Problems of one entry, then what the later revisions changed, judged.
void write_findings(std::ostringstream& out, const SignatureVerdict& s, bool vi) {
    if (!s.pdf.byte_range_ok)
        out << "  - " << (vi ? "Vùng dữ liệu được ký không hợp lệ: " : "") << problem_text(s.pdf.byte_range_problem, vi)
            << "\n";
    for (const std::string& problem : s.cms.problems)
        out << "  - " << problem_text(problem, vi) << "\n";
    for (const Notice& note : s.cms.notes)
        out << "  " << (vi ? "Ghi chú: " + note.vi : "Note: " + note.en) << "\n";
    if (!s.pdf.byte_range_ok)
        return;
    if (s.modifications.empty()) {
        out << "  " << (vi ? "Không có thay đổi nào sau chữ ký này." : "Nothing changed after this signature.") << "\n";
        return;
    }
    out << "  " << (vi ? "Sau chữ ký này:" : "After this signature:") << "\n";
    for (const ModificationFinding& f : s.modifications)
        out << "    • " << (f.allowed ? (vi ? "[được phép] " : "[allowed] ") : (vi ? "[KHÔNG được phép] " : "[NOT allowed] "))
            << (vi ? f.vi : f.en) << "\n";
}

// The verdict, why, and what the reader can do about it.
void write_verdict(std::ostringstream& out, const SignatureVerdict& s, bool vi) {
    Judgement judgement = s.judgement();
    out << "  " << (vi ? verdict_vi(judgement.verdict) : verdict_en(judgement.verdict)) << "\n";
    if (judgement.grounds.empty())
        return;
    out << "  " << (vi ? "Vì: " : "Because: ") << grounds_text(judgement, vi) << ".\n";
    std::string advised;
    for (const VerdictGround& g : judgement.grounds)
        if (!g.advice_en.empty() && advised.find(g.advice_en) == std::string::npos) {
            advised += g.advice_en;
            out << "  " << (vi ? g.advice_vi : g.advice_en) << "\n";
        }
}

} // namespace

std::string signing_time_text(const SignatureVerdict& signature) {
    auto when = parse_pdf_date(signature.pdf.signing_time);
    return when ? iso8601_local(*when) : std::string();
}

std::string verify_report_text(const VerifyReport& report, bool vi) {
    std::ostringstream out;
    auto say = [vi](const char* v, const char* e) { return vi ? v : e; };
    out << report.path << "\n";
    size_t signatures = 0, valid = 0, untrusted = 0, stamps = 0;
    for (const SignatureVerdict& s : report.signatures) {
        if (s.document_timestamp) {
            out << "\n" << say("Dấu thời gian tài liệu ", "Document time-stamp ") << ++stamps << ": " << signer_of(s) << "\n"
                << "  " << say("Thời điểm: ", "Time: ") << s.cms.timestamp_time << "\n";
        } else {
            ++signatures;
            Verdict verdict = s.verdict();
            valid += verdict == Verdict::Valid;
            untrusted += verdict == Verdict::Untrusted;
            out << "\n" << say("Chữ ký ", "Signature ") << signatures << ": " << signer_of(s) << "\n"
                << "  " << say("Thời điểm ký: ", "Signed at: ") << signing_time_text(s) << "\n";
            if (s.cms.has_timestamp)
                out << "  " << say("Dấu thời gian: ", "Time-stamp: ") << s.cms.timestamp_time << " (" << s.cms.tsa_name
                    << ")\n";
            if (!s.level.empty())
                out << "  " << say("Mức PAdES: ", "PAdES level: ") << s.level << "\n";
            else if (!s.form.empty())
                out << "  " << say("Dạng chữ ký: ", "Signature form: ") << s.form << "\n";
        }
        write_verdict(out, s, vi);
        write_findings(out, s, vi);
    }
    if (signatures == 0)
        out << say("Tệp không có chữ ký số nào.", "The file has no signature.") << "\n";
    if (!report.signatures.empty() && report.unsigned_tail_bytes > 0)
        out << "\n! " << report.unsigned_tail_bytes
            << say(" byte được thêm vào sau chữ ký cuối cùng mà không được ký.",
                   " bytes were added after the last signature without being signed.") << "\n";
    out << "\n" << say("Kết quả: ", "Result: ") << valid << "/" << signatures << say(" chữ ký hợp lệ", " signatures valid");
    if (untrusted > 0)
        out << ", " << untrusted << say(" toàn vẹn nhưng chưa xác thực được người ký", " intact with the signer not confirmed");
    Verdict verdict = report.verdict();
    out << ".\n" << say("Kết luận: ", "Verdict: ") << (vi ? verdict_vi(verdict) : verdict_en(verdict)) << "\n";
    return out.str();
}

} // namespace kyso
