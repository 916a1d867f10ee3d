// Runs a program (kyso, pdfsig, qpdf, the PDFBox checker) and captures what it prints.
#pragma once

#include <string>
#include <vector>

namespace kyso::test {

struct RunResult {
    int status = -1; ///< exit status; 128+N when killed by signal N
    std::string out;
    std::string err;
};

/// Runs argv[0] (searched in PATH) with the given arguments and extra "NAME=value" settings.
RunResult run(const std::vector<std::string>& argv, const std::vector<std::string>& extra_env = {});

} // namespace kyso::test
