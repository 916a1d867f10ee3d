// What the register learns from an issued PDF itself: its SHA-256, who signed it (names and
// certificate serials, in signing order) and its type and trích yếu from page 1.
#pragma once

#include "core/pdftext/page_text.hpp"
#include "core/register/register_store.hpp"

#include <string>
#include <vector>

namespace kyso {

/// Lowercase hex SHA-256 of a file; throws InputUnreadable.
std::string file_sha256(const std::string& path);

/// "QUYẾT ĐỊNH Về việc …" or "V/v …" from the first page's title; empty when there is none.
std::string document_summary(const std::vector<PageText>& pages);

/// Fills sha256, signers, cert_serials, summary and file of `issuance` from the PDF at `path`.
void describe_issued_file(const std::string& path, Issuance& issuance);

} // namespace kyso
