#include "badinput/pdf_maker.hpp"

#include <cstdio>
#include <regex>
#include <stdexcept>

namespace kyso::test {

PdfMaker PdfMaker::one_page() {
    PdfMaker pdf;
    pdf.add("<< /Type /Catalog /Pages 2 0 R >>");
    pdf.add("<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
    pdf.add("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << >> /Contents 4 0 R >>");
    pdf.add(stream_body("0 0 1 rg 72 700 200 50 re f\n"));
    return pdf;
}

int PdfMaker::add(std::string body) {
    bodies_.push_back(std::move(body));
    return static_cast<int>(bodies_.size());
}

std::string PdfMaker::build() const {
    std::string out = "%PDF-1.7\n%\xE2\xE3\xCF\xD3\n";
    std::vector<size_t> offsets;
    for (size_t i = 0; i < bodies_.size(); ++i) {
        offsets.push_back(out.size());
        out += std::to_string(i + 1) + " 0 obj\n" + bodies_[i] + "\nendobj\n";
    }
    size_t xref = out.size();
    out += "xref\n0 " + std::to_string(bodies_.size() + 1) + "\n0000000000 65535 f \n";
    char line[32];
    for (size_t offset : offsets) {
        std::snprintf(line, sizeof line, "%010zu 00000 n \n", offset);
        out += line;
    }
    out += "trailer\n<< /Size " + std::to_string(bodies_.size() + 1) + " /Root 1 0 R " + trailer_extra_ +
           " >>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
    return out;
}

std::string stream_body(const std::string& data, const std::string& extra_dict) {
    return "<< /Length " + std::to_string(data.size()) + " " + extra_dict + " >>\nstream\n" + data + "\nendstream";
}

std::string append_object_update(const std::string& pdf, const std::string& body) {
    // The last trailer's /Size and /Root, and the last startxref: enough for a classic file.
    std::smatch m;
    std::string::const_iterator trailer_at = pdf.begin() + static_cast<long>(pdf.rfind("trailer"));
    std::string trailer(trailer_at, pdf.end());
    std::regex size_re(R"(/Size\s+(\d+))"), root_re(R"(/Root\s+(\d+\s+\d+\s+R))"), start_re(R"(startxref\s+(\d+))");
    if (!std::regex_search(trailer, m, size_re))
        throw std::runtime_error("no /Size");
    int number = std::stoi(m[1]);
    if (!std::regex_search(trailer, m, root_re))
        throw std::runtime_error("no /Root");
    std::string root = m[1];
    if (!std::regex_search(trailer, m, start_re))
        throw std::runtime_error("no startxref");
    std::string prev = m[1];

    std::string out = pdf;
    if (out.back() != '\n')
        out += '\n';
    size_t offset = out.size();
    out += std::to_string(number) + " 0 obj\n" + body + "\nendobj\n";
    size_t xref = out.size();
    char line[32];
    std::snprintf(line, sizeof line, "%010zu 00000 n \n", offset);
    out += "xref\n" + std::to_string(number) + " 1\n" + line;
    out += "trailer\n<< /Size " + std::to_string(number + 1) + " /Root " + root + " /Prev " + prev +
           " >>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
    return out;
}

std::string one_page_with_updates(int updates) {
    std::string pdf = PdfMaker::one_page().build();
    for (int update = 0; update < updates; ++update)
        pdf = append_object_update(pdf, "<< >>");
    return pdf;
}

} // namespace kyso::test
