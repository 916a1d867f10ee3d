// The `kyso` command line, run as a user runs it: the real binary, the SoftHSM2 test token
// (through the default p11-kit proxy unless a test says --module), the generated corpus.
//
// Every refusal is held to one contract (expect_failure): the exit status documented in
// src/cli/main.cpp, a message with a Vietnamese and an English fragment on stderr, no output
// file, no ".NAME.kyso-XXXXXX" temporary left beside it, and the input byte-for-byte unchanged.
#include "core/image/png_image.hpp"
#include "support/files.hpp"
#include "support/process.hpp"
#include "support/test_env.hpp"

#include <gtest/gtest.h>

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <random>
#include <regex>

namespace kyso::test {
namespace {

namespace fs = std::filesystem;
using Strings = std::vector<std::string>;

// Exit statuses, as documented by `kyso --help` (src/cli/main.cpp).
constexpr int kOk = 0, kNotValid = 1, kUsage = 2, kBadInput = 3, kBadImage = 4, kBadOutput = 5, kNotFound = 6,
              kBadPin = 7, kCertRefused = 8, kNoSignature = 12;

const TestEnv& env() { return TestEnv::get(); }

bool contains(const std::string& text, const std::string& fragment) { return text.find(fragment) != std::string::npos; }

std::string joined(const Strings& args) {
    std::string text = "kyso";
    for (const std::string& arg : args)
        text += " " + arg;
    return text;
}

RunResult kyso(Strings args, const Strings& extra_env = {}) {
    args.insert(args.begin(), env().kyso_bin);
    return run(args, extra_env);
}

std::string digest_or_absent(const std::string& path) {
    return fs::exists(path) ? sha256_file(path) : "(absent)";
}

/// The temporaries AtomicOutput writes beside an output (".NAME.kyso-XXXXXX") still in `folder`.
Strings temp_leftovers(const fs::path& folder) {
    Strings found;
    std::error_code ec;
    if (!fs::is_directory(folder, ec))
        return found;
    for (const fs::directory_entry& entry : fs::directory_iterator(folder, ec)) {
        std::string name = entry.path().filename().string();
        if (name.front() == '.' && contains(name, ".kyso-"))
            found.push_back(entry.path().string());
    }
    return found;
}

/// "%PDF-1.7" followed by 8 KiB of (reproducible) random bytes.
std::string random_bytes_with_pdf_header() {
    std::mt19937 random(20240501);
    std::string bytes = "%PDF-1.7\n";
    for (int i = 0; i < 8192; ++i)
        bytes += static_cast<char>(random() & 0xFF);
    return bytes;
}

class Cli : public ::testing::Test {
protected:
    fs::path dir_;          ///< this test's scratch folder
    std::string input_;     ///< the PDF a failing command must leave untouched
    std::string output_;    ///< the path a failing command must not create
    bool output_exists_ = false; ///< output_ exists beforehand (an alias of the input, a folder)

    void SetUp() override {
        dir_ = env().scratch();
        input_ = copy_corpus("lo-classic.pdf");
        output_ = path("out.pdf");
    }

    std::string path(const std::string& name) const { return (dir_ / name).string(); }

    std::string copy_corpus(const std::string& name, const std::string& as = "in.pdf") const {
        fs::copy_file(env().corpus(name), dir_ / as, fs::copy_options::overwrite_existing);
        return path(as);
    }

    std::string make_png(const std::string& name) const {
        write_png(path(name), 300, 100, blue_signature_pixels(300, 100), 300);
        return path(name);
    }

    /// kyso sign input_ -o output_ --token T --cert C --pin-env V EXTRA...
    Strings sign_args(const Strings& extra = {}, const std::string& cert = "binh", const std::string& token = {},
                      const std::string& pin_env = "KYSO_TEST_USER_PIN") const {
        Strings args{"sign",   input_, "-o",        output_, "--token", token.empty() ? env().token_label : token,
                     "--cert", cert,   "--pin-env", pin_env};
        args.insert(args.end(), extra.begin(), extra.end());
        return args;
    }

    /// Runs a command that must be refused and checks the whole failure contract.
    RunResult expect_failure(const Strings& args, int status, const Strings& fragments,
                             const Strings& extra_env = {}) {
        SCOPED_TRACE(joined(args));
        std::string before = digest_or_absent(input_);
        RunResult result = kyso(args, extra_env);
        EXPECT_EQ(result.status, status) << "stderr:\n" << result.err << "stdout:\n" << result.out;
        for (const std::string& fragment : fragments)
            EXPECT_TRUE(contains(result.err, fragment)) << "missing \"" << fragment << "\" in stderr:\n" << result.err;
        EXPECT_FALSE(contains(result.err, "kyso: lỗi nội bộ")) << result.err; // main()'s catch-all
        EXPECT_FALSE(contains(result.out, "Đã ký / Signed")) << result.out;
        EXPECT_EQ(digest_or_absent(input_), before) << "the input was modified";
        expect_nothing_written();
        return result;
    }

    /// No output and no temporary beside it; an output written by mistake is removed so that
    /// the next check in the same test starts clean.
    void expect_nothing_written() const {
        if (!output_exists_ && fs::exists(fs::symlink_status(output_))) {
            ADD_FAILURE() << output_ << " was created";
            fs::remove(output_);
        }
        EXPECT_EQ(temp_leftovers(dir_), Strings{});
        fs::path folder = fs::path(output_).parent_path();
        if (folder != dir_) {
            EXPECT_EQ(temp_leftovers(folder), Strings{});
        }
    }
};

// ------------------------------------------------------------------------------- bad input

TEST_F(Cli, MissingInputFile) {
    input_ = path("khong-co.pdf");
    expect_failure(sign_args(), kBadInput, {"Không tìm thấy tệp", "File not found", "khong-co.pdf"});
}

// The CLI says it checks the input before asking for the PIN: a typo in a file name must not
// cost a PIN entry on a real token. An unset --pin-env variable shows which comes first.
TEST_F(Cli, MissingInputIsReportedBeforeThePinIsRead) {
    ::unsetenv("KYSO_CLI_TEST_UNSET_PIN");
    input_ = path("khong-co.pdf");
    expect_failure(sign_args({}, "binh", {}, "KYSO_CLI_TEST_UNSET_PIN"), kBadInput,
                   {"Không tìm thấy tệp", "File not found"});
}

TEST_F(Cli, CorruptPdfIsRefused) {
    input_ = path("random.pdf");
    write_file(input_, random_bytes_with_pdf_header());
    expect_failure(sign_args(), kBadInput, {"không phải PDF hợp lệ", "is not a valid PDF"});

    std::string whole = read_file(env().corpus("lo-classic.pdf"));
    input_ = path("truncated.pdf");
    write_file(input_, whole.substr(0, whole.size() / 2));
    expect_failure(sign_args(), kBadInput, {"không phải PDF hợp lệ", "is not a valid PDF", "truncated"});
}

TEST_F(Cli, PngRenamedToPdfIsRefused) {
    input_ = path("anh.pdf");
    write_png(input_, 64, 64, red_seal_pixels(64));
    expect_failure(sign_args(), kBadInput, {"không phải PDF hợp lệ", "is not a valid PDF", "%PDF-"});
}

TEST_F(Cli, EncryptedPdfIsRefused) {
    for (const std::string user_password : {"user", ""}) {
        SCOPED_TRACE("user password \"" + user_password + "\"");
        input_ = path(user_password.empty() ? "owner-only.pdf" : "encrypted.pdf");
        RunResult qpdf =
            run({"qpdf", "--encrypt", user_password, "owner", "256", "--", env().corpus("lo-classic.pdf"), input_});
        ASSERT_EQ(qpdf.status, 0) << qpdf.err;
        expect_failure(sign_args(), kBadInput, {"mã hoá", "encrypted", "Export it again without a password"});
    }
}

TEST_F(Cli, VerifyRefusesUnreadableInput) {
    input_ = path("khong-co.pdf");
    expect_failure({"verify", input_}, kBadInput, {"Không đọc được tệp", "Cannot read"});
    input_ = path("random.pdf");
    write_file(input_, random_bytes_with_pdf_header());
    expect_failure({"verify", input_}, kBadInput, {"không phải PDF hợp lệ", "is not a valid PDF"});
}

// -------------------------------------------------------------------------------- bad output

TEST_F(Cli, OutputMustNotBeTheInput) {
    output_exists_ = true;
    const Strings same{"Tệp kết quả trùng với tệp gốc", "kyso never overwrites its input"};
    output_ = input_;
    expect_failure(sign_args(), kBadOutput, same);

    output_ = path("alias.pdf");
    fs::create_symlink("in.pdf", output_);
    expect_failure(sign_args(), kBadOutput, same);
    EXPECT_TRUE(fs::is_symlink(output_));

    output_ = path("hardlink.pdf");
    fs::create_hard_link(input_, output_);
    expect_failure(sign_args(), kBadOutput, same);

    fs::create_directory(dir_ / "sub");
    output_ = path("sub/../in.pdf");
    expect_failure(sign_args(), kBadOutput, same);
}

TEST_F(Cli, OutputFolderMustExist) {
    output_ = path("khong-co/out.pdf");
    expect_failure(sign_args(), kBadOutput, {"Không ghi được tệp", "thư mục không tồn tại", "Cannot write",
                                             "the folder does not exist"});
    EXPECT_FALSE(fs::exists(dir_ / "khong-co"));
}

TEST_F(Cli, OutputPathThatIsAFolderGetsAClearMessage) {
    output_ = path("thu-muc");
    fs::create_directory(output_);
    output_exists_ = true;
    RunResult result = expect_failure(sign_args(), kBadOutput, {"Không ghi được tệp", "Cannot write"});
    EXPECT_FALSE(contains(result.err, "lỗi hệ thống") || contains(result.err, "system error"))
        << "a folder given as -o deserves a specific message, not a generic one:\n" << result.err;
    EXPECT_TRUE(fs::is_empty(output_));
}

TEST_F(Cli, ReadOnlyOutputFolder) {
    if (::geteuid() != 0) {
        fs::create_directory(dir_ / "chi-doc");
        fs::permissions(dir_ / "chi-doc", fs::perms::owner_read | fs::perms::owner_exec);
        output_ = path("chi-doc/out.pdf");
    } else {
        // Root writes through any mode bits; sysfs refuses to create files even for root.
        int fd = ::open("/sys/kyso-cli-probe", O_WRONLY | O_CREAT | O_EXCL, 0600);
        int err = errno;
        if (fd >= 0) {
            ::close(fd);
            ::unlink("/sys/kyso-cli-probe");
            GTEST_SKIP() << "running as root and /sys accepts new files: no read-only folder to test with";
        }
        if (err != EACCES && err != EPERM && err != EROFS)
            GTEST_SKIP() << "running as root and /sys refuses files with " << std::strerror(err)
                         << ", not a permission error";
        output_ = "/sys/kyso-out.pdf";
    }
    expect_failure(sign_args(), kBadOutput, {"Không ghi được tệp", "chỉ đọc", "Cannot write", "read-only"});
}

// ------------------------------------------------------------------- the poppler module

// poppler is opened from kyso-poppler.so beside the program, or from ../lib/kyso/ as the .deb
// installs it; a program without it says what is missing when a command needs to read a page,
// and the commands that do not are unaffected.
TEST_F(Cli, PopplerModuleIsFoundBesideTheProgramOrInLibKyso) {
    fs::path module = fs::path(env().kyso_bin).parent_path() / "kyso-poppler.so";
    ASSERT_TRUE(fs::exists(module)) << module;
    fs::path alone = dir_ / "alone", beside = dir_ / "beside", installed = dir_ / "usr";
    for (const fs::path& folder : {alone, beside, installed / "bin", installed / "lib" / "kyso"})
        fs::create_directories(folder);
    fs::copy_file(env().kyso_bin, alone / "kyso");
    fs::copy_file(env().kyso_bin, beside / "kyso");
    fs::copy_file(module, beside / "kyso-poppler.so");
    fs::copy_file(env().kyso_bin, installed / "bin" / "kyso");
    fs::copy_file(module, installed / "lib" / "kyso" / "kyso-poppler.so");
    std::string draft = env().demo("quyet-dinh-plain.pdf");

    RunResult missing = run({(alone / "kyso").string(), "prepare", draft, "-o", path("alone.pdf")});
    EXPECT_EQ(missing.status, 70) << missing.err;
    for (const char* fragment : {"kyso-poppler.so", "Hãy cài lại gói kyso", "Reinstall the kyso package"})
        EXPECT_TRUE(contains(missing.err, fragment)) << "missing \"" << fragment << "\" in:\n" << missing.err;
    EXPECT_FALSE(fs::exists(path("alone.pdf")));
    RunResult version = run({(alone / "kyso").string(), "--version"});
    EXPECT_EQ(version.status, 0) << version.err;

    for (const fs::path& program : {beside / "kyso", installed / "bin" / "kyso"}) {
        SCOPED_TRACE(program.string());
        std::string out = path(program.parent_path().filename().string() + ".pdf");
        RunResult prepared = run({program.string(), "prepare", draft, "-o", out});
        EXPECT_EQ(prepared.status, 0) << prepared.err;
        EXPECT_TRUE(contains(prepared.out, "ô số")) << prepared.out;
    }
}

// ------------------------------------------------------------------- token, PIN, certificate

TEST_F(Cli, TokenOrModuleNotFound) {
    expect_failure(sign_args({}, "binh", "khong-co-thiet-bi"), kNotFound,
                   {"Không thấy thiết bị ký số", "No token labelled \"khong-co-thiet-bi\"", "kyso-test"});
    expect_failure(sign_args({"--module", path("khong-co.so")}), kNotFound,
                   {"Không nạp được thư viện PKCS#11", "Cannot load the PKCS#11 module"});
}

TEST_F(Cli, CertificateNotFound) {
    expect_failure(sign_args({}, "khong-co"), kNotFound,
                   {"Không thấy chứng thư số \"khong-co\"", "No certificate \"khong-co\"", "kyso token list"});
}

TEST_F(Cli, EmptyToken) {
    expect_failure(sign_args({}, "binh", env().empty_token_label), kNotFound,
                   {"Không thấy chứng thư số", "No certificate", env().empty_token_label});
}

TEST_F(Cli, WrongPin) {
    // Only the kyso-pin token takes wrong PINs, so parallel tests keep a clean kyso-test.
    RunResult result = expect_failure(sign_args({}, "binh", env().pin_token_label, "KYSO_CLI_TEST_WRONG_PIN"), kBadPin,
                                      {"PIN không đúng", "Incorrect PIN"}, {"KYSO_CLI_TEST_WRONG_PIN=987654"});
    EXPECT_FALSE(contains(result.err + result.out, "987654")) << "the PIN must never be printed";
}

TEST_F(Cli, PinEnvironmentVariableNotSet) {
    ::unsetenv("KYSO_CLI_TEST_UNSET_PIN");
    expect_failure(sign_args({}, "binh", {}, "KYSO_CLI_TEST_UNSET_PIN"), kUsage,
                   {"KYSO_CLI_TEST_UNSET_PIN", "chưa được đặt", "is not set"});
}

TEST_F(Cli, UnusableCertificatesAreRefused) {
    expect_failure(sign_args({}, "expired"), kCertRefused, {"đã hết hạn", "expired on", "Trần Văn Hết Hạn"});
    expect_failure(sign_args({}, "notyet"), kCertRefused, {"chưa có hiệu lực", "is not valid yet"});
    expect_failure(sign_args({}, "nokeyusage"), kCertRefused,
                   {"không được phép dùng để ký số", "may not be used for signatures"});
    expect_failure(sign_args({}, "issuing-ca"), kCertRefused, {"tổ chức cấp chứng thư", "is a CA certificate"});
}

// --------------------------------------------------------------------- appearance options

TEST_F(Cli, UnusableImageIsRefused) {
    expect_failure(sign_args({"--rect", "330,90,200,70", "--image", path("khong-co.png")}), kBadImage,
                   {"Không mở được tệp ảnh", "Cannot open image file"});

    fs::copy_file(input_, dir_ / "van-ban.png");
    expect_failure(sign_args({"--rect", "330,90,200,70", "--image", path("van-ban.png")}), kBadImage,
                   {"không dùng được", "is unusable", "not a PNG file"});

    std::string png = read_file(make_png("cut.png"));
    write_file(path("cut.png"), png.substr(0, png.size() / 2));
    expect_failure(sign_args({"--rect", "330,90,200,70", "--image", path("cut.png")}), kBadImage,
                   {"không dùng được", "is unusable"});

    // Cut inside the IHDR chunk: kyso's own message, without libpng's raw diagnostics.
    write_file(path("cut-header.png"), png.substr(0, 20));
    RunResult header = expect_failure(sign_args({"--rect", "330,90,200,70", "--image", path("cut-header.png")}),
                                      kBadImage, {"không dùng được", "is unusable"});
    EXPECT_FALSE(contains(header.err, "libpng error")) << header.err;
}

TEST_F(Cli, MalformedRectIsRefused) {
    for (const std::string rect : {"330,90,200", "330;90;200;70", "a,b,c,d", "330,90,200,70,5", "", "330,90,200,70x",
                                   "330px,90,200,70"})
        expect_failure(sign_args({"--rect", rect, "--text", "Nguyễn Thanh Bình"}), kUsage,
                       {"--rect phải có dạng x,y,rộng,cao", "--rect must be x,y,width,height"});
}

TEST_F(Cli, RectOutsideThePageIsRefused) {
    for (const std::string rect : {"5000,90,200,70", "500,800,200,100", "-10,90,200,70", "330,90,0,70"})
        expect_failure(sign_args({"--rect", rect, "--text", "Nguyễn Thanh Bình"}), kUsage,
                       {"nằm ngoài trang 1", "outside page 1"});
}

TEST_F(Cli, PageBeyondTheDocumentIsRefused) {
    input_ = copy_corpus("multipage.pdf", "nhieu-trang.pdf");
    expect_failure(sign_args({"--page", "6", "--rect", "330,90,200,70", "--text", "Bình"}), kUsage,
                   {"Trang 6 không có trong tài liệu", "Page 6 does not exist"});
    expect_failure(sign_args({"--page", "0", "--rect", "330,90,200,70", "--text", "Bình"}), kUsage,
                   {"Trang 0 không có", "Page 0 does not exist"});
}

// The page, rectangle, field name and image used to be checked only after the PIN was typed
// (while building the update): a user typed a PIN on a real token for a command that then
// failed on its arguments. --pin-env names an unset variable: reading the PIN would fail with
// "chưa được đặt" before the argument error could show.
TEST_F(Cli, ArgumentErrorsComeBeforeThePin) {
    ::unsetenv("KYSO_CLI_TEST_UNSET_PIN");
    auto refused_before_pin = [&](const Strings& extra, int status, const Strings& fragments) {
        RunResult r = expect_failure(sign_args(extra, "binh", {}, "KYSO_CLI_TEST_UNSET_PIN"), status, fragments);
        EXPECT_FALSE(contains(r.err, "KYSO_CLI_TEST_UNSET_PIN")) << "the PIN was read first:\n" << r.err;
    };
    input_ = copy_corpus("multipage.pdf", "nhieu-trang.pdf");
    refused_before_pin({"--page", "6", "--rect", "330,90,200,70", "--text", "Bình"}, kUsage,
                       {"Trang 6 không có trong tài liệu", "Page 6 does not exist"});
    refused_before_pin({"--page", "1", "--rect", "5000,90,200,70", "--text", "Bình"}, kUsage,
                       {"nằm ngoài trang 1", "outside page 1"});
    refused_before_pin({"--field", "a.b"}, kUsage, {"không hợp lệ", "Invalid field name"});
    refused_before_pin({"--rect", "330,90,200,70", "--image", path("khong-co.png")}, kBadImage,
                       {"Không mở được tệp ảnh", "Cannot open image file"});
    input_ = copy_corpus("presigned.pdf", "presigned.pdf");
    refused_before_pin({"--field", "PreSignature"}, kUsage,
                       {"đã có trường tên \"PreSignature\"", "already has a field named \"PreSignature\""});
}

TEST_F(Cli, InvisibleCannotHaveAnAppearance) {
    std::string png = make_png("chu-ky.png");
    expect_failure(sign_args({"--invisible", "--image", png}), kUsage,
                   {"--invisible không đi cùng", "cannot be combined"});
    expect_failure(sign_args({"--invisible", "--rect", "330,90,200,70"}), kUsage,
                   {"--invisible không đi cùng", "cannot be combined"});
}

TEST_F(Cli, SameFieldNameCannotBeSignedTwice) {
    RunResult first = kyso(sign_args({"--field", "Duyet"}));
    ASSERT_EQ(first.status, kOk) << first.err;
    input_ = output_;
    output_ = path("twice.pdf");
    expect_failure(sign_args({"--field", "Duyet"}), kUsage,
                   {"đã có trường tên \"Duyet\"", "already has a field named \"Duyet\""});

    input_ = copy_corpus("presigned.pdf", "presigned.pdf");
    expect_failure(sign_args({"--field", "PreSignature"}), kUsage,
                   {"đã có trường tên \"PreSignature\"", "already has a field named \"PreSignature\""});
}

// ------------------------------------------------------------------------------ usage, help

// Issue 15.2 and 15.3 from the command line: a joint document needs --signer, with the printed
// names offered; a name that is not printed and an unissued --main are refused; nothing written.
TEST_F(Cli, JointDocumentAndAttachmentRefusalsNameTheWayOut) {
    fs::copy_file(env().demo("lien-tich.pdf"), dir_ / "lien-tich.pdf");
    input_ = path("lien-tich.pdf");
    Strings sign{"sign-official", input_, "-o", output_, "--signature-image", make_png("sig.png"), "--token",
                 env().token_label, "--cert", "binh", "--pin-env", "KYSO_TEST_USER_PIN"};
    expect_failure(sign, 2, {"--signer", "“Nguyễn Thanh Bình”", "“Lê Văn Hùng”"});
    Strings named = sign;
    named.insert(named.end(), {"--signer", "Trần Văn Khác"});
    expect_failure(named, 2, {"No signer block prints the name “Trần Văn Khác”", "“Lê Văn Hùng”"});
    // Refused before the PIN is read (an unset --pin-env would say so first).
    ::unsetenv("KYSO_CLI_TEST_UNSET_PIN");
    named[named.size() - 3] = "KYSO_CLI_TEST_UNSET_PIN";
    RunResult before_pin = expect_failure(named, 2, {"Không có khối chữ ký nào in họ tên “Trần Văn Khác”"});
    EXPECT_FALSE(contains(before_pin.err, "KYSO_CLI_TEST_UNSET_PIN")) << before_pin.err;
    Strings issue{"issue", input_, "-o", output_, "--number", "4", "--symbol", "QĐLT-SNV-STC", "--seal-image",
                  make_png("dau.png"), "--signer", "Lê Văn Hùng", "--token", env().token_label, "--cert", "ubnd",
                  "--pin-env", "KYSO_CLI_TEST_UNSET_PIN"};
    RunResult unsigned_issue = expect_failure(issue, 2, {"chỉ phát hành khi mọi người ký đã ký"});
    EXPECT_FALSE(contains(unsigned_issue.err, "KYSO_CLI_TEST_UNSET_PIN")) << unsigned_issue.err;
    EXPECT_FALSE(fs::exists(output_));
    Strings attach{"sign-attachment", copy_corpus("multipage.pdf", "dinh-kem.pdf"), "-o", output_, "--main",
                   input_, "--token", env().token_label, "--cert", "ubnd", "--pin-env", "KYSO_TEST_USER_PIN"};
    input_ = path("dinh-kem.pdf");
    expect_failure(attach, 2, {"is not issued"});
}

// Issue 16.4 from the command line: a bad attachment of `kyso issue` is refused before the PIN
// is read (an unset --pin-env would say so), naming the attachment; nothing written.
TEST_F(Cli, BadAttachmentsOfAnIssuanceAreRefusedBeforeThePin) {
    ::unsetenv("KYSO_CLI_TEST_UNSET_PIN");
    input_ = copy_corpus("presigned.pdf", "da-ky.pdf");
    std::string main = copy_corpus("lo-classic.pdf", "chinh.pdf");
    auto issue = [&](const Strings& attachments) {
        Strings args{"issue", main, "-o", path("ban-hanh.pdf"), "--number", "3", "--register", path("so.sqlite"),
                     "--symbol", "QĐ-UBND", "--seal-image", make_png("dau.png"), "--token", env().token_label,
                     "--cert", "ubnd", "--pin-env", "KYSO_CLI_TEST_UNSET_PIN"};
        args.insert(args.end(), attachments.begin(), attachments.end());
        return args;
    };
    output_ = path("da-ky-ban-hanh.pdf");
    RunResult signed_one = expect_failure(issue({"--attachment", input_}), kUsage,
                                          {"Tệp đính kèm 1", "already signed"});
    EXPECT_FALSE(contains(signed_one.err, "KYSO_CLI_TEST_UNSET_PIN")) << signed_one.err;
    run({"qpdf", "--encrypt", "", "owner", "256", "--", env().corpus("multipage.pdf"), path("ma-hoa.pdf")});
    input_ = path("ma-hoa.pdf");
    output_ = path("ma-hoa-ban-hanh.pdf");
    expect_failure(issue({"--attachment", copy_corpus("multipage.pdf", "phu-luc.pdf"), "--attachment", input_}),
                   kBadInput, {"Tệp đính kèm 2", "encrypted"});
    expect_failure(issue({"--attachment", input_, "--attachment-output", path("a.pdf"), "--attachment-output",
                          path("b.pdf")}),
                   kUsage, {"--attachment-output"});
    EXPECT_FALSE(fs::exists(path("ban-hanh.pdf")));
    EXPECT_FALSE(fs::exists(path("phu-luc-ban-hanh.pdf")));
}

// Issue 16.3 from the command line: --preview writes the page as it will look signed and
// nothing else, with no token or PIN (the token options are not given at all).
TEST_F(Cli, PreviewWritesThePageAndSignsNothing) {
    fs::copy_file(env().demo("quyet-dinh.pdf"), dir_ / "du-thao.pdf");
    input_ = path("du-thao.pdf");
    std::string before = sha256_file(input_);
    RunResult shown = kyso({"sign-official", input_, "-o", output_, "--signature-image", make_png("sig.png"),
                            "--preview", path("xem-truoc.png")});
    ASSERT_EQ(shown.status, kOk) << shown.err;
    EXPECT_TRUE(contains(shown.out, "nothing signed")) << shown.out;
    EXPECT_EQ(load_png(path("xem-truoc.png")).width, 661u) << "an A4 page at 80 dpi";
    EXPECT_FALSE(fs::exists(output_));
    EXPECT_EQ(sha256_file(input_), before);
    expect_failure({"sign-official", input_, "-o", output_, "--signature-image", make_png("sig.png")}, kUsage,
                   {"--token"});
}

// Issue 16.3 from the command line: the issuance of a decision signed on page 2 previews page 2
// with the seal and, beside it, page 1 with the number (named on stdout); nothing is signed.
TEST_F(Cli, PreviewOfAnIssuanceOnPage2AlsoWritesThePageOfTheNumber) {
    fs::copy_file(env().demo("quyet-dinh-2-trang.pdf"), dir_ / "du-thao.pdf");
    std::string signed_pdf = path("da-ky.pdf");
    RunResult official = kyso({"sign-official", path("du-thao.pdf"), "-o", signed_pdf, "--signature-image",
                               make_png("sig.png"), "--token", env().token_label, "--cert", "binh", "--pin-env",
                               "KYSO_TEST_USER_PIN"});
    ASSERT_EQ(official.status, kOk) << official.err;
    write_png(path("dau.png"), 425, 425, red_seal_pixels(425), 300);
    input_ = signed_pdf;
    std::string before = sha256_file(input_);
    RunResult shown = kyso({"issue", input_, "-o", output_, "--number", "7", "--symbol", "QĐ-UBND", "--seal-image",
                            path("dau.png"), "--trust", env().root_ca(), "--preview", path("xem-truoc.png")});
    ASSERT_EQ(shown.status, kOk) << shown.err;
    EXPECT_TRUE(contains(shown.out, path("xem-truoc.png") + " (trang / page 2")) << shown.out;
    EXPECT_TRUE(contains(shown.out, path("xem-truoc-trang-1.png") + " (trang / page 1")) << shown.out;
    EXPECT_EQ(load_png(path("xem-truoc-trang-1.png")).width, 661u) << "page 1, an A4 page at 80 dpi";
    EXPECT_TRUE(fs::exists(path("xem-truoc.png")));
    EXPECT_FALSE(fs::exists(output_));
    EXPECT_EQ(sha256_file(input_), before);
}

TEST_F(Cli, UsageErrorsExitTwo) {
    struct Case {
        Strings args;
        Strings fragments;
    };
    const Strings bad_option{"tham số sai", "bad option", "--bogus"};
    std::vector<Case> cases{
        {{"frobnicate"}, {"Lệnh không có", "Unknown command: frobnicate"}},
        {sign_args({"--bogus"}), bad_option},
        {{"verify", input_, "--bogus"}, bad_option},
        {{"token", "list", "--bogus"}, bad_option},
        {{"token", "frobnicate"}, {"Cách dùng", "usage: kyso token list"}},
        {{"verify"}, {"Cách dùng", "usage: kyso verify"}},
        {{"sign", input_, "--token", env().token_label, "--cert", "binh"}, {"Thiếu tham số", "Missing", "output"}},
        {{"sign", "-o", output_, "--token", env().token_label, "--cert", "binh"}, {"Thiếu tệp PDF đầu vào", "Missing the input PDF"}},
        {sign_args({"--page", "hai"}), {"tham số sai", "bad option"}},
    };
    for (const Case& c : cases)
        expect_failure(c.args, kUsage, c.fragments);

    RunResult bare = kyso({});
    EXPECT_EQ(bare.status, kUsage);
    EXPECT_TRUE(contains(bare.out, "Cách dùng / Usage")) << bare.out;
}

TEST_F(Cli, HelpOnEveryCommand) {
    struct Case {
        Strings args;
        Strings mentions;
    };
    std::vector<Case> cases{
        {{"--help"}, {"token list", "sign", "verify", "Mã thoát / Exit status", "10 "}},
        {{"help"}, {"Cách dùng / Usage"}},
        {{"sign", "--help"}, {"--output", "--token", "--cert", "--pin-env", "--module", "--final-try", "--chain",
                              "--page", "--rect", "--image", "--text", "--invisible", "--field", "--reason",
                              "--location", "Ký số tệp PDF", "sign a PDF"}},
        {{"sign", "-h"}, {"--output", "--rect"}},
        {{"verify", "--help"}, {"--trust", "--json", "Kiểm tra mọi chữ ký số", "verify every signature"}},
        {{"token", "--help"}, {"--module", "--json", "Liệt kê thiết bị ký số", "list tokens"}},
        {{"token", "list", "--help"}, {"--module", "--json"}},
    };
    for (const Case& c : cases) {
        SCOPED_TRACE(joined(c.args));
        RunResult result = kyso(c.args);
        EXPECT_EQ(result.status, kOk) << result.err;
        for (const std::string& mention : c.mentions)
            EXPECT_TRUE(contains(result.out, mention)) << "missing \"" << mention << "\" in:\n" << result.out;
    }
}

// -------------------------------------------------------------------------- what works

TEST_F(Cli, TokenList) {
    RunResult text = kyso({"token", "list"});
    ASSERT_EQ(text.status, kOk) << text.err;
    EXPECT_TRUE(contains(text.out, "\"kyso-test\"")) << text.out;
    EXPECT_TRUE(contains(text.out, "Nguyễn Thanh Bình")) << text.out;
    EXPECT_TRUE(contains(text.out, "không dùng để ký / not for signing")) << text.out; // the CA certificates

    RunResult json = kyso({"token", "list", "--json", "--module", env().softhsm_module});
    ASSERT_EQ(json.status, kOk) << json.err;
    EXPECT_EQ(json.out.rfind('[', 0), 0u) << json.out;
    EXPECT_TRUE(contains(json.out, "\"label\":\"kyso-test\"")) << json.out;
    EXPECT_TRUE(contains(json.out, "\"common_name\":\"Nguyễn Thanh Bình\"")) << json.out;
    EXPECT_TRUE(contains(json.out, "\"label\":\"" + env().empty_token_label + "\"")) << json.out;
}

TEST_F(Cli, SignVisibleThenVerify) {
    std::string before = sha256_file(input_);
    std::string png = make_png("chu-ky.png");
    RunResult sign = kyso(sign_args({"--rect", "330,90,200,70", "--image", png, "--text", "Nguyễn Thanh Bình",
                                     "--reason", "Phê duyệt", "--location", "An Giang"}));
    ASSERT_EQ(sign.status, kOk) << sign.err;
    EXPECT_TRUE(contains(sign.out, "Đã ký / Signed")) << sign.out;
    EXPECT_TRUE(contains(sign.out, "Nguyễn Thanh Bình")) << sign.out;
    EXPECT_EQ(sha256_file(input_), before);
    EXPECT_EQ(temp_leftovers(dir_), Strings{});

    RunResult json = kyso({"verify", output_, "--trust", env().root_ca(), "--json"});
    EXPECT_EQ(json.status, kOk) << json.out << json.err;
    EXPECT_TRUE(contains(json.out, "\"all_valid\":true")) << json.out;
    EXPECT_TRUE(contains(json.out, "\"visible\":true")) << json.out;

    RunResult text = kyso({"verify", output_, "--trust", env().root_ca()});
    EXPECT_EQ(text.status, kOk) << text.out << text.err;
    EXPECT_TRUE(contains(text.out, "=> HỢP LỆ / VALID")) << text.out;
}

TEST_F(Cli, VerifyUnsignedPdfHasItsOwnExitStatus) {
    RunResult text = kyso({"verify", input_, "--trust", env().root_ca()});
    EXPECT_EQ(text.status, kNoSignature);
    EXPECT_TRUE(contains(text.out, "không có chữ ký số nào")) << text.out;
    EXPECT_TRUE(contains(text.out, "has no signature")) << text.out;
    RunResult json = kyso({"verify", input_, "--json"});
    EXPECT_EQ(json.status, kNoSignature);
    EXPECT_TRUE(contains(json.out, "\"verdict\":\"unsigned\",\"all_valid\":false")) << json.out;
}

TEST_F(Cli, VerifyDetectsAByteChangedInTheSignedRange) {
    RunResult sign = kyso(sign_args());
    ASSERT_EQ(sign.status, kOk) << sign.err;
    std::string bytes = read_file(output_);
    // kyso's /ByteRange is the last one; change a byte of the first original stream's data,
    // which lies in the first signed range, far from /Contents.
    size_t last_range = bytes.rfind("/ByteRange");
    ASSERT_NE(last_range, std::string::npos);
    std::string tail = bytes.substr(last_range);
    std::smatch range;
    ASSERT_TRUE(std::regex_search(tail, range, std::regex(R"(/ByteRange\s*\[\s*0\s+(\d+))")));
    size_t contents_start = std::stoull(range[1].str());
    std::smatch stream;
    ASSERT_TRUE(std::regex_search(bytes, stream, std::regex("stream\r?\n")));
    size_t at = static_cast<size_t>(stream.position(0) + stream.length(0)) + 8;
    ASSERT_LT(at, contents_start);
    flip_byte(output_, at);

    RunResult text = kyso({"verify", output_, "--trust", env().root_ca()});
    EXPECT_EQ(text.status, kNotValid) << text.out << text.err;
    EXPECT_TRUE(contains(text.out, "digest FAIL")) << text.out;
    EXPECT_TRUE(contains(text.out, "digest does not match")) << text.out;
    EXPECT_TRUE(contains(text.out, "KHÔNG HỢP LỆ / NOT VALID")) << text.out;
    RunResult json = kyso({"verify", output_, "--trust", env().root_ca(), "--json"});
    EXPECT_EQ(json.status, kNotValid);
    EXPECT_TRUE(contains(json.out, "\"digest_ok\":false")) << json.out;
    EXPECT_TRUE(contains(json.out, "\"all_valid\":false")) << json.out;
}

} // namespace
} // namespace kyso::test
