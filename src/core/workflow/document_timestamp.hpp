// PAdES B-LTA's last step: a document time-stamp — an invisible signature field whose value is
// a /DocTimeStamp dictionary (SubFilter ETSI.RFC3161) holding an RFC 3161 token over the
// document's byte ranges — in an incremental update of its own, so that everything before it
// (signatures, validation data) is dated and sealed by a TSA.
#pragma once

#include "core/crypto/tsa_client.hpp"

#include <string>
#include <vector>

namespace kyso {

/// What a document time-stamp needs.
struct DocumentTimestampOptions {
    std::string input;
    std::string output;
    TsaConfig tsa;
    std::vector<std::string> tsa_trust; ///< PEM anchors for the TSA's chain; empty: the system store
    size_t token_reserve = 16384;       ///< bytes reserved in /Contents for the token
};

/// What was written.
struct DocumentTimestampResult {
    std::string output;
    std::string field_name;   ///< "DocTimeStamp1", …
    std::string time;         ///< the token's genTime, ISO 8601 UTC
    std::string tsa_name;     ///< the TSA certificate's subject
    size_t bytes_added = 0;
};

/// Writes `options.output`: the input plus one update holding a document time-stamp, read back
/// and checked before it is put in place. An unreachable TSA or a refused answer throws
/// SigningFailed and nothing is written; the input is never written.
DocumentTimestampResult add_document_timestamp(const DocumentTimestampOptions& options);

} // namespace kyso
