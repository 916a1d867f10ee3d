#pragma once
// A look at the classic cross-reference tables before PoDoFo parses them. PoDoFo 0.9.8 takes an
// subsection header at its word and allocates and walks an entry for every object number up to
// the highest it names: a 625-byte file whose table continues with "4000336 5161" took 1 s and
// 100 MB to open (16 s under the fuzzer's sanitizers; fuzz/RESULTS.md). Entries pointing past
// the end of the file are damage of the same kind. Such a table is
// damaged: say so before handing it over. Pure byte reading; cross-reference streams and
// anything this reader does not recognise are left to PoDoFo.

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

namespace kyso {

/// Reads `length` bytes at `offset` of the file (fewer at its end).
using ByteReader = std::function<std::string(size_t offset, size_t length)>;

/// Walks the classic tables from `startxref` along /Prev (each section once) and throws
/// InputNotPdf, naming `path`, when an in-use entry points at or past `file_size`, or when a
/// subsection names object numbers beyond the file's size in bytes (PoDoFo allocates for every
/// number up to the highest).
void check_xref_tables(const ByteReader& read, size_t file_size, size_t startxref, const std::string& path);

/// The same over a file's bytes in memory (a revision's prefix); its startxref is found at its end.
void check_xref_tables(std::string_view bytes, const std::string& path);

} // namespace kyso
