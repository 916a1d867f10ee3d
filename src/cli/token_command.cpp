// kyso token list
#include "cli/commands.hpp"
#include "cli/json.hpp"
#include "core/token/token.hpp"

#include <boost/program_options.hpp>

#include <iostream>

namespace po = boost::program_options;

namespace kyso::cli {

void print_notice(const std::string& vi, const std::string& en) {
    std::cerr << "! " << vi << "\n  " << en << "\n";
}

namespace {

void print_json(const std::vector<TokenInfo>& tokens) {
    std::cout << "[";
    for (size_t t = 0; t < tokens.size(); ++t) {
        const TokenInfo& token = tokens[t];
        std::cout << (t ? "," : "") << "\n {\"label\":" << json_string(token.label)
                  << ",\"manufacturer\":" << json_string(token.manufacturer) << ",\"model\":" << json_string(token.model)
                  << ",\"serial\":" << json_string(token.serial) << ",\"pin_count_low\":" << json_bool(token.pin_count_low)
                  << ",\"pin_final_try\":" << json_bool(token.pin_final_try)
                  << ",\"pin_locked\":" << json_bool(token.pin_locked) << ",\"certificates\":[";
        for (size_t c = 0; c < token.certificates.size(); ++c) {
            const TokenCertificate& cert = token.certificates[c];
            std::cout << (c ? "," : "") << "\n  {\"label\":" << json_string(cert.label) << ",\"id\":" << json_string(cert.id_hex)
                      << ",\"subject\":" << json_string(cert.subject) << ",\"common_name\":" << json_string(cert.common_name)
                      << ",\"issuer\":" << json_string(cert.issuer) << ",\"serial\":" << json_string(cert.serial_hex)
                      << ",\"not_before\":" << json_string(cert.not_before) << ",\"not_after\":" << json_string(cert.not_after)
                      << ",\"key_usage\":" << json_string(cert.key_usage) << ",\"key_type\":" << json_string(cert.key_type)
                      << ",\"can_sign\":" << json_bool(cert.can_sign) << "}";
        }
        std::cout << "]}";
    }
    std::cout << "\n]\n";
}

void print_text(const std::vector<TokenInfo>& tokens, const std::string& module) {
    if (tokens.empty()) {
        std::cout << "Không thấy thiết bị ký số nào (module " << module << "). Hãy cắm thiết bị.\n"
                  << "No token found (module " << module << "). Plug one in.\n";
        return;
    }
    for (const TokenInfo& token : tokens) {
        std::cout << "Thiết bị / Token: \"" << token.label << "\"  (" << token.manufacturer << " " << token.model
                  << ", serial " << token.serial << ")\n";
        if (token.pin_locked)
            std::cout << "  ! PIN đã bị khoá / PIN locked\n";
        else if (token.pin_final_try)
            std::cout << "  ! Chỉ còn một lần nhập PIN / one PIN try left\n";
        else if (token.pin_count_low)
            std::cout << "  ! Đã có lần nhập PIN sai / failed PIN attempts recorded\n";
        for (const TokenCertificate& cert : token.certificates) {
            std::cout << "  Chứng thư / Certificate: label \"" << cert.label << "\", id " << cert.id_hex << "\n"
                      << "    Chủ thể / Subject: " << cert.subject << "\n"
                      << "    Cấp bởi / Issuer:  " << cert.issuer << "\n"
                      << "    Số hiệu / Serial:  " << cert.serial_hex << "\n"
                      << "    Hiệu lực / Valid:  " << cert.not_before << " → " << cert.not_after << "\n"
                      << "    Khoá / Key: " << cert.key_type << "; mục đích / key usage: "
                      << (cert.key_usage.empty() ? "(không giới hạn / unrestricted)" : cert.key_usage)
                      << (cert.can_sign ? "" : "  [không dùng để ký / not for signing]") << "\n";
        }
    }
}

} // namespace

int run_token(const Args& args) {
    po::options_description options("kyso token list [options]\n"
                                    "Liệt kê thiết bị ký số và chứng thư / list tokens and certificates");
    options.add_options()
        ("help,h", "trợ giúp / this help")
        ("module", po::value<std::string>()->default_value(""),
         "thư viện PKCS#11 / PKCS#11 module (default: $KYSO_PKCS11_MODULE, else p11-kit-proxy.so)")
        ("json", "xuất JSON / JSON output");
    po::options_description hidden;
    hidden.add_options()("action", po::value<std::string>());
    po::options_description all;
    all.add(options).add(hidden);
    po::positional_options_description positional;
    positional.add("action", 1);
    po::variables_map vm;
    po::store(po::command_line_parser(args).options(all).positional(positional).run(), vm);
    if (vm.count("help")) {
        std::cout << options << "\n";
        return 0;
    }
    if (!vm.count("action") || vm["action"].as<std::string>() != "list") {
        std::cerr << "Cách dùng / usage: kyso token list [--module PATH] [--json]\n";
        return 2;
    }
    std::string module = resolve_module_path(vm["module"].as<std::string>());
    TokenModule tokens(module);
    std::vector<TokenInfo> list = tokens.list_tokens();
    if (vm.count("json"))
        print_json(list);
    else
        print_text(list, module);
    return 0;
}

} // namespace kyso::cli
