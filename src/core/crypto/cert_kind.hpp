// Personal or organisation certificate? Vietnamese CAs (the Government CA of Ban Cơ yếu and the
// public CAs) put an identifier in the subject's UID: "CMND:", "CCCD:" or "HC:" (identity card,
// citizen card, passport) for a person, "MST:" (tax code) or "MNS:"/"MQHNS:" (budget code) for an
// organisation. The rule is data, so an office can adapt it to its CA.
#pragma once

#include <openssl/x509.h>

#include <string>
#include <vector>

namespace kyso {

enum class CertificateKind { Personal, Organisation, Unknown };

/// Which UID prefixes mean what; matched case-insensitively at the start of any UID value.
struct CertificateKindRule {
    std::vector<std::string> personal_prefixes{"CMND:", "CCCD:", "HC:", "CMT:", "PID:"};
    std::vector<std::string> organisation_prefixes{"MST:", "MNS:", "MQHNS:", "MSNS:"};

    /// Parses "personal=CMND:,CCCD:;organisation=MST:,MNS:" (either part may be omitted).
    static CertificateKindRule parse(const std::string& text);
};

/// Classifies by the UID rule; without a UID, a subject with a personal name attribute
/// (title, givenName, surname) is personal and one whose CN equals its O is an organisation.
CertificateKind classify_certificate(const X509* cert, const CertificateKindRule& rule = {});

/// "cá nhân / personal", "tổ chức / organisation" or "không rõ / unknown".
std::string kind_name(CertificateKind kind);

} // namespace kyso
