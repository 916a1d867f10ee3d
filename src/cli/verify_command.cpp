// kyso verify
#include "cli/commands.hpp"
#include "cli/json.hpp"
#include "core/pdf/pdf_date.hpp"
#include "core/workflow/verify_document.hpp"
#include "core/workflow/verify_text.hpp"

#include <boost/program_options.hpp>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <iostream>

namespace po = boost::program_options;

namespace kyso::cli {
namespace {

const char* mark(bool ok) { return ok ? "ok" : "FAIL"; }

// The exit status of each verdict, distinct from the usage (2) and bad-input (3) ones; listed
// in `kyso --help`, `kyso verify --help` and the README.
int verify_exit_status(Verdict verdict) {
    switch (verdict) {
    case Verdict::Valid: return 0;
    case Verdict::Invalid: return 1;
    case Verdict::Untrusted: return 11;
    case Verdict::NoSignature: return 12;
    }
    return 1;
}

const char* revocation_code(RevocationStatus status) {
    switch (status) {
    case RevocationStatus::Good: return "good";
    case RevocationStatus::Revoked: return "revoked";
    case RevocationStatus::Unknown: return "unknown";
    case RevocationStatus::NotFound: return "not_checked";
    }
    return "not_checked";
}

std::string revocation_text(RevocationStatus status) {
    switch (status) {
    case RevocationStatus::Good: return "còn hiệu lực theo dữ liệu kèm trong tệp / good according to the embedded data";
    case RevocationStatus::Revoked: return "ĐÃ BỊ THU HỒI theo dữ liệu kèm trong tệp / REVOKED according to the embedded data";
    case RevocationStatus::Unknown: return "không xác định (OCSP trả lời \"unknown\") / unknown (OCSP answered \"unknown\")";
    case RevocationStatus::NotFound: break;
    }
    return "chưa kiểm tra: tệp không kèm đủ OCSP/CRL cho một chuỗi chứng thư tin cậy, kyso verify không truy cập "
           "mạng / not checked: no embedded OCSP/CRL data for a trusted chain, and kyso verify works offline";
}

// What changed after the signature, each change judged, and a one-line summary when all were allowed.
void print_modifications(const SignatureVerdict& s) {
    if (!s.pdf.byte_range_ok)
        return;
    if (s.modifications.empty()) {
        std::cout << "  Sau khi ký không có thay đổi nào / Nothing changed after signing.\n";
        return;
    }
    std::cout << "  Thay đổi sau khi ký / Changes after signing:\n";
    std::string allowed_vi, allowed_en;
    for (const ModificationFinding& f : s.modifications) {
        std::cout << "    - " << (f.allowed ? "[được phép / allowed] " : "[KHÔNG được phép / NOT allowed] ")
                  << (f.revision ? "phiên bản / revision " + std::to_string(f.revision) + ": " : "") << f.vi << " / "
                  << f.en << "\n";
        allowed_vi += (allowed_vi.empty() ? "" : "; ") + f.vi;
        allowed_en += (allowed_en.empty() ? "" : "; ") + f.en;
    }
    if (modifications_allowed(s.modifications))
        std::cout << "  Sau chữ ký này chỉ có các thay đổi được phép: " << allowed_vi << ".\n"
                  << "  After this signature only allowed changes were made: " << allowed_en << ".\n";
}

// A certification signature's DocMDP permission, in words.
std::string certification_text(int p) {
    switch (p) {
    case 1: return "DocMDP P=1: không cho phép thay đổi nào, kể cả ký thêm / no changes allowed, signing included";
    case 2: return "DocMDP P=2: chỉ cho phép điền biểu mẫu và ký / form filling and signing only";
    case 3: return "DocMDP P=3: cho phép điền biểu mẫu, ký và chú thích / form filling, signing and annotations";
    default: return "DocMDP, P không hợp lệ: coi như không cho phép thay đổi / invalid P: read as no changes allowed";
    }
}

std::string local_time(const std::string& pdf_time) {
    auto when = parse_pdf_date(pdf_time);
    return when ? iso8601_local(*when) : "(không đọc được / unreadable)";
}

// A token's genTime ("2026-02-05T03:04:05Z") in Vietnam's time, as signing times are shown.
std::string utc_to_local(const std::string& iso_utc) {
    std::tm parts{};
    if (std::sscanf(iso_utc.c_str(), "%d-%d-%dT%d:%d:%dZ", &parts.tm_year, &parts.tm_mon, &parts.tm_mday,
                    &parts.tm_hour, &parts.tm_min, &parts.tm_sec) != 6)
        return iso_utc.empty() ? "(không đọc được / unreadable)" : iso_utc;
    parts.tm_year -= 1900;
    parts.tm_mon -= 1;
    return iso8601_local(timegm(&parts));
}

// Which revision an entry signs, and whether that is the whole file.
std::string coverage(const VerifyReport& report, const SignatureVerdict& s) {
    return "phiên bản / revision " + std::to_string(s.revision) + " of " + std::to_string(report.revisions) +
           (s.covers_whole_file ? ", toàn bộ tệp / the whole file" : ", không phải toàn bộ tệp / not the whole file");
}

// What is wrong with one entry: its CMS, its byte range, the changes made after it.
void print_problems(const SignatureVerdict& s) {
    for (const std::string& problem : s.cms.problems)
        std::cout << "  - " << problem_text_bilingual(problem) << "\n";
    for (const Notice& note : s.cms.notes)
        std::cout << "  * Ghi chú / Note: " << note.vi << " / " << note.en << "\n";
    if (!s.pdf.byte_range_ok)
        std::cout << "  - " << problem_text_bilingual(s.pdf.byte_range_problem) << "\n";
    print_modifications(s);
}

// "=> verdict", why, and what the reader can do about it.
void print_verdict(const SignatureVerdict& s) {
    Judgement judgement = s.judgement();
    std::cout << "  => " << verdict_vi(judgement.verdict) << " / " << verdict_en(judgement.verdict) << "\n";
    if (judgement.grounds.empty())
        return;
    std::cout << "     Vì / Because: " << grounds_text(judgement, true) << " / " << grounds_text(judgement, false) << "\n";
    std::vector<std::string> advised;
    for (const VerdictGround& g : judgement.grounds)
        if (!g.advice_en.empty() && std::find(advised.begin(), advised.end(), g.advice_en) == advised.end()) {
            advised.push_back(g.advice_en);
            std::cout << "     " << g.advice_vi << "\n     " << g.advice_en << "\n";
        }
}

// A document time-stamp: a TSA's seal over the file up to it, not a signer.
void print_document_timestamp(const VerifyReport& report, const SignatureVerdict& s, int n) {
    std::cout << "\nDấu thời gian tài liệu " << n << " / Document time-stamp " << n << ": trường / field \""
              << s.pdf.field_name << "\"\n"
              << "  Đơn vị cấp dấu thời gian / Time-stamp authority: " << s.cms.tsa_name << " (serial "
              << s.cms.signer_serial << ")\n"
              << "  Thời điểm / Time: " << utc_to_local(s.cms.timestamp_time) << "  (" << s.cms.timestamp_time << ")\n"
              << "  Định dạng / Format: " << s.pdf.sub_filter << " (dấu thời gian tài liệu / document time-stamp)\n"
              << "  Phạm vi / Covers: " << coverage(report, s) << "\n"
              << "  byte range " << mark(s.pdf.byte_range_ok) << " | imprint " << mark(s.cms.digest_ok)
              << " | TSA signature " << mark(s.cms.signature_ok) << " | chain " << mark(s.cms.chain_ok)
              << " | TSA certificate valid at time-stamp time " << mark(s.cms.certificate_valid_at_signing_time)
              << " | timeStamping key usage " << mark(s.cms.key_usage_ok) << "\n";
    print_problems(s);
    print_verdict(s);
}

void print_text(const VerifyReport& report) {
    std::cout << "Tệp / File: " << report.path << " (" << report.file_size << " bytes, " << report.revisions
              << " phiên bản / revisions)\n";
    if (std::none_of(report.signatures.begin(), report.signatures.end(),
                     [](const SignatureVerdict& s) { return !s.document_timestamp; }))
        std::cout << "Tệp không có chữ ký số nào / The file has no signature.\n";
    int n = 0, stamps = 0;
    for (const SignatureVerdict& s : report.signatures) {
        if (s.document_timestamp) {
            print_document_timestamp(report, s, ++stamps);
            continue;
        }
        ++n;
        std::cout << "\nChữ ký " << n << " / Signature " << n << ": trường / field \"" << s.pdf.field_name << "\""
                  << (s.pdf.page ? ", trang / page " + std::to_string(s.pdf.page) : "")
                  << (s.pdf.visible ? ", hiển thị / visible" : ", ẩn / invisible") << "\n"
                  << "  Người ký / Signer: " << (s.cms.signer_name.empty() ? s.pdf.name : s.cms.signer_name) << "\n"
                  << "    " << s.cms.signer_subject << " (serial " << s.cms.signer_serial << ")\n"
                  << "  Thời điểm ký / Signing time: " << local_time(s.pdf.signing_time) << "  (/M " << s.pdf.signing_time
                  << ")\n"
                  << "  Định dạng / Format: " << (s.level.empty() ? s.form : s.pdf.sub_filter + " (" + s.form + ")") << "\n"
                  << (s.pdf.certification ? "  Chữ ký chứng thực / Certification signature: " +
                                                certification_text(s.pdf.certification) + "\n"
                                          : std::string())
                  << "  Dấu thời gian / Time-stamp: "
                  << (!s.cms.has_timestamp ? std::string("không có / none")
                                           : s.cms.timestamp_time + " (" + s.cms.tsa_name + ") " + mark(s.cms.timestamp_ok))
                  << "\n"
                  << "  Phạm vi / Covers: " << coverage(report, s) << "\n"
                  << "  byte range " << mark(s.pdf.byte_range_ok) << " | digest " << mark(s.cms.digest_ok)
                  << " | signature " << mark(s.cms.signature_ok) << " | chain " << mark(s.cms.chain_ok)
                  << " | certificate valid at signing time " << mark(s.cms.certificate_valid_at_signing_time)
                  << " | key usage " << mark(s.cms.key_usage_ok) << "\n";
        print_problems(s);
        std::cout << "  Thu hồi / Revocation: " << revocation_text(s.revocation) << "\n";
        for (const std::string& detail : s.ltv_details)
            std::cout << "  DSS: " << detail << "\n";
        print_verdict(s);
    }
    if (!report.signatures.empty() && report.unsigned_tail_bytes > 0)
        std::cout << "\n! Sau chữ ký cuối có " << report.unsigned_tail_bytes
                  << " byte chưa được ký (nội dung thêm vào sau khi ký).\n  " << report.unsigned_tail_bytes
                  << " bytes follow the last signature unsigned.\n";
    if (report.dss_certs + report.dss_ocsps + report.dss_crls > 0)
        std::cout << "\nDữ liệu xác thực dài hạn / Long-term validation data (DSS): " << report.dss_certs
                  << " chứng thư / certificates, " << report.dss_ocsps << " OCSP, " << report.dss_crls << " CRL\n";
    size_t signatures = 0, valid = 0, untrusted = 0, invalid = 0, stamps_valid = 0;
    for (const SignatureVerdict& s : report.signatures) {
        Verdict verdict = s.verdict();
        if (s.document_timestamp) {
            stamps_valid += verdict == Verdict::Valid;
            continue;
        }
        ++signatures;
        valid += verdict == Verdict::Valid;
        untrusted += verdict == Verdict::Untrusted;
        invalid += verdict == Verdict::Invalid;
    }
    std::cout << "\nKết quả / Result: " << signatures << " chữ ký / signatures, " << valid << " hợp lệ / valid";
    if (untrusted > 0)
        std::cout << ", " << untrusted << " toàn vẹn nhưng chưa xác thực được người ký / intact, signer not confirmed";
    if (invalid > 0)
        std::cout << ", " << invalid << " không hợp lệ / not valid";
    if (stamps > 0)
        std::cout << "; " << stamps << " dấu thời gian tài liệu / document time-stamps, " << stamps_valid
                  << " hợp lệ / valid";
    Verdict verdict = report.verdict();
    std::cout << "\nKết luận / Verdict: " << verdict_vi(verdict) << " / " << verdict_en(verdict) << " (mã thoát / exit "
              << verify_exit_status(verdict) << ")\n";
}

void print_json_modifications(const SignatureVerdict& s) {
    std::cout << ",\"modifications_allowed\":" << json_bool(modifications_allowed(s.modifications))
              << ",\"modifications\":[";
    for (size_t m = 0; m < s.modifications.size(); ++m) {
        const ModificationFinding& f = s.modifications[m];
        std::cout << (m ? "," : "") << "{\"revision\":" << f.revision << ",\"allowed\":" << json_bool(f.allowed)
                  << ",\"code\":" << json_string(f.code) << ",\"page\":" << f.page << ",\"field\":" << json_string(f.field)
                  << ",\"vi\":" << json_string(f.vi) << ",\"en\":" << json_string(f.en) << "}";
    }
    std::cout << "]";
}

// "verdict" and "verdict_grounds" (each cause's code and both languages), then a comma.
void print_json_verdict(const SignatureVerdict& s) {
    Judgement judgement = s.judgement();
    std::cout << "\"verdict\":" << json_string(verdict_code(judgement.verdict)) << ",\"verdict_grounds\":[";
    for (size_t g = 0; g < judgement.grounds.size(); ++g) {
        const VerdictGround& ground = judgement.grounds[g];
        std::cout << (g ? "," : "") << "{\"code\":" << json_string(ground.code)
                  << ",\"verdict\":" << json_string(verdict_code(ground.verdict)) << ",\"vi\":" << json_string(ground.vi)
                  << ",\"en\":" << json_string(ground.en) << "}";
    }
    std::cout << "],";
}

// "problems" (the byte range's first, then the CMS's; "problems_vi" the same in Vietnamese) and
// the modifications, as JSON members.
void print_json_problems(const SignatureVerdict& s) {
    std::vector<std::string> problems = s.cms.problems;
    if (!s.pdf.byte_range_ok)
        problems.insert(problems.begin(), s.pdf.byte_range_problem);
    for (bool vi : {false, true}) {
        std::cout << (vi ? ",\"problems_vi\":[" : "\"problems\":[");
        for (size_t p = 0; p < problems.size(); ++p)
            std::cout << (p ? "," : "") << json_string(problem_text(problems[p], vi));
        std::cout << "]";
    }
    std::cout << ",\"notes\":[";
    for (size_t n = 0; n < s.cms.notes.size(); ++n)
        std::cout << (n ? "," : "") << "{\"vi\":" << json_string(s.cms.notes[n].vi)
                  << ",\"en\":" << json_string(s.cms.notes[n].en) << "}";
    std::cout << "]";
    print_json_modifications(s);
}

void print_json(const VerifyReport& report) {
    std::cout << "{\"file\":" << json_string(report.path) << ",\"size\":" << report.file_size
              << ",\"revisions\":" << report.revisions << ",\"unsigned_tail_bytes\":" << report.unsigned_tail_bytes
              << ",\"verdict\":" << json_string(verdict_code(report.verdict()))
              << ",\"all_valid\":" << json_bool(report.all_valid()) << ",\"signatures\":[";
    bool first = true;
    for (const SignatureVerdict& s : report.signatures) {
        if (s.document_timestamp)
            continue;
        std::cout << (first ? "" : ",") << "\n {\"field\":" << json_string(s.pdf.field_name)
                  << ",\"signer\":" << json_string(s.cms.signer_name) << ",\"subject\":" << json_string(s.cms.signer_subject)
                  << ",\"serial\":" << json_string(s.cms.signer_serial) << ",\"m\":" << json_string(s.pdf.signing_time)
                  << ",\"signing_time\":" << json_string(local_time(s.pdf.signing_time))
                  << ",\"sub_filter\":" << json_string(s.pdf.sub_filter) << ",\"page\":" << s.pdf.page
                  << ",\"visible\":" << json_bool(s.pdf.visible) << ",\"certification\":" << s.pdf.certification
                  << ",\"revision\":" << s.revision
                  << ",\"covers_whole_file\":" << json_bool(s.covers_whole_file)
                  << ",\"byte_range_ok\":" << json_bool(s.pdf.byte_range_ok) << ",\"digest_ok\":" << json_bool(s.cms.digest_ok)
                  << ",\"signature_ok\":" << json_bool(s.cms.signature_ok) << ",\"chain_ok\":" << json_bool(s.cms.chain_ok)
                  << ",\"certificate_valid_at_signing_time\":" << json_bool(s.cms.certificate_valid_at_signing_time)
                  << ",\"key_usage_ok\":" << json_bool(s.cms.key_usage_ok)
                  << ",\"pades_attributes\":" << json_bool(s.cms.pades_attributes)
                  << ",\"level\":" << json_string(s.level) << ",\"form\":" << json_string(s.form)
                  << ",\"signer_infos\":" << s.cms.signer_infos << ",\"signer_info\":" << s.cms.signer_info_index
                  << ",\"timestamp\":" << json_bool(s.cms.has_timestamp)
                  << ",\"timestamp_ok\":" << json_bool(s.cms.timestamp_ok)
                  << ",\"timestamp_time\":" << json_string(s.cms.timestamp_time) << ",\"revoked\":" << json_bool(s.revoked)
                  << ",\"revocation\":" << json_string(revocation_code(s.revocation)) << ",\"valid\":" << json_bool(s.valid())
                  << ",";
        print_json_verdict(s);
        print_json_problems(s);
        std::cout << "}";
        first = false;
    }
    std::cout << "\n],\"document_timestamps\":[";
    first = true;
    for (const SignatureVerdict& s : report.signatures) {
        if (!s.document_timestamp)
            continue;
        std::cout << (first ? "" : ",") << "\n {\"field\":" << json_string(s.pdf.field_name)
                  << ",\"tsa\":" << json_string(s.cms.tsa_name) << ",\"serial\":" << json_string(s.cms.signer_serial)
                  << ",\"time\":" << json_string(s.cms.timestamp_time) << ",\"sub_filter\":" << json_string(s.pdf.sub_filter)
                  << ",\"revision\":" << s.revision << ",\"covers_whole_file\":" << json_bool(s.covers_whole_file)
                  << ",\"byte_range_ok\":" << json_bool(s.pdf.byte_range_ok) << ",\"imprint_ok\":" << json_bool(s.cms.digest_ok)
                  << ",\"signature_ok\":" << json_bool(s.cms.signature_ok) << ",\"chain_ok\":" << json_bool(s.cms.chain_ok)
                  << ",\"certificate_valid_at_time\":" << json_bool(s.cms.certificate_valid_at_signing_time)
                  << ",\"timestamping_key_usage_ok\":" << json_bool(s.cms.key_usage_ok)
                  << ",\"valid\":" << json_bool(s.valid()) << ",";
        print_json_verdict(s);
        print_json_problems(s);
        std::cout << "}";
        first = false;
    }
    std::cout << "\n]}\n";
}

} // namespace

int run_verify(const Args& args) {
    po::options_description options(
        "kyso verify FILE.pdf [options]\n"
        "Kiểm tra mọi chữ ký số và dấu thời gian tài liệu trong tệp /\n"
        "verify every signature and document time-stamp in a PDF.\n"
        "\n"
        "Mỗi chữ ký nhận một trong ba kết luận / each signature gets one of three verdicts:\n"
        "  HỢP LỆ / valid: nội dung và chữ ký toàn vẹn, chứng thư dẫn tới CA tin cậy, không bị thu hồi,\n"
        "    có hiệu lực tại thời điểm ký được chứng minh (dấu thời gian) hoặc hiện tại /\n"
        "    intact, chains to a trust anchor, not revoked, valid at the proven signing time (else now).\n"
        "  TOÀN VẸN, CHƯA XÁC THỰC ĐƯỢC NGƯỜI KÝ / untrusted: nội dung, chữ ký và các thay đổi sau khi ký\n"
        "    đều đúng, nhưng chưa xác nhận được người ký: chứng thư không dẫn tới CA tin cậy (thêm CA phát\n"
        "    hành bằng --trust), tình trạng thu hồi không xác định, hoặc chứng thư đã hết hạn mà không có\n"
        "    dấu thời gian chứng minh chữ ký có trước đó / bytes, signature and later changes are sound but\n"
        "    the signer is not confirmed: no trust anchor (add the issuing CA with --trust), revocation\n"
        "    unknown, or the certificate expired with no time-stamp proving the signature is older.\n"
        "  KHÔNG HỢP LỆ / invalid: nội dung bị sửa, chữ ký hỏng, thay đổi không được phép sau khi ký,\n"
        "    chứng thư bị thu hồi hoặc không có hiệu lực tại thời điểm ký được chứng minh /\n"
        "    bytes changed, signature broken, forbidden change, revoked, or not valid at the proven time.\n"
        "Kết luận của tệp là kết luận xấu nhất của các chữ ký / the file's verdict is the worst of its\n"
        "signatures. Thu hồi chỉ xét theo OCSP/CRL kèm trong tệp (kyso ltv) / revocation is judged from\n"
        "the embedded OCSP/CRL only (kyso ltv adds them); without them it is reported as not checked.\n"
        "\n"
        "Mã thoát / exit status: 0 hợp lệ / valid; 11 toàn vẹn, chưa xác thực được người ký / untrusted;\n"
        "  1 không hợp lệ / invalid; 12 tệp không có chữ ký số / no signature in the file;\n"
        "  2 sai cách dùng / usage error; 3 tệp không đọc được hoặc không phải PDF / input unreadable or not a PDF.");
    options.add_options()
        ("help,h", "trợ giúp / this help")
        ("trust", po::value<std::vector<std::string>>(),
         "chứng thư gốc tin cậy (PEM, lặp lại được) / trust anchor PEM file (repeatable); default: the system store")
        ("json", "xuất JSON / JSON output");
    po::options_description hidden;
    hidden.add_options()("input", po::value<std::string>());
    po::options_description all;
    all.add(options).add(hidden);
    po::positional_options_description positional;
    positional.add("input", 1);
    po::variables_map vm;
    po::store(po::command_line_parser(args).options(all).positional(positional).run(), vm);
    if (vm.count("help")) {
        std::cout << options << "\n";
        return 0;
    }
    if (!vm.count("input")) {
        std::cerr << "Cách dùng / usage: kyso verify FILE.pdf [--trust CA.pem ...] [--json]\n";
        return 2;
    }
    std::vector<std::string> anchors;
    if (vm.count("trust"))
        anchors = vm["trust"].as<std::vector<std::string>>();
    VerifyReport report = verify_pdf(vm["input"].as<std::string>(), TrustStore(anchors));
    if (vm.count("json"))
        print_json(report);
    else
        print_text(report);
    return verify_exit_status(report.verdict());
}

} // namespace kyso::cli
