#include "cli/token_options.hpp"

#include "cli/commands.hpp"
#include "cli/pin_prompt.hpp"
#include "core/crypto/chain.hpp"
#include "core/error.hpp"
#include "core/token/token.hpp"

namespace po = boost::program_options;

namespace kyso::cli {
namespace {

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

void add_token_options(po::options_description& options) {
    options.add_options()
        ("module", po::value<std::string>()->default_value(""),
         "thư viện PKCS#11 / PKCS#11 module (default: $KYSO_PKCS11_MODULE, else p11-kit-proxy.so)")
        ("token", po::value<std::string>(), "nhãn thiết bị / token label")
        ("cert", po::value<std::string>(), "nhãn, id (hex) hoặc một phần tên chứng thư / certificate label, id or subject")
        ("pin-env", po::value<std::string>()->default_value(""),
         "đọc PIN từ biến môi trường này / read the PIN from this environment variable (else asked on the terminal)")
        ("final-try", "cho phép dùng lần nhập PIN cuối cùng / allow the last PIN try")
        ("chain", po::value<std::string>(), "tệp PEM chứa chuỗi chứng thư / PEM file with the CA chain to include");
}

void add_tsa_options(po::options_description& options) {
    options.add_options()
        ("tsa", po::value<std::string>(), "máy chủ cấp dấu thời gian RFC 3161 (PAdES B-T) / RFC 3161 time-stamp URL (PAdES B-T)")
        ("tsa-trust", po::value<std::vector<std::string>>(),
         "CA gốc tin cậy của TSA (PEM, lặp lại được) / TSA trust anchor PEM (repeatable); default: the system store")
        ("tsa-timeout", po::value<int>()->default_value(15), "chờ TSA tối đa (giây) / TSA wait bound in seconds")
        ("allow-no-timestamp", "TSA lỗi thì vẫn ký, không có dấu thời gian / if the TSA fails, sign without a time-stamp");
}

TimestampRequest timestamp_request(const po::variables_map& vm) {
    TimestampRequest request;
    if (!vm.count("tsa")) {
        if (vm.count("allow-no-timestamp") || vm.count("tsa-trust"))
            throw Error(ErrorCode::BadArguments, "--allow-no-timestamp và --tsa-trust cần --tsa URL.",
                        "--allow-no-timestamp and --tsa-trust need --tsa URL.");
        return request;
    }
    request.tsa_url = vm["tsa"].as<std::string>();
    if (vm.count("tsa-trust"))
        request.trust = vm["tsa-trust"].as<std::vector<std::string>>();
    request.timeout_seconds = vm["tsa-timeout"].as<int>();
    request.allow_without = vm.count("allow-no-timestamp") > 0;
    return request;
}

NoticeSink stderr_notices() {
    return [](const Notice& n) { print_notice(n.vi, n.en); };
}

void require_options(const po::variables_map& vm, std::initializer_list<const char*> names, const std::string& command) {
    for (const char* name : names) {
        if (vm.count(name))
            continue;
        if (std::string(name) == "input")
            throw Error(ErrorCode::BadArguments, "Thiếu tệp PDF đầu vào. Xem: kyso " + command + " --help",
                        "Missing the input PDF. See: kyso " + command + " --help");
        throw Error(ErrorCode::BadArguments,
                        std::string("Thiếu tham số --") + name + ". Xem: kyso " + command + " --help",
                        std::string("Missing --") + name + ". See: kyso " + command + " --help");
    }
}

PendingModule load_token_module(const po::variables_map& vm) {
    std::string requested = vm["module"].as<std::string>();
    return std::async(std::launch::async,
                      [requested] { return std::make_unique<TokenModule>(resolve_module_path(requested)); });
}

KeySigner open_token_signer(const po::variables_map& vm, size_t signatures) {
    return open_token_signer(vm, load_token_module(vm), signatures);
}

KeySigner open_token_signer(const po::variables_map& vm, PendingModule pending, size_t signatures) {
    std::unique_ptr<TokenModule> loaded = pending.get();
    TokenModule& tokens = *loaded;
    CertificateQuery query{vm["token"].as<std::string>(), vm["cert"].as<std::string>()};
    TokenInfo token = tokens.token_info(query.token_label);
    NoticeSink notices = stderr_notices();
    if (token.pin_count_low && !token.pin_final_try && !token.pin_locked) {
        // Said here, before the PIN is typed; the core's same warning after it is dropped.
        print_notice("Cảnh báo: thiết bị báo đã có lần nhập PIN sai; còn ít lần thử trước khi bị khoá. Hãy nhập cẩn thận.",
                     "Warning: the token reports failed PIN attempts; few tries are left before it locks. Type carefully.");
        notices = [](const Notice& n) {
            if (n.en.find("failed PIN attempts") == std::string::npos)
                print_notice(n.vi, n.en);
        };
    }
    bool final_try = vm.count("final-try") > 0;
    Secret pin;
    // A locked token, or a final try without consent, is refused by open_signer without a PIN.
    if (!token.pin_locked && (!token.pin_final_try || final_try))
        pin = read_pin(vm["pin-env"].as<std::string>(),
                       "Nhập PIN thiết bị \"" + query.token_label + "\" / PIN for token \"" + query.token_label + "\": ");
    KeySigner signer = tokens.open_signer(query, std::move(pin), final_try, notices);
    if (vm.count("chain"))
        add_chain_file(signer, vm["chain"].as<std::string>());
    signer.release_after_signing(signatures); // log out right after the command's last signature
    return signer;
}

} // namespace kyso::cli
