// kyso sign
#include "cli/commands.hpp"
#include "cli/pin_prompt.hpp"
#include "core/crypto/chain.hpp"
#include "core/error.hpp"
#include "core/token/token.hpp"
#include "core/workflow/sign_document.hpp"

#include <boost/algorithm/string.hpp>
#include <boost/program_options.hpp>

#include <iostream>

namespace po = boost::program_options;

namespace kyso::cli {
namespace {

PageRect parse_rect(const std::string& text) {
    std::vector<std::string> parts;
    boost::split(parts, text, boost::is_any_of(","));
    PageRect rect;
    try {
        if (parts.size() != 4)
            throw std::invalid_argument("count");
        rect = {std::stod(parts[0]), std::stod(parts[1]), std::stod(parts[2]), std::stod(parts[3])};
    } catch (const std::exception&) {
        throw Error(ErrorCode::BadArguments, "--rect phải có dạng x,y,rộng,cao (đơn vị point, gốc ở góc dưới trái trang).",
                    "--rect must be x,y,width,height in PDF points from the page's bottom-left corner.");
    }
    return rect;
}

void add_chain_file(KeySigner& signer, const std::string& path) {
    std::vector<ossl::X509Ptr> extra = ossl::read_pem_certificates(path);
    std::vector<const X509*> candidates;
    for (const ossl::X509Ptr& cert : signer.chain())
        candidates.push_back(cert.get());
    for (const ossl::X509Ptr& cert : extra)
        candidates.push_back(cert.get());
    signer.set_chain(issuer_chain(signer.certificate(), candidates));
}

} // namespace

int run_sign(const Args& args) {
    po::options_description options(
        "kyso sign IN.pdf -o OUT.pdf --token LABEL --cert LABEL|ID [options]\n"
        "Ký số tệp PDF (PAdES, cập nhật nối tiếp) / sign a PDF (PAdES, incremental update)");
    options.add_options()
        ("help,h", "trợ giúp / this help")
        ("output,o", po::value<std::string>(), "tệp kết quả / output PDF (never the input)")
        ("module", po::value<std::string>()->default_value(""),
         "thư viện PKCS#11 / PKCS#11 module (default: $KYSO_PKCS11_MODULE, else p11-kit-proxy.so)")
        ("token", po::value<std::string>(), "nhãn thiết bị / token label")
        ("cert", po::value<std::string>(), "nhãn, id (hex) hoặc một phần tên chứng thư / certificate label, id or subject")
        ("pin-env", po::value<std::string>()->default_value(""),
         "đọc PIN từ biến môi trường này / read the PIN from this environment variable (else asked on the terminal)")
        ("final-try", "cho phép dùng lần nhập PIN cuối cùng / allow the last PIN try")
        ("chain", po::value<std::string>(), "tệp PEM chứa chuỗi chứng thư / PEM file with the CA chain to include")
        ("page", po::value<int>()->default_value(1), "trang đặt chữ ký (từ 1) / page of the visible signature")
        ("rect", po::value<std::string>(), "x,y,w,h in points from the page's bottom-left")
        ("image", po::value<std::string>(), "ảnh PNG nền trong suốt / transparent PNG to draw")
        ("text", po::value<std::vector<std::string>>(), "dòng chữ hiển thị (lặp lại được) / text line (repeatable)")
        ("invisible", "chữ ký không hiển thị / invisible signature")
        ("field", po::value<std::string>()->default_value(""), "tên trường chữ ký / signature field name")
        ("reason", po::value<std::string>()->default_value(""), "lý do ký / /Reason")
        ("location", po::value<std::string>()->default_value(""), "nơi ký / /Location");
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
    for (const char* required : {"input", "output", "token", "cert"})
        if (!vm.count(required))
            throw Error(ErrorCode::BadArguments, std::string("Thiếu tham số ") + required + ". Xem: kyso sign --help",
                        std::string("Missing ") + required + ". See: kyso sign --help");

    SignOptions sign;
    sign.input = vm["input"].as<std::string>();
    sign.output = vm["output"].as<std::string>();
    sign.field_name = vm["field"].as<std::string>();
    sign.reason = vm["reason"].as<std::string>();
    sign.location = vm["location"].as<std::string>();
    bool wants_visible = vm.count("rect") || vm.count("image") || vm.count("text");
    if (vm.count("invisible") && wants_visible)
        throw Error(ErrorCode::BadArguments, "--invisible không đi cùng --rect/--image/--text.",
                    "--invisible cannot be combined with --rect/--image/--text.");
    if (wants_visible) {
        if (!vm.count("rect"))
            throw Error(ErrorCode::BadArguments, "Chữ ký hiển thị cần --rect x,y,w,h.",
                        "A visible signature needs --rect x,y,w,h.");
        VisibleSignature visible;
        visible.page = vm["page"].as<int>();
        visible.rect = parse_rect(vm["rect"].as<std::string>());
        if (vm.count("image"))
            visible.image_path = vm["image"].as<std::string>();
        if (vm.count("text"))
            for (const std::string& text : vm["text"].as<std::vector<std::string>>()) {
                std::vector<std::string> lines;
                boost::split(lines, text, boost::is_any_of("\n"));
                visible.text_lines.insert(visible.text_lines.end(), lines.begin(), lines.end());
            }
        sign.visible = visible;
    }

    // Check the inexpensive things before the PIN is asked: input present, output distinct.
    std::string module = resolve_module_path(vm["module"].as<std::string>());
    TokenModule tokens(module);
    CertificateQuery query{vm["token"].as<std::string>(), vm["cert"].as<std::string>()};
    TokenInfo token = tokens.token_info(query.token_label);
    if (token.pin_count_low && !token.pin_final_try)
        print_notice("Thiết bị báo đã có lần nhập PIN sai; hãy nhập cẩn thận.",
                     "The token reports failed PIN attempts; type carefully.");
    Secret pin;
    if (!token.pin_locked && (!token.pin_final_try || vm.count("final-try")))
        pin = read_pin(vm["pin-env"].as<std::string>(),
                       "Nhập PIN thiết bị \"" + query.token_label + "\" / PIN for token \"" + query.token_label + "\": ");
    NoticeSink notices = [](const Notice& n) { print_notice(n.vi, n.en); };
    KeySigner signer = tokens.open_signer(query, std::move(pin), vm.count("final-try") > 0, notices);
    if (vm.count("chain"))
        add_chain_file(signer, vm["chain"].as<std::string>());

    SignResult result = sign_pdf(sign, signer, notices);
    std::cout << "Đã ký / Signed: " << result.output << "\n"
              << "  Người ký / Signer: " << result.signer_name << "\n"
              << "  Thời điểm ký / Signing time: " << result.signing_time_iso << "\n"
              << "  Thêm / Added: " << result.bytes_added << " bytes (input " << result.input_size << " bytes kept as is)\n";
    return 0;
}

} // namespace kyso::cli
