#include "core/workflow/verify_text.hpp"

#include "core/pdf/pdf_date.hpp"

#include <sstream>

namespace kyso {
namespace {

// The checks' problem lines start with these; what follows (OpenSSL's reason, a name) is kept.
struct KnownProblem {
    const char* en_prefix;
    const char* vi;
};
constexpr KnownProblem kKnownProblems[] = {
    {"chain: ", "Chứng thư số không dẫn tới chứng thư gốc tin cậy (hãy thêm chứng thư gốc trong Cài đặt): "},
    {"TSA chain: ", "Chứng thư của máy chủ dấu thời gian không dẫn tới chứng thư gốc tin cậy: "},
    {"the signed bytes were changed", "Nội dung đã ký bị sửa (mã băm không khớp)"},
    {"the time-stamped bytes were changed", "Nội dung được đóng dấu thời gian bị sửa"},
    {"the CMS signature does not verify", "Chữ ký số không đúng về mặt toán học: "},
    {"certificate expired before signing time", "Chứng thư số đã hết hạn trước thời điểm ký"},
    {"certificate not yet valid at signing time", "Chứng thư số chưa có hiệu lực tại thời điểm ký"},
    {"certificate key usage allows neither", "Chứng thư số không được phép dùng để ký"},
    {"certificate revoked according to the embedded data", "Chứng thư số đã bị thu hồi (theo dữ liệu kèm trong tệp): "},
    {"the signature time-stamp does not verify", "Dấu thời gian của chữ ký không hợp lệ: "},
    {"the TSA certificate was not valid", "Chứng thư của máy chủ dấu thời gian không có hiệu lực tại thời điểm đó"},
    {"the signer's certificate is not inside the CMS", "Tệp không kèm chứng thư số của người ký"},
    {"/Contents is not a CMS SignedData", "Dữ liệu chữ ký bị hỏng: "},
    {"not checked further: the byte range is not valid", "Không kiểm tra tiếp vì vùng dữ liệu được ký không hợp lệ"},
};

std::string signer_of(const SignatureVerdict& s) {
    return s.cms.signer_name.empty() ? s.pdf.name : s.cms.signer_name;
}

// Problems of one entry, then what the later revisions changed, judged.
void write_findings(std::ostringstream& out, const SignatureVerdict& s, bool vi) {
    if (!s.pdf.byte_range_ok)
        out << "  - " << (vi ? "Vùng dữ liệu được ký không hợp lệ: " : "") << s.pdf.byte_range_problem << "\n";
    for (const std::string& problem : s.cms.problems)
        out << "  - " << problem_text(problem, vi) << "\n";
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

std::string problem_text(const std::string& problem, bool vietnamese) {
    if (!vietnamese)
        return problem;
    for (const KnownProblem& known : kKnownProblems) {
        std::string prefix = known.en_prefix;
        if (problem.compare(0, prefix.size(), prefix) != 0)
            continue;
        std::string detail = problem.substr(prefix.size());
        size_t start = detail.find_first_not_of(": ");
        detail = start == std::string::npos ? std::string() : detail.substr(start);
        std::string vi = known.vi;
        // A translation ending in ": " carries the checks' detail; the others stand alone.
        bool carries_detail = vi.size() >= 2 && vi.compare(vi.size() - 2, 2, ": ") == 0;
        if (carries_detail)
            return detail.empty() ? vi.substr(0, vi.size() - 2) : vi + detail;
        return vi;
    }
    return problem;
}

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
