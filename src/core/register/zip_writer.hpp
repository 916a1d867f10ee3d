// A minimal ZIP writer (stored entries, no compression): enough for an OpenDocument package,
// whose first entry must be an uncompressed "mimetype".
#pragma once

#include <string>
#include <vector>

namespace kyso {

/// Collects entries in memory; bytes() returns the whole archive.
class ZipWriter {
public:
    void add(const std::string& name, const std::string& data);
    std::string bytes() const;

private:
    struct Entry {
        std::string name, data;
        unsigned crc = 0;
        size_t offset = 0;
    };
    std::vector<Entry> entries_;
};

/// CRC-32 (IEEE 802.3), as ZIP records it.
unsigned crc32_of(const std::string& data);

} // namespace kyso
