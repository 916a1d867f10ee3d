// The stream PoDoFo parses a signing's input through (core/io/descriptor_reader): the bytes it
// gives are the file's wherever it is sought, the descriptor's own offset stays where it was
// (the same descriptor is copied from afterwards), and going back and forth between two places,
// as PoDoFo does between a cross-reference entry and its object, reads each block once.
#include "support/files.hpp"
#include "support/test_env.hpp"

#include "core/io/descriptor_reader.hpp"
#include "core/io/input_file.hpp"

#include <gtest/gtest.h>

#include <string>

#include <unistd.h>

namespace kyso {
namespace {

std::string numbered_bytes(size_t size) {
    std::string bytes(size, '\0');
    for (size_t i = 0; i < size; ++i)
        bytes[i] = static_cast<char>('a' + (i * 7 + i / 251) % 26);
    return bytes;
}

TEST(DescriptorReader, ReadsTheFileWhereverItSeeksAndLeavesTheOffset) {
    std::string content = numbered_bytes(200 * 1024 + 17);
    std::string path = (test::TestEnv::get().scratch() / "descriptor-reader.bin").string();
    test::write_file(path, content);
    InputFile input(path);
    DescriptorStream stream(input.fd(), static_cast<off_t>(input.size()));
    for (size_t at : {size_t{0}, size_t{150000}, size_t{16383}, content.size() - 5, size_t{70000}}) {
        stream.seekg(static_cast<std::streamoff>(at));
        ASSERT_EQ(static_cast<size_t>(stream.tellg()), at);
        std::string got(40, '\0');
        stream.read(got.data(), 40);
        got.resize(static_cast<size_t>(stream.gcount()));
        EXPECT_EQ(got, content.substr(at, 40)) << "at " << at;
        stream.clear();
    }
    stream.seekg(0, std::ios::end);
    EXPECT_EQ(static_cast<size_t>(stream.tellg()), content.size());
    EXPECT_EQ(::lseek(input.fd(), 0, SEEK_CUR), 0); // pread only
}

TEST(DescriptorReader, BackAndForthReadsEachBlockOnce) {
    std::string content = numbered_bytes(1 << 20);
    std::string path = (test::TestEnv::get().scratch() / "descriptor-reader-pingpong.bin").string();
    test::write_file(path, content);
    InputFile input(path);
    DescriptorStream stream(input.fd(), static_cast<off_t>(input.size()));
    // 500 steps between an "entry" near the end and an "object" near the start, 20 bytes each.
    for (size_t i = 0; i < 500; ++i) {
        for (size_t at : {900000 + i * 20, i * 20}) {
            stream.seekg(static_cast<std::streamoff>(at));
            char got[20];
            stream.read(got, sizeof got);
            ASSERT_EQ(std::string(got, sizeof got), content.substr(at, 20));
        }
    }
    // 10,000 bytes in each place: one 16 KB block each (two at most where one crosses a boundary).
    EXPECT_LE(stream.reader().blocks_read(), 4u);
}

} // namespace
} // namespace kyso
