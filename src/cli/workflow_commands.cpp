// kyso prepare | sign-official | issue | sign-attachment | copy: the regulation's roles.
#include "cli/commands.hpp"
#include "cli/token_options.hpp"
#include "core/error.hpp"
#include "core/register/register_store.hpp"
#include "core/workflow/block_offers.hpp"
#include "core/workflow/issue_batch.hpp"
#include "core/workflow/ltv.hpp"
#include "core/workflow/roles.hpp"
#include "core/workflow/signing_preview.hpp"

#include <boost/program_options.hpp>

#include <cstdlib>
#include <iostream>

namespace po = boost::program_options;

namespace kyso::cli {
namespace {

/// Parses `args` with `options` plus a positional input; returns false after printing --help.
bool parse(const Args& args, const po::options_description& options, po::variables_map& vm) {
    po::options_description hidden;
    hidden.add_options()("input", po::value<std::string>());
    po::options_description all;
    all.add(options).add(hidden);
    po::positional_options_description positional;
    positional.add("input", 1);
    po::store(po::command_line_parser(args).options(all).positional(positional).run(), vm);
    if (vm.count("help")) {
        std::cout << options << "\n";
        return false;
    }
    return true;
}

po::options_description described(const std::string& usage) {
    po::options_description options(usage);
    options.add_options()("help,h", "trợ giúp / this help")(
        "output,o", po::value<std::string>(), "tệp kết quả / output PDF (never the input)");
    return options;
}

void print_signed(const SignResult& result) {
    std::cout << "Đã ký / Signed: " << result.output << "\n"
              << "  Người ký / Signer: " << result.signer_name << "\n"
              << "  Thời điểm ký / Signing time: " << result.signing_time_iso << "\n"
              << "  Dấu thời gian / Time-stamp: "
              << (result.timestamped ? "có / yes (PAdES B-T)" : "không / none (PAdES B-B)") << "\n";
}

CivilDate parse_date(const std::string& text) {
    CivilDate date;
    if (std::sscanf(text.c_str(), "%d-%d-%d", &date.year, &date.month, &date.day) != 3)
        throw Error(ErrorCode::BadArguments, "--date phải có dạng YYYY-MM-DD.", "--date must be YYYY-MM-DD.");
    return date;
}

// --attachment IN … with their --attachment-output OUT … (as many, in order) or the default names.
std::vector<AttachmentFile> attachment_files(const po::variables_map& vm, const std::string& issued_output) {
    std::vector<std::string> inputs, outputs;
    if (vm.count("attachment"))
        inputs = vm["attachment"].as<std::vector<std::string>>();
    if (vm.count("attachment-output"))
        outputs = vm["attachment-output"].as<std::vector<std::string>>();
    if (!outputs.empty() && outputs.size() != inputs.size())
        throw Error(ErrorCode::BadArguments,
                    "Số --attachment-output (" + std::to_string(outputs.size()) + ") phải bằng số --attachment (" +
                        std::to_string(inputs.size()) + ").",
                    "Give one --attachment-output per --attachment (" + std::to_string(outputs.size()) + " for " +
                        std::to_string(inputs.size()) + ").");
    std::vector<AttachmentFile> files;
    for (size_t i = 0; i < inputs.size(); ++i)
        files.push_back({inputs[i], outputs.empty() ? default_attachment_output(inputs[i], issued_output) : outputs[i]});
    return files;
}

// --preview PAGE.png: what the signing would look like, written instead of signing; no token.
void add_preview_option(po::options_description& options) {
    options.add_options()("preview", po::value<std::string>(),
                          "chỉ ghi ảnh PNG của trang sẽ ký, như sau khi ký (và PAGE-trang-N.png cho trang khác có số, "
                          "ngày); không ký, không cần token / only write a PNG of the page as it will look signed "
                          "(and PAGE-trang-N.png for another page with the number and date); signs nothing, needs no token");
}

void print_preview(const SigningPreview& preview, const std::string& png_path) {
    std::cout << "Xem trước / Preview: " << png_path << " (trang / page " << preview.picture.page << ", "
              << preview.picture.width << "×" << preview.picture.height << " px; ảnh / image at " << preview.image_box.x0
              << "," << preview.image_box.y0 << "–" << preview.image_box.x1 << "," << preview.image_box.y1
              << "). Chưa ký gì / nothing signed.\n";
    for (const FilledPage& filled : preview.filled_pages) // the number on page 1 when the seal is on page 2
        std::cout << "Xem trước / Preview: " << filled.png_path << " (trang / page " << filled.picture.page
                  << ", ô đã điền / fields filled).\n";
}

} // namespace

int run_prepare(const Args& args) {
    po::options_description options = described(
        "kyso prepare IN.pdf -o DRAFT.pdf\n"
        "Chuẩn bị dự thảo: thêm ô số, ngày, tháng và vị trí chữ ký / add the number and date fields and the signature place");
    po::variables_map vm;
    if (!parse(args, options, vm))
        return 0;
    require_options(vm, {"input", "output"}, "prepare");
    PrepareResult result = prepare_draft({vm["input"].as<std::string>(), vm["output"].as<std::string>()}, stderr_notices());
    std::cout << result.summary_vi << "\n" << result.summary_en << "\n" << "  → " << result.output << "\n";
    return 0;
}

int run_sign_official(const Args& args) {
    po::options_description options = described(
        "kyso sign-official DRAFT.pdf -o SIGNED.pdf --signature-image SIG.png [--signer \"FULL NAME\"] [--tsa URL] --token LABEL --cert LABEL|ID\n"
        "Người có thẩm quyền ký số (ô 7c) / the authorised official signs (box 7c)");
    options.add_options()("signature-image", po::value<std::string>(),
                          "ảnh chữ ký PNG màu xanh, nền trong suốt / blue transparent PNG of the signature")(
        "signer", po::value<std::string>(),
        "họ tên người ký như in trên văn bản (văn bản liên tịch) / the full name printed in the block signed (joint documents)");
    add_preview_option(options);
    add_tsa_options(options);
    add_token_options(options);
    po::variables_map vm;
    if (!parse(args, options, vm))
        return 0;
    bool preview = vm.count("preview") > 0;
    if (preview) // what the signing would look like needs no token
        require_options(vm, {"input", "output", "signature-image"}, "sign-official");
    else
        require_options(vm, {"input", "output", "signature-image", "token", "cert"}, "sign-official");
    OfficialSignOptions sign;
    sign.input = vm["input"].as<std::string>();
    sign.output = vm["output"].as<std::string>();
    sign.signature_image = vm["signature-image"].as<std::string>();
    if (vm.count("signer"))
        sign.signer = vm["signer"].as<std::string>();
    sign.timestamp = timestamp_request(vm);
    check_sign_paths(sign.input, sign.output);
    check_named_block(sign.input, BlockStep::SignOfficial, sign.signer); // before the PIN
    if (preview) {
        std::string png = vm["preview"].as<std::string>();
        print_preview(preview_official_signature(sign, png, stderr_notices()), png);
        return 0;
    }
    KeySigner signer = open_token_signer(vm);
    print_signed(sign_official(sign, signer, stderr_notices()));
    return 0;
}

int run_issue(const Args& args) {
    po::options_description options = described(
        "kyso issue SIGNED.pdf -o ISSUED.pdf [--number N] [--register PATH|postgresql://…] [--book NAME] --symbol QĐ-UBND --seal-image SEAL.png [--signer \"FULL NAME\"] [--attachment FILE.pdf …] [--tsa URL] --token LABEL --cert LABEL|ID\n"
        "Văn thư cấp số, ngày và ký số của cơ quan (ô 8), rồi ký số từng tệp đính kèm với cùng một lần nhập PIN /\n"
        "the clerk numbers, dates and signs for the organisation (box 8), then signs each attachment on the same login");
    options.add_options()
        ("number", po::value<int>(), "số văn bản; bỏ trống: lấy số kế tiếp trong sổ / number; omitted: the register's next")
        ("register", po::value<std::string>(), "sổ văn bản đi: tệp SQLite hoặc postgresql://… / the outgoing register")
        ("book", po::value<std::string>(), "sổ đăng ký (mặc định \"chung\") / register book (default \"chung\")")
        ("symbol", po::value<std::string>(), "ký hiệu / symbol, e.g. QĐ-UBND")
        ("date", po::value<std::string>(), "ngày ban hành YYYY-MM-DD (chỉ được là hôm nay) / issuance date (must be today)")
        ("seal-image", po::value<std::string>(), "ảnh con dấu PNG màu đỏ, nền trong suốt / red transparent PNG of the seal")
        ("seal-diameter-mm", po::value<double>(), "đường kính thật của dấu / the seal's real diameter in mm")
        ("trust", po::value<std::vector<std::string>>(), "chứng thư gốc tin cậy (PEM) / trust anchors for the official's signature")
        ("signer", po::value<std::string>(), "họ tên người ký của cơ quan này như in trên văn bản (văn bản liên tịch) / the "
                                             "full name printed in this organisation's block (joint documents)")
        ("attachment", po::value<std::vector<std::string>>(),
         "tệp đính kèm riêng, ký sau văn bản chính với ghi chú số của nó (lặp lại được; lỗi ở một tệp thì không tệp nào "
         "được ghi và số được trả lại sổ) / a separate-file attachment signed after the main document with its number's "
         "note (repeatable; all or nothing)")
        ("attachment-output", po::value<std::vector<std::string>>(),
         "tệp kết quả của từng tệp đính kèm, theo thứ tự; mặc định TÊN-ban-hanh.pdf cạnh ISSUED.pdf / each attachment's "
         "output, in order; default NAME-ban-hanh.pdf beside ISSUED.pdf");
    add_preview_option(options);
    add_tsa_options(options);
    add_token_options(options);
    po::variables_map vm;
    if (!parse(args, options, vm))
        return 0;
    bool preview = vm.count("preview") > 0;
    if (preview)
        require_options(vm, {"input", "output", "symbol", "seal-image"}, "issue");
    else
        require_options(vm, {"input", "output", "symbol", "seal-image", "token", "cert"}, "issue");
    IssueOptions issue;
    issue.input = vm["input"].as<std::string>();
    issue.output = vm["output"].as<std::string>();
    issue.number = vm.count("number") ? vm["number"].as<int>() : 0;
    // The register numbers the document unless a number is typed with no register configured.
    if (vm.count("register"))
        issue.register_location = vm["register"].as<std::string>();
    else if (!vm.count("number") || std::getenv("KYSO_REGISTER"))
        issue.register_location = default_register_location();
    if (vm.count("book"))
        issue.register_book = vm["book"].as<std::string>();
    issue.symbol = vm["symbol"].as<std::string>();
    if (vm.count("date"))
        issue.date = parse_date(vm["date"].as<std::string>());
    issue.seal_image = vm["seal-image"].as<std::string>();
    if (vm.count("seal-diameter-mm"))
        issue.seal_diameter_mm = vm["seal-diameter-mm"].as<double>();
    if (vm.count("trust"))
        issue.trust_anchors = vm["trust"].as<std::vector<std::string>>();
    if (vm.count("signer"))
        issue.signer = vm["signer"].as<std::string>();
    issue.timestamp = timestamp_request(vm);
    if (preview) {
        // The number the issuance would take: the register's next, not reserved by a preview.
        IssueOptions previewed = issue;
        if (previewed.number == 0 && !previewed.register_location.empty())
            previewed.number = next_number(*open_register(previewed.register_location), previewed.register_book,
                                           (previewed.date ? *previewed.date : vietnam_date(std::time(nullptr))).year);
        std::string png = vm["preview"].as<std::string>();
        print_preview(preview_issue_signature(previewed, png, stderr_notices()), png);
        return 0;
    }
    IssueBatchOptions batch;
    batch.issue = issue;
    batch.attachments = attachment_files(vm, issue.output);
    check_issue_batch(batch);
    check_named_block(issue.input, BlockStep::Issue, issue.signer);
    KeySigner signer = open_token_signer(vm, 1 + batch.attachments.size()); // one login for all
    IssueBatchResult issued = issue_with_attachments(batch, signer, stderr_notices());
    const IssueResult& result = issued.issued;
    print_signed(result.signature);
    std::cout << "  Số / Number: " << result.number_text << "\n  Ngày / Date: " << result.date_text << "\n";
    if (!issue.register_location.empty())
        std::cout << "  Đã vào sổ / Registered in book: " << issue.register_book << "\n";
    for (const SignResult& attachment : issued.attachments)
        std::cout << "  Tệp đính kèm / Attachment: " << attachment.output << "\n";
    return 0;
}

int run_sign_attachment(const Args& args) {
    po::options_description options = described(
        "kyso sign-attachment FILE.pdf -o OUT.pdf (--main ISSUED.pdf | --number N --symbol STTTT-VP) [--tsa URL] --token LABEL --cert LABEL|ID\n"
        "Ký số tệp đính kèm riêng / sign an attachment in a separate file");
    options.add_options()("main", po::value<std::string>(),
                          "văn bản chính đã phát hành: lấy số và ký hiệu như in trên đó / the issued main document: its "
                          "number and symbol as printed")(
        "number", po::value<int>(), "số văn bản chính / the main document's number")(
        "symbol", po::value<std::string>(), "ký hiệu như in, ví dụ STTTT-VP hoặc 2026/QĐ-UBND / the symbol as printed");
    add_tsa_options(options);
    add_token_options(options);
    po::variables_map vm;
    if (!parse(args, options, vm))
        return 0;
    require_options(vm, {"input", "output", "token", "cert"}, "sign-attachment");
    if (!vm.count("main"))
        require_options(vm, {"number", "symbol"}, "sign-attachment");
    AttachmentOptions sign;
    sign.input = vm["input"].as<std::string>();
    sign.output = vm["output"].as<std::string>();
    if (vm.count("main"))
        sign.main_document = vm["main"].as<std::string>();
    if (vm.count("number"))
        sign.number = vm["number"].as<int>();
    if (vm.count("symbol"))
        sign.symbol = vm["symbol"].as<std::string>();
    sign.timestamp = timestamp_request(vm);
    check_sign_paths(sign.input, sign.output);
    KeySigner signer = open_token_signer(vm);
    print_signed(sign_attachment(sign, signer, stderr_notices()));
    return 0;
}

int run_copy(const Args& args) {
    po::options_description options = described(
        "kyso copy IN.pdf -o OUT.pdf --form \"SAO Y\" --org \"…\" [--tsa URL] --token LABEL --cert LABEL|ID\n"
        "Sao văn bản điện tử (sao y, sao lục, trích sao) / electronic copy");
    options.add_options()("form", po::value<std::string>(), "SAO Y | SAO LỤC | TRÍCH SAO")(
        "org", po::value<std::string>(), "cơ quan thực hiện sao / the copying organisation");
    add_tsa_options(options);
    add_token_options(options);
    po::variables_map vm;
    if (!parse(args, options, vm))
        return 0;
    require_options(vm, {"input", "output", "form", "org", "token", "cert"}, "copy");
    CopyOptions copy;
    copy.input = vm["input"].as<std::string>();
    copy.output = vm["output"].as<std::string>();
    copy.form = vm["form"].as<std::string>();
    copy.organisation = vm["org"].as<std::string>();
    copy.timestamp = timestamp_request(vm);
    check_sign_paths(copy.input, copy.output);
    KeySigner signer = open_token_signer(vm);
    print_signed(sign_copy(copy, signer, stderr_notices()));
    return 0;
}

int run_ltv(const Args& args) {
    po::options_description options = described(
        "kyso ltv SIGNED.pdf -o LTV.pdf [--trust CA.pem …] [--tsa URL]\n"
        "Thêm dữ liệu xác thực dài hạn (DSS: chứng thư, OCSP, CRL) cho mọi chữ ký, bằng một cập nhật nối tiếp (PAdES B-LT);\n"
        "với --tsa, thêm tiếp dấu thời gian tài liệu niêm phong dữ liệu đó (PAdES B-LTA) /\n"
        "add long-term validation data (DSS: certificates, OCSP, CRLs) for every signature, as an incremental update\n"
        "(PAdES B-LT); with --tsa, then a document time-stamp that seals it (PAdES B-LTA)");
    options.add_options()
        ("trust", po::value<std::vector<std::string>>(),
         "CA gốc tin cậy của người ký và của TSA (PEM, lặp lại được) / trust anchor PEM for signers and TSA (repeatable)")
        ("timeout", po::value<int>()->default_value(15), "chờ mỗi máy chủ OCSP/CRL tối đa (giây) / wait bound per OCSP/CRL server")
        ("tsa", po::value<std::string>(),
         "máy chủ RFC 3161 cấp dấu thời gian tài liệu (PAdES B-LTA); không liên lạc được thì không ghi gì / "
         "RFC 3161 URL for a document time-stamp (PAdES B-LTA); if it fails nothing is written")
        ("tsa-timeout", po::value<int>()->default_value(15), "chờ TSA tối đa (giây) / TSA wait bound in seconds");
    po::variables_map vm;
    if (!parse(args, options, vm))
        return 0;
    require_options(vm, {"input", "output"}, "ltv");
    LtvOptions ltv;
    ltv.input = vm["input"].as<std::string>();
    ltv.output = vm["output"].as<std::string>();
    if (vm.count("trust"))
        ltv.trust = vm["trust"].as<std::vector<std::string>>();
    ltv.timeout_seconds = vm["timeout"].as<int>();
    if (vm.count("tsa"))
        ltv.archive_tsa = TsaConfig{vm["tsa"].as<std::string>(), vm["tsa-timeout"].as<int>()};
    LtvResult result = add_validation_data(ltv, stderr_notices());
    std::cout << "Đã thêm dữ liệu xác thực dài hạn / Long-term validation data added: " << result.output << "\n"
              << "  DSS: " << result.certs << " chứng thư / certificates, " << result.ocsps << " OCSP, " << result.crls
              << " CRL (" << result.bytes_added << " bytes)\n";
    if (result.archive_timestamp)
        std::cout << "  Dấu thời gian tài liệu / Document time-stamp: " << result.timestamp_time << " (" << result.tsa_name
                  << ")\n";
    for (size_t i = 0; i < result.levels.size(); ++i)
        std::cout << "  Chữ ký / Signature " << i + 1 << ": PAdES " << result.levels[i] << "\n";
    return 0;
}

} // namespace kyso::cli
