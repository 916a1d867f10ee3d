// kyso: sign and verify Vietnamese administrative PDFs on PKCS#11 tokens.
#include "cli/commands.hpp"
#include "core/error.hpp"

#include <boost/program_options/errors.hpp>

#include <iostream>

namespace {

constexpr const char* kUsage = R"(kyso — ký số văn bản hành chính PDF trên thiết bị ký số (PKCS#11)
kyso — sign Vietnamese administrative PDFs with a PKCS#11 token

Cách dùng / Usage:
  kyso token list   [--module PATH] [--json]
  kyso sign IN.pdf -o OUT.pdf --token LABEL --cert LABEL|ID [--pin-env VAR] [...]
  kyso verify FILE.pdf [--trust CA.pem ...] [--json]
  kyso prepare IN.pdf -o DRAFT.pdf
  kyso sign-official DRAFT.pdf -o SIGNED.pdf --signature-image SIG.png [--tsa URL] --token LABEL --cert LABEL|ID
  kyso issue SIGNED.pdf -o ISSUED.pdf [--number N] [--register PATH|postgresql://…] --symbol QĐ-UBND --seal-image SEAL.png [--tsa URL] --token … --cert …
  kyso sign-attachment FILE.pdf -o OUT.pdf --number N --symbol QĐ-UBND [--tsa URL] --token … --cert …
  kyso copy IN.pdf -o OUT.pdf --form "SAO Y" --org "…" [--tsa URL] --token … --cert …
  kyso register list|next|export --ods FILE|void …   sổ văn bản đi / the outgoing register
  kyso ltv SIGNED.pdf -o LTV.pdf [--trust CA.pem …] [--tsa URL]   dữ liệu xác thực dài hạn (DSS), với --tsa thêm dấu thời gian tài liệu /
                                                    long-term validation data (DSS, B-LT); --tsa adds a document time-stamp (B-LTA)
  kyso <command> --help     chi tiết từng lệnh / details of each command
  kyso --version

Mã thoát / Exit status:
  0  thành công / success (verify: every signature valid — hợp lệ)
  1  verify: có chữ ký không hợp lệ / at least one signature is invalid (changed, broken, revoked, …)
  2  sai cách dùng / usage error
  3  tệp vào không đọc được, không phải PDF hoặc đã chứng thực cấm thay đổi / input unreadable, damaged,
     not a PDF, encrypted, or certified against any change (DocMDP P=1)
  4  ảnh không dùng được / unusable image
  5  không ghi được tệp ra / output cannot be written (same as input, read-only, disk full)
  6  không thấy module, thiết bị hoặc chứng thư / module, token or certificate not found
  7  PIN sai hoặc thiết bị bị khoá / wrong PIN, or token locked (or final try refused)
  8  chứng thư bị từ chối / certificate refused (expired, not yet valid, no signing usage)
  9  ký thất bại / signing failed
  10 tệp vừa ký không kiểm tra được, đã huỷ / the signed file did not verify and was discarded;
     phát hành: chữ ký của người có thẩm quyền chưa hợp lệ / issue: the official's signature is not valid
  11 verify: toàn vẹn, chưa xác thực được người ký / intact, but a signer is not confirmed (untrusted:
     no trust anchor — add the issuing CA with --trust —, revocation unknown, or expired without a time-stamp)
  12 verify: tệp không có chữ ký số / the file has no signature
  70 lỗi nội bộ / internal error
)";

} // namespace

int main(int argc, char** argv) {
    kyso::cli::Args args(argv + 1, argv + argc);
    if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
        std::cout << kUsage;
        return args.empty() ? 2 : 0;
    }
    if (args[0] == "--version") {
        std::cout << "kyso " << KYSO_VERSION << "\n";
        return 0;
    }
    std::string command = args[0];
    args.erase(args.begin());
    try {
        if (command == "token")
            return kyso::cli::run_token(args);
        if (command == "sign")
            return kyso::cli::run_sign(args);
        if (command == "verify")
            return kyso::cli::run_verify(args);
        if (command == "prepare")
            return kyso::cli::run_prepare(args);
        if (command == "sign-official")
            return kyso::cli::run_sign_official(args);
        if (command == "issue")
            return kyso::cli::run_issue(args);
        if (command == "sign-attachment")
            return kyso::cli::run_sign_attachment(args);
        if (command == "copy")
            return kyso::cli::run_copy(args);
        if (command == "ltv")
            return kyso::cli::run_ltv(args);
        if (command == "register")
            return kyso::cli::run_register(args);
        std::cerr << "Lệnh không có: " << command << " / Unknown command: " << command << "\n\n" << kUsage;
        return 2;
    } catch (const kyso::Error& error) {
        std::cerr << "kyso: " << error.describe() << "\n";
        return kyso::exit_status(error.code());
    } catch (const boost::program_options::error& error) {
        std::cerr << "kyso " << command << ": tham số sai / bad option: " << error.what() << "\n"
                  << "Xem / see: kyso " << command << " --help\n";
        return 2;
    } catch (const std::exception& error) {
        std::cerr << "kyso: lỗi nội bộ / internal error: " << error.what() << "\n";
        return 70;
    }
}
