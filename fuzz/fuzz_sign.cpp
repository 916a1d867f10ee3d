// libFuzzer harness over the whole signing act: load -> prepare (field, appearance, update)
// -> sign with a software key -> verify. Built with ASan+UBSan by fuzz/CMakeLists.txt (clang)
// and, without instrumentation, as the regression replayer `kyso_fuzz_replay` in every build.
//
// What counts as a bug (abort, so libFuzzer saves the input):
//   - any exception that is not a kyso::Error (the CLI would print "lỗi nội bộ", exit 70);
//   - a kyso::Error with an empty Vietnamese or English message;
//   - the input file changed, or a ".NAME.kyso-XXXXXX" temporary left behind;
//   - an output that exists although signing failed, or exists and does not verify.
// Crashes, hangs and memory errors inside PoDoFo are caught by the sanitizers/libFuzzer itself.
#include "core/error.hpp"
#include "core/workflow/sign_document.hpp"
#include "core/workflow/verify_document.hpp"

#include <openssl/evp.h>
#include <openssl/x509v3.h>
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;

[[noreturn]] void bug(const std::string& what) {
    std::fprintf(stderr, "kyso fuzz: BUG: %s\n", what.c_str());
    std::abort();
}

// One RSA key for the whole run: key generation would dominate every execution.
kyso::KeySigner make_signer() {
    kyso::ossl::PkeyPtr key(EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", static_cast<size_t>(2048)));
    kyso::ossl::X509Ptr cert(X509_new());
    X509_set_version(cert.get(), 2);
    ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), 1);
    X509_gmtime_adj(X509_getm_notBefore(cert.get()), -3600);
    X509_gmtime_adj(X509_getm_notAfter(cert.get()), 3600L * 24 * 365);
    X509_NAME* name = X509_get_subject_name(cert.get());
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8, reinterpret_cast<const unsigned char*>("Fuzz Ký Số"), -1,
                               -1, 0);
    X509_set_issuer_name(cert.get(), name);
    X509_set_pubkey(cert.get(), key.get());
    X509_sign(cert.get(), key.get(), EVP_sha256());
    return kyso::KeySigner(std::move(key), std::move(cert), {});
}

struct Setup {
    fs::path dir;
    kyso::KeySigner signer = make_signer();
    kyso::TrustStore trust{std::vector<std::string>{}}; // the system store, loaded once
    Setup() {
        // tmpfs when there is one: AtomicOutput fsyncs every output.
        const char* base = std::getenv("KYSO_FUZZ_TMP");
        fs::path root = base ? base : (fs::exists("/dev/shm") ? "/dev/shm" : fs::temp_directory_path());
        dir = root / ("kyso-fuzz-" + std::to_string(::getpid()));
        fs::create_directories(dir);
    }
    ~Setup() {
        std::error_code ignored; // fork mode starts a process per job: each cleans its own folder
        fs::remove_all(dir, ignored);
    }
};

std::string slurp(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), {}};
}

void check_error(const kyso::Error& error) {
    if (error.vietnamese().empty() || error.english().empty())
        bug("kyso::Error without a Vietnamese and an English message: " + error.describe());
}

void check_no_leftovers(const fs::path& dir) {
    for (const fs::directory_entry& entry : fs::directory_iterator(dir)) {
        std::string name = entry.path().filename().string();
        if (name.find(".kyso-") != std::string::npos)
            bug("temporary left behind: " + name);
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static Setup setup;
    const std::string bytes(reinterpret_cast<const char*>(data), size);
    const fs::path input = setup.dir / "in.pdf";
    const fs::path output = setup.dir / "out.pdf";
    {
        std::ofstream out(input, std::ios::binary | std::ios::trunc);
        out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    }
    fs::remove(output);

    // 1. Verify the input as it is (the reader of `kyso verify`).
    try {
        kyso::verify_pdf(input.string(), setup.trust);
    } catch (const kyso::Error& error) {
        check_error(error);
    } catch (const std::exception& error) {
        bug(std::string("verify threw a non-kyso exception: ") + error.what());
    }

    // 2. Sign it; odd sizes get a visible text signature on page 1 (pages, resources, fonts),
    //    even sizes an invisible one (the AcroForm path alone).
    kyso::SignOptions options;
    options.input = input.string();
    options.output = output.string();
    options.signing_time = 1735689600; // fixed: reproducible runs
    if (size % 2 == 1) {
        kyso::VisibleSignature visible;
        visible.page = 1;
        visible.rect = {72, 72, 200, 60};
        visible.text_lines = {"Ký bởi: Fuzz", "Ngày ký: 01/01/2025"};
        options.visible = visible;
    }
    bool signed_ok = false;
    try {
        kyso::sign_pdf(options, setup.signer);
        signed_ok = true;
    } catch (const kyso::Error& error) {
        check_error(error);
    } catch (const std::exception& error) {
        bug(std::string("sign threw a non-kyso exception: ") + error.what());
    }

    // 3. Invariants: the input untouched, no temporary, an output only when signing succeeded,
    //    and that output verifies when read again from scratch.
    if (slurp(input) != bytes)
        bug("the input file was modified");
    check_no_leftovers(setup.dir);
    if (signed_ok != fs::exists(output))
        bug(signed_ok ? "signing succeeded but wrote no output" : "signing failed but left an output");
    if (signed_ok) {
        try {
            kyso::VerifyReport report = kyso::verify_pdf(output.string(), setup.trust);
            if (report.signatures.empty() || !report.signatures.back().integrity_ok())
                bug("the signed output does not verify");
        } catch (const kyso::Error& error) {
            bug("the signed output cannot be read back: " + error.describe());
        }
    }
    return 0;
}
