#pragma once
// What fixture.ltv (tests/ltv/ltv-servers.sh) wrote to ltv.env: the URLs of the test TSA,
// OCSP responder and CRL, and where their PKI lies. Empty when the services did not start.

#include "support/test_env.hpp"

#include <fstream>
#include <map>
#include <string>

namespace kyso::test {

inline const std::map<std::string, std::string>& ltv_services() {
    static const auto values = [] {
        std::map<std::string, std::string> env;
        std::ifstream in(TestEnv::get().work / "ltv" / "ltv.env");
        for (std::string line; std::getline(in, line);)
            if (auto eq = line.find('='); eq != std::string::npos)
                env[line.substr(0, eq)] = line.substr(eq + 1);
        return env;
    }();
    return values;
}

} // namespace kyso::test
