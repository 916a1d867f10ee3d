// Checks an RFC 3161 time-stamp token used as a PDF document time-stamp (SubFilter
// ETSI.RFC3161, PAdES B-LTA): the token's message imprint against the byte ranges, the TSA's
// signature and its binding to the TSA certificate (ESS signing-certificate), and that
// certificate's chain and extended key usage. PDF-agnostic, like check_cms.
#pragma once

#include "core/crypto/cms_check.hpp"

namespace kyso {

/// Checks DER `token` (a ContentInfo: SignedData over a TSTInfo) against the ranges. The
/// report's signer is the TSA: `digest_ok` is the imprint, `key_usage_ok` the critical
/// timeStamping extended key usage, the chain and validity are checked at the token's genTime
/// (`timestamp_time`). `certificates` holds the TSA certificate first, then the token's others.
CmsReport check_document_timestamp(const ossl::Bytes& token, const RangeDigester& digest_ranges,
                                   const TrustStore& trust);

} // namespace kyso
