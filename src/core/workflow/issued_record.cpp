#include "core/workflow/issued_record.hpp"

#include "core/crypto/ossl.hpp"
#include "core/error.hpp"
#include "core/pdftext/form_text.hpp"
#include "core/workflow/verify_document.hpp"

#include <openssl/evp.h>

#include <cmath>
#include <fstream>
#include <memory>

namespace kyso {
namespace {

bool starts_with(const std::string& text, const char* prefix) { return text.rfind(prefix, 0) == 0; }

// Lines that start the body, never part of the trích yếu.
bool starts_body(const std::string& text) {
    return starts_with(text, "Căn cứ") || starts_with(text, "Kính gửi") || starts_with(text, "Thực hiện") ||
           starts_with(text, "Theo đề nghị");
}

// Consecutive lines after `first` (no wide vertical gap, not a body line, not another caps line).
std::string continued(const std::vector<TextLine>& lines, size_t first, bool same_left) {
    std::string out = lines[first].text();
    for (size_t i = first + 1; i < lines.size(); ++i) {
        const PageRect& previous = lines[i - 1].box;
        const PageRect& box = lines[i].box;
        std::string text = lines[i].text();
        if (previous.y - box.top() > previous.height || starts_body(text) || form::is_capitals(text))
            break;
        if (same_left && std::abs(box.x - lines[first].box.x) > 40)
            break;
        out += " " + text;
    }
    return out;
}

} // namespace

std::string file_sha256(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw Error(ErrorCode::InputUnreadable, "Không đọc được tệp " + path, "Cannot read " + path);
    std::unique_ptr<EVP_MD_CTX, void (*)(EVP_MD_CTX*)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
    EVP_DigestInit_ex(ctx.get(), EVP_sha256(), nullptr);
    std::vector<char> buffer(1 << 16);
    while (in) {
        in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
        EVP_DigestUpdate(ctx.get(), buffer.data(), static_cast<size_t>(in.gcount()));
    }
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned size = 0;
    EVP_DigestFinal_ex(ctx.get(), digest, &size);
    return ossl::to_hex(digest, size);
}

std::string document_summary(const std::vector<PageText>& pages) {
    if (pages.empty())
        return {};
    const std::vector<TextLine>& lines = pages.front().lines;
    // The title comes after "Số: …" (box 3); the national motto above it is in capitals too.
    size_t start = 0;
    for (size_t i = 0; i < lines.size(); ++i)
        if (starts_with(lines[i].text(), "Số")) {
            start = i + 1;
            break;
        }
    for (size_t i = start; i < lines.size(); ++i) {
        std::string text = lines[i].text();
        if (starts_with(text, "V/v")) // a công văn: the trích yếu under the number, left column
            return continued(lines, i, true);
        if (starts_body(text))
            return {};
        if (form::is_capitals(text) && text.find(',') == std::string::npos) { // "QUYẾT ĐỊNH", then "Về việc …"
            if (i + 1 < lines.size() && !form::is_capitals(lines[i + 1].text()) && !starts_body(lines[i + 1].text()))
                return text + " " + continued(lines, i + 1, false);
            return text;
        }
    }
    return {};
}

void describe_issued_file(const std::string& path, Issuance& issuance) {
    issuance.file = path;
    issuance.sha256 = file_sha256(path);
    VerifyReport report = verify_pdf(path, TrustStore(std::vector<std::string>{}));
    for (const SignatureVerdict& s : report.signatures) {
        issuance.signers += (issuance.signers.empty() ? "" : "; ") + s.cms.signer_name;
        issuance.cert_serials += (issuance.cert_serials.empty() ? "" : "; ") + s.cms.signer_serial;
    }
    // The title stands on page 1: the other pages of a long document are not read.
    PdfPageText pdf(path);
    std::vector<PageText> first;
    if (pdf.page_count() > 0)
        first.push_back(pdf.read(1));
    issuance.summary = document_summary(first);
}

} // namespace kyso
