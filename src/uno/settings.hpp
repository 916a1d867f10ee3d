// kyso's settings in LibreOffice's configuration (/vn.kyso.Settings, schema in
// registry/Settings.xcs). Read fresh for each command, so a change applies at once.
#pragma once

#include <com/sun/star/uno/XComponentContext.hpp>

#include <string>
#include <vector>

namespace kyso::lo {

/// Everything the settings dialog edits. Image and folder values are file URLs or paths.
struct Settings {
    std::string module;            ///< PKCS#11 module path; empty: default resolution
    std::string token_label;
    std::string official_cert;     ///< certificate for vn.kyso:SignOfficial
    std::string organisation_cert; ///< certificate for vn.kyso:Issue
    std::string organisation_name;
    std::string symbol;            ///< proposed at issuance, e.g. "QĐ-UBND"
    std::string signature_image;
    std::string seal_image;
    double seal_diameter_mm = 0;   ///< 0: from the PNG's physical size
    std::string output_folder;     ///< empty: beside the document
    std::string output_pattern = "{name}-{step}.pdf";
    bool pdfa = false;
    std::vector<std::string> trust_anchors; ///< for the signers' chains and the TSA's
    std::string tsa_url;                    ///< RFC 3161 server: signatures get a time-stamp; empty: none
    bool tsa_allow_without = false;         ///< sign without a time-stamp when the TSA fails (else refuse)
    std::string register_location; ///< outgoing register: SQLite file, postgresql://…; empty: kyso's default
    std::string register_book = "chung"; ///< the register book numbers are counted in
};

using ContextRef = css::uno::Reference<css::uno::XComponentContext>;

/// Reads the settings.
Settings load_settings(const ContextRef& context);
/// Writes every setting and commits.
void save_settings(const ContextRef& context, const Settings& settings);

/// A setting that may be a file URL or a plain path, as a path.
std::string local_path(const std::string& value);
/// The trust anchors of the settings as paths: for the signers' chains and the TSA's.
std::vector<std::string> trust_anchor_paths(const Settings& settings);

/// The outgoing register to use: the setting (a file URL becomes a path), else the same default
/// register as the `kyso` tool ($KYSO_REGISTER, else a file in the user's data folder).
std::string register_location(const Settings& settings);

} // namespace kyso::lo
