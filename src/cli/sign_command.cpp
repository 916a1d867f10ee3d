// kyso sign
#include "cli/commands.hpp"
#include "cli/token_options.hpp"
#include "core/error.hpp"
#include "core/workflow/sign_document.hpp"

#include <boost/algorithm/string.hpp>
#include <boost/program_options.hpp>

#include <charconv>
#include <iostream>

namespace po = boost::program_options;

namespace kyso::cli {
namespace {

PageRect parse_rect(const std::string& text) {
    std::vector<std::string> parts;
    boost::split(parts, text, boost::is_any_of(","));
    double values[4] = {};
    bool ok = parts.size() == 4;
    for (size_t i = 0; ok && i < 4; ++i) {
        const std::string& part = parts[i];
        auto [end, error] = std::from_chars(part.data(), part.data() + part.size(), values[i]);
        ok = error == std::errc() && end == part.data() + part.size(); // the whole text is the number
    }
    if (!ok)
        throw Error(ErrorCode::BadArguments, "--rect phải có dạng x,y,rộng,cao (đơn vị point, gốc ở góc dưới trái trang).",
                    "--rect must be x,y,width,height in PDF points from the page's bottom-left corner.");
    return {values[0], values[1], values[2], values[3]};
}

} // namespace

int run_sign(const Args& args) {
    po::options_description options(
        "kyso sign IN.pdf -o OUT.pdf --token LABEL --cert LABEL|ID [options]\n"
        "Ký số tệp PDF (PAdES, cập nhật nối tiếp) / sign a PDF (PAdES, incremental update)");
    options.add_options()
        ("help,h", "trợ giúp / this help")
        ("output,o", po::value<std::string>(), "tệp kết quả / output PDF (never the input)")
        ("page", po::value<int>(), "trang đặt chữ ký (từ 1, mặc định 1) / page of the visible signature (default 1)")
        ("rect", po::value<std::string>(), "vị trí x,y,rộng,cao tính bằng point từ góc dưới trái trang / x,y,w,h in points from the page's bottom-left")
        ("image", po::value<std::string>(), "ảnh PNG nền trong suốt / transparent PNG to draw")
        ("text", po::value<std::vector<std::string>>(), "dòng chữ hiển thị (lặp lại được) / text line (repeatable)")
        ("invisible", "chữ ký không hiển thị / invisible signature")
        ("field", po::value<std::string>()->default_value(""), "tên trường chữ ký / signature field name")
        ("reason", po::value<std::string>()->default_value(""), "lý do ký / /Reason")
        ("location", po::value<std::string>()->default_value(""), "nơi ký / /Location");
    add_tsa_options(options);
    add_token_options(options);
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
    require_options(vm, {"input", "output", "token", "cert"}, "sign");

    SignOptions sign;
    sign.input = vm["input"].as<std::string>();
    sign.output = vm["output"].as<std::string>();
    sign.field_name = vm["field"].as<std::string>();
    sign.reason = vm["reason"].as<std::string>();
    sign.location = vm["location"].as<std::string>();
    bool wants_visible = vm.count("rect") || vm.count("image") || vm.count("text") || vm.count("page");
    if (vm.count("invisible") && wants_visible)
        throw Error(ErrorCode::BadArguments, "--invisible không đi cùng --page/--rect/--image/--text.",
                    "--invisible cannot be combined with --page/--rect/--image/--text.");
    if (wants_visible) {
        if (!vm.count("rect"))
            throw Error(ErrorCode::BadArguments, "Chữ ký hiển thị cần --rect x,y,w,h.",
                        "A visible signature needs --rect x,y,w,h.");
        VisibleSignature visible;
        visible.page = vm.count("page") ? vm["page"].as<int>() : 1;
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

    TimestampRequest tsa = timestamp_request(vm);
    if (!tsa.tsa_url.empty()) {
        sign.tsa = TsaConfig{tsa.tsa_url, tsa.timeout_seconds};
        sign.tsa_trust = tsa.trust;
        sign.allow_no_timestamp = tsa.allow_without;
    }

    // Everything that can fail on the arguments fails before the PIN is asked; the module
    // loads meanwhile.
    PendingModule module = load_token_module(vm);
    PreparedSigning prepared = prepare_signing(sign); // the input's one parse
    KeySigner signer = open_token_signer(vm, std::move(module));
    SignResult result = sign_pdf(std::move(prepared), signer, stderr_notices());
    std::cout << "Đã ký / Signed: " << result.output << "\n"
              << "  Người ký / Signer: " << result.signer_name << "\n"
              << "  Thời điểm ký / Signing time: " << result.signing_time_iso << "\n"
              << "  Dấu thời gian / Time-stamp: "
              << (result.timestamped ? "có / yes (PAdES B-T)" : "không / none (PAdES B-B)") << "\n"
              << "  Thêm / Added: " << result.bytes_added << " bytes (input " << result.input_size << " bytes kept as is)\n";
    return 0;
}

} // namespace kyso::cli
