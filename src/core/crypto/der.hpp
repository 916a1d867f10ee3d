// A minimal DER writer: just enough ASN.1 to build a PAdES SignedData by hand. kyso builds the
// CMS itself because OpenSSL 3.0 adds signingTime to every SignerInfo it finalises, and PAdES
// baseline forbids that attribute.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace kyso::der {

using Bytes = std::vector<unsigned char>;

/// Tag-length-value with any tag byte.
Bytes tlv(unsigned char tag, const Bytes& content);
/// SEQUENCE of already-encoded elements, in order.
Bytes sequence(const std::vector<Bytes>& elements);
/// SET OF: elements sorted by their encodings, as DER requires.
Bytes set_of(std::vector<Bytes> elements);
/// OBJECT IDENTIFIER from dotted text ("1.2.840.113549.1.7.1").
Bytes oid(std::string_view dotted);
/// OCTET STRING.
Bytes octet_string(const Bytes& value);
/// INTEGER holding a small non-negative value.
Bytes small_integer(unsigned value);
/// NULL.
Bytes null();
/// Context-specific constructed tag [n] around already-encoded content.
Bytes context(unsigned n, const Bytes& content);
/// Concatenation.
Bytes concat(const std::vector<Bytes>& parts);

} // namespace kyso::der
