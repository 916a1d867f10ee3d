// The Document Security Store (PAdES B-LT, ISO 32000-2 12.8.4.3): the certificates, OCSP
// responses and CRLs a verifier needs years later, kept inside the PDF in /Root /DSS, with a
// /VRI entry per signature saying which of them validate it. PoDoFo stays inside the .cpp.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace kyso {

using DerBlob = std::vector<unsigned char>;

/// Which items of a DssContent validate one signature (indexes into its lists).
struct DssVri {
    std::vector<size_t> certs, ocsps, crls;
};

/// The validation data, PDF-agnostic.
struct DssContent {
    std::vector<DerBlob> certs; ///< DER certificates
    std::vector<DerBlob> ocsps; ///< DER OCSPResponse
    std::vector<DerBlob> crls;  ///< DER CertificateList
    /// Key: uppercase hex SHA-1 of the signature's /Contents string (as stored, padding included).
    std::map<std::string, DssVri> vri;

    bool empty() const { return certs.empty() && ocsps.empty() && crls.empty(); }
};

/// The validation data already in the PDF at `path` (empty when it has no /DSS); the /VRI
/// map lists the keys present, with empty index lists.
DssContent read_dss(const std::string& path);

/// The same as the revision ending at byte `revision_end` saw it (what a document time-stamp
/// ending there covers).
DssContent read_dss(const std::string& path, size_t revision_end);

/// The bytes of an incremental update to append to the PDF at `path` that puts `add` into its
/// DSS, keeping what is already there (an item already stored is referenced, not copied).
std::string build_dss_update(const std::string& path, const DssContent& add);

/// The /VRI key of a signature: uppercase hex SHA-1 of its /Contents bytes.
std::string vri_key(const std::vector<unsigned char>& contents);

} // namespace kyso
