// Internal to src/core/pdf: what one object's bytes say without PoDoFo parsing them — the
// references it holds and, for a dictionary, its /Type and whether it has /Kids. Reading a page
// object through PoDoFo costs ~200,000 instructions; this reads it in a few thousand, so the
// modification analysis and page numbering can pass over thousands of pages they do not need.
// The skimmer tokenises as PoDoFo 0.9.8's PdfTokenizer does (comments, nested strings, hex
// strings, names, "N G R"); whatever it is not sure of makes the result unreliable, and the
// caller then asks PoDoFo.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace kyso::pdf {

struct SkimmedObject {
    struct Reference {
        unsigned number = 0;
        bool top_level_parent = false; ///< the value of the dictionary's own /Parent key
        bool top_level_length = false; ///< the value of its own /Length (a stream's length)
    };
    /// Read to the end of its value, followed by endobj or stream, with nothing PoDoFo would
    /// read differently (or refuse). When false, nothing else here may be relied on.
    bool reliable = false;
    bool dictionary = false;
    bool has_kids = false;  ///< a /Kids key of the dictionary itself
    bool escaped_names = false; ///< a name written with '#': its meaning is left to PoDoFo
    bool has_type = false;      ///< the dictionary itself has a /Type key
    bool type_is_name = false;  ///< and its value is a direct name
    std::string type;           ///< that name ("Page", "Pages", ...), empty without /Type
    std::vector<Reference> references; ///< every reference in the value, in order
};

/// Skims the object whose value starts at `offset` of `bytes` (just after "N G obj", where
/// PoDoFo's parser objects keep their offset).
SkimmedObject skim_object(std::string_view bytes, size_t offset);

/// A page-tree leaf for sure: a reliable dictionary without /Kids whose /Type is a plain name
/// other than /Pages (or absent), with no escaped name that could mean either.
bool certainly_page_leaf(const SkimmedObject& object);

} // namespace kyso::pdf
