// kyso verify
#include "cli/commands.hpp"
#include "cli/json.hpp"
#include "core/pdf/pdf_date.hpp"
#include "core/workflow/verify_document.hpp"

#include <boost/program_options.hpp>

#include <iostream>

namespace po = boost::program_options;

namespace kyso::cli {
namespace {

const char* mark(bool ok) { return ok ? "ok" : "FAIL"; }

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

std::string local_time(const std::string& pdf_time) {
    auto when = parse_pdf_date(pdf_time);
    return when ? iso8601_local(*when) : "(không đọc được / unreadable)";
}

void print_text(const VerifyReport& report) {
    std::cout << "Tệp / File: " << report.path << " (" << report.file_size << " bytes, " << report.revisions
              << " phiên bản / revisions)\n";
    if (report.signatures.empty())
        std::cout << "Tệp không có chữ ký số nào / The file has no signature.\n";
    int n = 0;
    for (const SignatureVerdict& s : report.signatures) {
        ++n;
        std::cout << "\nChữ ký " << n << " / Signature " << n << ": trường / field \"" << s.pdf.field_name << "\""
                  << (s.pdf.page ? ", trang / page " + std::to_string(s.pdf.page) : "")
                  << (s.pdf.visible ? ", hiển thị / visible" : ", ẩn / invisible") << "\n"
                  << "  Người ký / Signer: " << (s.cms.signer_name.empty() ? s.pdf.name : s.cms.signer_name) << "\n"
                  << "    " << s.cms.signer_subject << " (serial " << s.cms.signer_serial << ")\n"
                  << "  Thời điểm ký / Signing time: " << local_time(s.pdf.signing_time) << "  (/M " << s.pdf.signing_time
                  << ")\n"
                  << "  Định dạng / Format: " << s.pdf.sub_filter << (s.level.empty() ? "" : " (PAdES " + s.level + ")") << "\n"
                  << "  Dấu thời gian / Time-stamp: "
                  << (!s.cms.has_timestamp ? std::string("không có / none")
                                           : s.cms.timestamp_time + " (" + s.cms.tsa_name + ") " + mark(s.cms.timestamp_ok))
                  << "\n"
                  << "  Phạm vi / Covers: phiên bản / revision " << s.revision << " of " << report.revisions
                  << (s.covers_whole_file ? ", toàn bộ tệp / the whole file" : ", không phải toàn bộ tệp / not the whole file")
                  << "\n"
                  << "  byte range " << mark(s.pdf.byte_range_ok) << " | digest " << mark(s.cms.digest_ok)
                  << " | signature " << mark(s.cms.signature_ok) << " | chain " << mark(s.cms.chain_ok)
                  << " | certificate valid at signing time " << mark(s.cms.certificate_valid_at_signing_time)
                  << " | key usage " << mark(s.cms.key_usage_ok) << "\n";
        for (const std::string& problem : s.cms.problems)
            std::cout << "  - " << problem << "\n";
        if (!s.pdf.byte_range_ok)
            std::cout << "  - " << s.pdf.byte_range_problem << "\n";
        print_modifications(s);
        for (const std::string& detail : s.ltv_details)
            std::cout << "  DSS: " << detail << "\n";
        std::cout << "  => " << (s.valid() ? "HỢP LỆ / VALID" : "KHÔNG HỢP LỆ / NOT VALID") << "\n";
    }
    if (!report.signatures.empty() && report.unsigned_tail_bytes > 0)
        std::cout << "\n! Sau chữ ký cuối có " << report.unsigned_tail_bytes
                  << " byte chưa được ký (nội dung thêm vào sau khi ký).\n  " << report.unsigned_tail_bytes
                  << " bytes follow the last signature unsigned.\n";
    if (report.dss_certs + report.dss_ocsps + report.dss_crls > 0)
        std::cout << "\nDữ liệu xác thực dài hạn / Long-term validation data (DSS): " << report.dss_certs
                  << " chứng thư / certificates, " << report.dss_ocsps << " OCSP, " << report.dss_crls << " CRL\n";
    size_t valid = 0;
    for (const SignatureVerdict& s : report.signatures)
        valid += s.valid();
    std::cout << "\nKết quả / Result: " << report.signatures.size() << " chữ ký / signatures, " << valid
              << " hợp lệ / valid\n";
}

void print_json(const VerifyReport& report) {
    std::cout << "{\"file\":" << json_string(report.path) << ",\"size\":" << report.file_size
              << ",\"revisions\":" << report.revisions << ",\"unsigned_tail_bytes\":" << report.unsigned_tail_bytes
              << ",\"all_valid\":" << json_bool(report.all_valid()) << ",\"signatures\":[";
    for (size_t i = 0; i < report.signatures.size(); ++i) {
        const SignatureVerdict& s = report.signatures[i];
        std::cout << (i ? "," : "") << "\n {\"field\":" << json_string(s.pdf.field_name)
                  << ",\"signer\":" << json_string(s.cms.signer_name) << ",\"subject\":" << json_string(s.cms.signer_subject)
                  << ",\"serial\":" << json_string(s.cms.signer_serial) << ",\"m\":" << json_string(s.pdf.signing_time)
                  << ",\"signing_time\":" << json_string(local_time(s.pdf.signing_time))
                  << ",\"sub_filter\":" << json_string(s.pdf.sub_filter) << ",\"page\":" << s.pdf.page
                  << ",\"visible\":" << json_bool(s.pdf.visible) << ",\"revision\":" << s.revision
                  << ",\"covers_whole_file\":" << json_bool(s.covers_whole_file)
                  << ",\"byte_range_ok\":" << json_bool(s.pdf.byte_range_ok) << ",\"digest_ok\":" << json_bool(s.cms.digest_ok)
                  << ",\"signature_ok\":" << json_bool(s.cms.signature_ok) << ",\"chain_ok\":" << json_bool(s.cms.chain_ok)
                  << ",\"certificate_valid_at_signing_time\":" << json_bool(s.cms.certificate_valid_at_signing_time)
                  << ",\"key_usage_ok\":" << json_bool(s.cms.key_usage_ok)
                  << ",\"pades_attributes\":" << json_bool(s.cms.pades_attributes)
                  << ",\"level\":" << json_string(s.level) << ",\"timestamp\":" << json_bool(s.cms.has_timestamp)
                  << ",\"timestamp_ok\":" << json_bool(s.cms.timestamp_ok)
                  << ",\"timestamp_time\":" << json_string(s.cms.timestamp_time) << ",\"revoked\":" << json_bool(s.revoked) << ",\"valid\":" << json_bool(s.valid())
                  << ",\"problems\":[";
        std::vector<std::string> problems = s.cms.problems;
        if (!s.pdf.byte_range_ok)
            problems.insert(problems.begin(), s.pdf.byte_range_problem);
        for (size_t p = 0; p < problems.size(); ++p)
            std::cout << (p ? "," : "") << json_string(problems[p]);
        std::cout << "]" << ",\"modifications_allowed\":" << json_bool(modifications_allowed(s.modifications))
                  << ",\"modifications\":[";
        for (size_t m = 0; m < s.modifications.size(); ++m) {
            const ModificationFinding& f = s.modifications[m];
            std::cout << (m ? "," : "") << "{\"revision\":" << f.revision << ",\"allowed\":" << json_bool(f.allowed)
                      << ",\"code\":" << json_string(f.code) << ",\"page\":" << f.page
                      << ",\"field\":" << json_string(f.field) << ",\"vi\":" << json_string(f.vi)
                      << ",\"en\":" << json_string(f.en) << "}";
        }
        std::cout << "]}";
    }
    std::cout << "\n]}\n";
}

} // namespace

int run_verify(const Args& args) {
    po::options_description options("kyso verify FILE.pdf [options]\n"
                                    "Kiểm tra mọi chữ ký số trong tệp / verify every signature in a PDF.\n"
                                    "Exit 0 only when there is at least one signature and every one is valid.");
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
    return report.all_valid() ? 0 : 1;
}

} // namespace kyso::cli
