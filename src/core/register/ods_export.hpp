// The register as a LibreOffice Calc spreadsheet, laid out as Decree 30's outgoing register
// (Phụ lục VI, "Sổ đăng ký văn bản đi"): its ten columns first, then kyso's own evidence
// (state, SHA-256, certificate serials, who and when) to the right.
#pragma once

#include "core/register/register_store.hpp"

#include <string>
#include <vector>

namespace kyso {

/// The spreadsheet's content.xml (office:document-content) for `entries`.
std::string register_content_xml(const std::vector<RegisterEntry>& entries, const std::string& title);

/// Writes `path` atomically: a flat ODS when it ends in ".fods", else a zipped .ods package.
void export_register_ods(const std::vector<RegisterEntry>& entries, const std::string& title, const std::string& path);

} // namespace kyso
