#include "support/test_env.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <map>

namespace kyso::test {
namespace {

std::map<std::string, std::string> read_env_file(const std::filesystem::path& path) {
    std::map<std::string, std::string> values;
    std::ifstream in(path);
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#')
            continue;
        size_t eq = line.find('=');
        if (eq != std::string::npos)
            values[line.substr(0, eq)] = line.substr(eq + 1);
    }
    return values;
}

std::string env_or(const char* name, const std::string& fallback) {
    const char* value = std::getenv(name);
    return value && *value ? value : fallback;
}


} // namespace

const TestEnv& TestEnv::get() {
    static const TestEnv env = [] {
        TestEnv e;
        auto config = read_env_file(env_or("KYSO_TEST_CONFIG", "tests/kyso-test.env"));
        e.work = config["KYSO_TEST_WORK"];
        e.source = config["KYSO_TEST_SOURCE"];
        e.kyso_bin = config["KYSO_BIN"];
        e.pdfcheck = config["KYSO_PDFCHECK"];
        auto settings = read_env_file(e.source / "token" / "test-token.env");
        e.token_label = settings["KYSO_TEST_TOKEN_LABEL"];
        e.empty_token_label = settings["KYSO_TEST_EMPTY_TOKEN_LABEL"];
        e.pin_token_label = settings["KYSO_TEST_PIN_TOKEN_LABEL"];
        e.user_pin = settings["KYSO_TEST_USER_PIN"];
        auto paths = read_env_file(e.work / "token" / "test-token-paths.env");
        e.softhsm_module = paths["KYSO_TEST_PKCS11_MODULE"];
        e.pki = paths["KYSO_TEST_PKI_DIR"];
        // Every module loaded by a test (SoftHSM directly or through p11-kit) finds this token.
        if (!paths["SOFTHSM2_CONF"].empty())
            ::setenv("SOFTHSM2_CONF", paths["SOFTHSM2_CONF"].c_str(), 1);
        ::setenv("KYSO_TEST_USER_PIN", e.user_pin.c_str(), 1);
        return e;
    }();
    return env;
}

std::filesystem::path TestEnv::scratch() const {
    const ::testing::TestInfo* info = ::testing::UnitTest::GetInstance()->current_test_info();
    std::string name = info ? std::string(info->test_suite_name()) + "." + info->name() : "scratch";
    for (char& c : name)
        if (c == '/')
            c = '_';
    std::filesystem::path dir = work / "scratch" / name;
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    return dir;
}

} // namespace kyso::test
