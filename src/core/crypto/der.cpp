#include "core/crypto/der.hpp"

#include "core/error.hpp"

#include <algorithm>
#include <string>

namespace kyso::der {

static void append_length(Bytes& out, size_t length) {
    if (length < 0x80) {
        out.push_back(static_cast<unsigned char>(length));
        return;
    }
    unsigned char octets[sizeof(size_t)];
    int count = 0;
    for (size_t rest = length; rest != 0; rest >>= 8)
        octets[count++] = static_cast<unsigned char>(rest & 0xFF);
    out.push_back(static_cast<unsigned char>(0x80 | count));
    while (count > 0)
        out.push_back(octets[--count]);
}

Bytes tlv(unsigned char tag, const Bytes& content) {
    Bytes out;
    out.reserve(content.size() + 6);
    out.push_back(tag);
    append_length(out, content.size());
    out.insert(out.end(), content.begin(), content.end());
    return out;
}

Bytes concat(const std::vector<Bytes>& parts) {
    Bytes out;
    for (const Bytes& part : parts)
        out.insert(out.end(), part.begin(), part.end());
    return out;
}

Bytes sequence(const std::vector<Bytes>& elements) { return tlv(0x30, concat(elements)); }

Bytes set_of(std::vector<Bytes> elements) {
    std::sort(elements.begin(), elements.end());
    return tlv(0x31, concat(elements));
}

Bytes oid(std::string_view dotted) {
    std::vector<unsigned long> arcs;
    unsigned long value = 0;
    bool digit_seen = false;
    for (char c : dotted) {
        if (c == '.') {
            arcs.push_back(value);
            value = 0;
            digit_seen = false;
        } else if (c >= '0' && c <= '9') {
            value = value * 10 + static_cast<unsigned long>(c - '0');
            digit_seen = true;
        } else {
            throw Error(ErrorCode::Internal, "OID không hợp lệ.", "Invalid OID: " + std::string(dotted));
        }
    }
    if (digit_seen)
        arcs.push_back(value);
    if (arcs.size() < 2)
        throw Error(ErrorCode::Internal, "OID không hợp lệ.", "Invalid OID: " + std::string(dotted));

    Bytes content;
    auto put_base128 = [&content](unsigned long arc) {
        unsigned char groups[10];
        int count = 0;
        do {
            groups[count++] = static_cast<unsigned char>(arc & 0x7F);
            arc >>= 7;
        } while (arc != 0);
        while (count > 1)
            content.push_back(static_cast<unsigned char>(groups[--count] | 0x80));
        content.push_back(groups[0]);
    };
    put_base128(arcs[0] * 40 + arcs[1]);
    for (size_t i = 2; i < arcs.size(); ++i)
        put_base128(arcs[i]);
    return tlv(0x06, content);
}

Bytes octet_string(const Bytes& value) { return tlv(0x04, value); }

Bytes small_integer(unsigned value) {
    Bytes content;
    do {
        content.insert(content.begin(), static_cast<unsigned char>(value & 0xFF));
        value >>= 8;
    } while (value != 0);
    if (content.front() & 0x80) // keep it non-negative
        content.insert(content.begin(), 0);
    return tlv(0x02, content);
}

Bytes null() { return {0x05, 0x00}; }

Bytes context(unsigned n, const Bytes& content) {
    return tlv(static_cast<unsigned char>(0xA0 | n), content);
}

} // namespace kyso::der
