#include "core/crypto/cert_kind.hpp"

#include "core/error.hpp"

#include <openssl/objects.h>

#include <algorithm>
#include <cctype>

namespace kyso {
namespace {

std::string upper(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::toupper(c); });
    return text;
}

std::vector<std::string> entries(const X509_NAME* name, int nid) {
    std::vector<std::string> values;
    for (int i = X509_NAME_get_index_by_NID(name, nid, -1); i >= 0; i = X509_NAME_get_index_by_NID(name, nid, i)) {
        unsigned char* utf8 = nullptr;
        int len = ASN1_STRING_to_UTF8(&utf8, X509_NAME_ENTRY_get_data(X509_NAME_get_entry(name, i)));
        if (len >= 0) {
            values.emplace_back(reinterpret_cast<char*>(utf8), static_cast<size_t>(len));
            OPENSSL_free(utf8);
        }
    }
    return values;
}

bool starts_with_any(const std::string& value, const std::vector<std::string>& prefixes) {
    std::string v = upper(value);
    return std::any_of(prefixes.begin(), prefixes.end(), [&](const std::string& p) { return v.rfind(upper(p), 0) == 0; });
}

std::vector<std::string> split(const std::string& text, char separator) {
    std::vector<std::string> parts;
    size_t start = 0;
    for (size_t at; (at = text.find(separator, start)) != std::string::npos; start = at + 1)
        parts.push_back(text.substr(start, at - start));
    parts.push_back(text.substr(start));
    return parts;
}

} // namespace

CertificateKindRule CertificateKindRule::parse(const std::string& text) {
    CertificateKindRule rule;
    for (const std::string& part : split(text, ';')) {
        if (part.empty())
            continue;
        size_t eq = part.find('=');
        std::string key = eq == std::string::npos ? "" : part.substr(0, eq);
        std::vector<std::string> prefixes;
        for (const std::string& p : split(part.substr(eq + 1), ','))
            if (!p.empty())
                prefixes.push_back(p);
        if (key == "personal")
            rule.personal_prefixes = prefixes;
        else if (key == "organisation" || key == "organization")
            rule.organisation_prefixes = prefixes;
        else
            throw Error(ErrorCode::BadArguments,
                        "Quy tắc phân loại chứng thư không hợp lệ: \"" + part + "\" (dạng personal=CMND:,CCCD:;organisation=MST:).",
                        "Invalid certificate kind rule \"" + part + "\" (form: personal=CMND:,CCCD:;organisation=MST:).");
    }
    return rule;
}

CertificateKind classify_certificate(const X509* cert, const CertificateKindRule& rule) {
    const X509_NAME* subject = X509_get_subject_name(cert);
    for (const std::string& uid : entries(subject, NID_userId)) {
        if (starts_with_any(uid, rule.organisation_prefixes))
            return CertificateKind::Organisation;
        if (starts_with_any(uid, rule.personal_prefixes))
            return CertificateKind::Personal;
    }
    if (!entries(subject, NID_title).empty() || !entries(subject, NID_givenName).empty() ||
        !entries(subject, NID_surname).empty())
        return CertificateKind::Personal;
    std::vector<std::string> cn = entries(subject, NID_commonName);
    std::vector<std::string> o = entries(subject, NID_organizationName);
    if (!cn.empty() && !o.empty() && upper(cn[0]) == upper(o[0]))
        return CertificateKind::Organisation;
    return CertificateKind::Unknown;
}

std::string kind_name(CertificateKind kind) {
    switch (kind) {
    case CertificateKind::Personal: return "cá nhân / personal";
    case CertificateKind::Organisation: return "tổ chức / organisation";
    case CertificateKind::Unknown: break;
    }
    return "không rõ / unknown";
}

} // namespace kyso
