#include "core/register/zip_writer.hpp"

#include "core/error.hpp"

#include <array>
#include <cstdint>

namespace kyso {
namespace {

void put16(std::string& out, unsigned value) {
    out += static_cast<char>(value & 0xff);
    out += static_cast<char>((value >> 8) & 0xff);
}
void put32(std::string& out, unsigned long value) {
    put16(out, static_cast<unsigned>(value & 0xffff));
    put16(out, static_cast<unsigned>((value >> 16) & 0xffff));
}

constexpr unsigned kDosDate = (2020 - 1980) << 9 | 1 << 5 | 1; // a fixed date: reproducible files

} // namespace

unsigned crc32_of(const std::string& data) {
    static const std::array<uint32_t, 256> table = [] {
        std::array<uint32_t, 256> t{};
        for (uint32_t i = 0; i < 256; ++i) {
            uint32_t c = i;
            for (int k = 0; k < 8; ++k)
                c = c & 1 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            t[i] = c;
        }
        return t;
    }();
    uint32_t crc = 0xFFFFFFFFu;
    for (unsigned char b : data)
        crc = table[(crc ^ b) & 0xff] ^ (crc >> 8);
    return crc ^ 0xFFFFFFFFu;
}

void ZipWriter::add(const std::string& name, const std::string& data) {
    if (data.size() >= 0xFFFFFFFFu)
        throw Error(ErrorCode::Internal, "Tệp quá lớn để nén.", "Entry too large for a ZIP without ZIP64.");
    entries_.push_back({name, data, crc32_of(data), 0});
}

std::string ZipWriter::bytes() const {
    std::string out, central;
    std::vector<size_t> offsets;
    for (const Entry& e : entries_) {
        offsets.push_back(out.size());
        put32(out, 0x04034b50); // local file header
        put16(out, 20);         // version needed: 2.0
        put16(out, 0x0800);     // flags: names are UTF-8
        put16(out, 0);          // stored
        put16(out, 0);          // time
        put16(out, kDosDate);
        put32(out, e.crc);
        put32(out, e.data.size());
        put32(out, e.data.size());
        put16(out, static_cast<unsigned>(e.name.size()));
        put16(out, 0);
        out += e.name;
        out += e.data;
    }
    for (size_t i = 0; i < entries_.size(); ++i) {
        const Entry& e = entries_[i];
        put32(central, 0x02014b50); // central directory header
        put16(central, 20);
        put16(central, 20);
        put16(central, 0x0800);
        put16(central, 0);
        put16(central, 0);
        put16(central, kDosDate);
        put32(central, e.crc);
        put32(central, e.data.size());
        put32(central, e.data.size());
        put16(central, static_cast<unsigned>(e.name.size()));
        put16(central, 0); // extra
        put16(central, 0); // comment
        put16(central, 0); // disk
        put16(central, 0); // internal attributes
        put32(central, 0); // external attributes
        put32(central, offsets[i]);
        central += e.name;
    }
    size_t central_offset = out.size();
    out += central;
    put32(out, 0x06054b50); // end of central directory
    put16(out, 0);
    put16(out, 0);
    put16(out, static_cast<unsigned>(entries_.size()));
    put16(out, static_cast<unsigned>(entries_.size()));
    put32(out, central.size());
    put32(out, central_offset);
    put16(out, 0);
    return out;
}

} // namespace kyso
