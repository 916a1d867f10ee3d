// Internal to src/core/pdf: which objects refer to which, over the revisions of one file, so
// that the modification analysis can find every place a changed object is used without
// walking every page. Objects are skimmed from the file's bytes (object_skim); one the skimmer
// is not sure of is read through PoDoFo. The index only grows: an object's earlier definitions
// keep their references, which can only add places to look at, never hide one.
#pragma once

#include "core/pdf/object_skim.hpp"

#include <podofo/podofo.h>

#include <cstddef>
#include <set>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace kyso::pdf {

class ReferenceIndex {
public:
    /// Adds every object of `doc`, a revision read from `bytes` (the file up to its end). A
    /// definition read from the bytes is added once however many revisions share it; one that is
    /// not (an object of an object stream) once per call, so add each revision once.
    void add_document(PoDoFo::PdfMemDocument& doc, std::string_view bytes);

    /// `targets` and every object from which a walk down the document reaches one of them.
    /// The walk never follows a dictionary's own /Parent (a page's or a field's, which would
    /// make every page reach the page tree), except from `parent_followed` (the catalogs and
    /// forms, whose every key is walked).
    std::unordered_set<unsigned> reaching(const std::set<unsigned>& targets,
                                          const std::set<unsigned>& parent_followed) const;
    /// The streams whose own /Length refers to `number`.
    std::vector<unsigned> lengths_from(unsigned number) const;

    /// Whether the definition of `object` is a page-tree leaf for sure (certainly_page_leaf),
    /// from its bytes; false when that cannot be told without PoDoFo.
    bool certainly_page_leaf(const PoDoFo::PdfObject& object, std::string_view bytes);

    /// Objects read through PoDoFo instead of skimmed (for the tests that pin the cost).
    size_t read_by_podofo() const { return read_by_podofo_; }

private:
    struct Edge {
        unsigned from;
        bool via_parent;
        bool via_length;
    };
    const SkimmedObject& skim(long long offset, std::string_view bytes);
    void add_object(PoDoFo::PdfObject& object, std::string_view bytes);

    std::unordered_map<unsigned, std::vector<Edge>> referrers_;
    std::set<std::pair<unsigned, long long>> added_; // (number, offset of its definition)
    std::unordered_map<long long, SkimmedObject> skims_;
    size_t read_by_podofo_ = 0;
};

} // namespace kyso::pdf
