#include "core/pdf/reference_index.hpp"

#include <deque>

namespace kyso::pdf {

using namespace PoDoFo;

namespace {

constexpr int kMaxDepth = 256;

// The references in a value PoDoFo has read, each told whether it is the value of the
// dictionary's own /Parent.
void collect(const PdfObject& value, int depth, SkimmedObject::Reference place,
             std::vector<SkimmedObject::Reference>& out) {
    if (depth > kMaxDepth)
        return;
    if (value.IsReference()) {
        place.number = value.GetReference().ObjectNumber();
        out.push_back(place);
    } else if (value.IsArray()) {
        for (const PdfObject& item : value.GetArray())
            collect(item, depth + 1, {}, out);
    } else if (value.IsDictionary()) {
        for (const auto& [key, item] : value.GetDictionary().GetKeys()) {
            SkimmedObject::Reference entry;
            entry.top_level_parent = depth == 0 && key == PdfName("Parent");
            entry.top_level_length = depth == 0 && key == PdfName("Length");
            collect(*item, depth + 1, entry, out);
        }
    }
}

// Where a parser object's value starts in the file (-1: not read from the file's bytes, like an
// object of an object stream or one PoDoFo made up).
long long offset_of(const PdfObject& object) {
    const auto* parsed = dynamic_cast<const PdfParserObject*>(&object);
    return parsed ? parsed->GetOffset() : -1;
}

} // namespace

const SkimmedObject& ReferenceIndex::skim(long long offset, std::string_view bytes) {
    auto found = skims_.find(offset);
    if (found == skims_.end())
        found = skims_.emplace(offset, skim_object(bytes, static_cast<size_t>(offset))).first;
    return found->second;
}

void ReferenceIndex::add_document(PdfMemDocument& doc, std::string_view bytes) {
    for (PdfObject* object : doc.GetObjects())
        add_object(*object, bytes);
}

void ReferenceIndex::add_object(PdfObject& object, std::string_view bytes) {
    unsigned number = object.Reference().ObjectNumber();
    long long offset = offset_of(object);
    if (offset >= 0 && !added_.insert({number, offset}).second)
        return;
    std::vector<SkimmedObject::Reference> references;
    const SkimmedObject* skimmed = offset >= 0 ? &skim(offset, bytes) : nullptr;
    if (skimmed && skimmed->reliable) {
        references = skimmed->references;
    } else {
        ++read_by_podofo_;
        collect(object, 0, {}, references); // may throw PdfError: the object cannot be read
    }
    for (const SkimmedObject::Reference& reference : references)
        referrers_[reference.number].push_back({number, reference.top_level_parent, reference.top_level_length});
}

std::unordered_set<unsigned> ReferenceIndex::reaching(const std::set<unsigned>& targets,
                                                      const std::set<unsigned>& parent_followed) const {
    std::unordered_set<unsigned> found(targets.begin(), targets.end());
    std::deque<unsigned> todo(targets.begin(), targets.end());
    while (!todo.empty()) {
        unsigned number = todo.front();
        todo.pop_front();
        auto edges = referrers_.find(number);
        if (edges == referrers_.end())
            continue;
        for (const Edge& edge : edges->second)
            if ((!edge.via_parent || parent_followed.count(edge.from)) && found.insert(edge.from).second)
                todo.push_back(edge.from);
    }
    return found;
}

std::vector<unsigned> ReferenceIndex::lengths_from(unsigned number) const {
    std::vector<unsigned> out;
    auto edges = referrers_.find(number);
    if (edges != referrers_.end())
        for (const Edge& edge : edges->second)
            if (edge.via_length)
                out.push_back(edge.from);
    return out;
}

bool ReferenceIndex::certainly_page_leaf(const PdfObject& object, std::string_view bytes) {
    long long offset = offset_of(object);
    return offset >= 0 && pdf::certainly_page_leaf(skim(offset, bytes));
}

} // namespace kyso::pdf
