#include "support/pdf_structure.hpp"

#include "support/process.hpp"
#include "support/test_env.hpp"

#include <regex>
#include <sstream>

namespace kyso::test {

std::vector<XrefSection> xref_sections(const std::string& bytes) {
    std::vector<XrefSection> sections;
    static const std::regex startxref(R"(startxref\s+(\d+)\s+%%EOF)");
    for (auto it = std::sregex_iterator(bytes.begin(), bytes.end(), startxref); it != std::sregex_iterator(); ++it) {
        XrefSection section;
        section.offset = std::stoull((*it)[1].str());
        if (section.offset >= bytes.size())
            continue;
        size_t at = section.offset;
        while (at < bytes.size() && std::isspace(static_cast<unsigned char>(bytes[at])))
            ++at;
        section.is_stream = bytes.compare(at, 4, "xref") != 0;
        // The dictionary that carries /Prev: the trailer after a table, the stream's own dict.
        size_t dict_at = section.is_stream ? at : bytes.find("trailer", at);
        size_t dict_end = bytes.find(section.is_stream ? "stream" : "startxref", dict_at);
        if (dict_at != std::string::npos && dict_end != std::string::npos) {
            std::string dict = bytes.substr(dict_at, dict_end - dict_at);
            std::smatch prev;
            if (std::regex_search(dict, prev, std::regex(R"(/Prev\s+(\d+))")))
                section.prev = std::stoull(prev[1].str());
        }
        sections.push_back(section);
    }
    return sections;
}

ValidatorVerdicts run_pdfsig(const std::string& pdf) {
    ValidatorVerdicts verdicts;
    RunResult result = run({"pdfsig", pdf});
    verdicts.pdfsig_text = result.out + result.err;
    std::istringstream lines(result.out);
    std::string line;
    while (std::getline(lines, line)) {
        if (line.rfind("Signature #", 0) == 0)
            ++verdicts.pdfsig_signatures;
        if (line.find("Signature Validation: Signature is Valid.") != std::string::npos)
            ++verdicts.pdfsig_valid;
    }
    return verdicts;
}

bool qpdf_check_clean(const std::string& pdf, std::string* text) {
    RunResult result = run({"qpdf", "--check", pdf});
    if (text)
        *text = result.out + result.err;
    return result.status == 0 && result.out.find("No syntax or stream encoding errors") != std::string::npos &&
           result.err.find("WARNING") == std::string::npos;
}

std::string PdfBoxSignature::get(const std::string& key) const {
    std::smatch match;
    std::regex pattern("\\b" + key + "=(\"[^\"]*\"|\\S+)");
    if (!std::regex_search(line, match, pattern))
        return {};
    return match[1].str();
}

bool PdfBoxSignature::all_ok() const {
    std::string chain = get("chain");
    return get("byterange") == "ok" && get("digest") == "ok" && get("signature") == "ok" &&
           (chain == "ok" || chain == "skipped") && get("attrs") == "ok";
}

std::vector<PdfBoxSignature> run_pdfbox(const std::string& pdf, int* exit_status) {
    const TestEnv& env = TestEnv::get();
    RunResult result = run({env.pdfcheck, pdf, "--trust", env.root_ca()});
    if (exit_status)
        *exit_status = result.status;
    std::vector<PdfBoxSignature> signatures;
    std::istringstream lines(result.out);
    std::string line;
    while (std::getline(lines, line))
        if (line.rfind("sig ", 0) == 0)
            signatures.push_back({line});
    return signatures;
}

} // namespace kyso::test
