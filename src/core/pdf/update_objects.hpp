// Internal to src/core/pdf: the objects of one incremental update, parsed by PoDoFo from the
// update's own bytes — its cross-reference section, then each object it lists — without the
// revisions before it. The read-back after writing checks the new revision this way instead of
// parsing the whole file again.
#pragma once

#include <podofo/podofo.h>

#include <map>
#include <memory>
#include <string>

namespace kyso::pdf {

class UpdateObjects {
public:
    /// `update`: the bytes that follow the previous revision, which ends at offset `base`.
    /// Never throws for bad bytes: problem() says what is wrong.
    UpdateObjects(std::string update, size_t base);
    ~UpdateObjects();
    UpdateObjects(const UpdateObjects&) = delete;
    UpdateObjects& operator=(const UpdateObjects&) = delete;

    /// Empty when the section is well formed: startxref names this update's cross-reference
    /// section (a table or an uncompressed stream, as kyso writes them), every entry names the
    /// offset of its own "N G obj" header inside the update, and every listed object parses.
    const std::string& problem() const { return problem_; }
    /// The listed objects by number (the cross-reference stream among them).
    const std::map<unsigned, PoDoFo::PdfObject*>& objects() const { return objects_; }
    PoDoFo::PdfObject* object(unsigned number) const;
    /// The trailer: the table's trailer dictionary or the cross-reference stream's dictionary.
    const PoDoFo::PdfDictionary* trailer() const;

private:
    void parse();
    void read_table(size_t at);
    void read_stream(size_t at);
    void add_entry(unsigned number, unsigned generation, size_t offset);
    std::unique_ptr<PoDoFo::PdfParserObject> parse_at(size_t at, bool is_trailer);

    std::string bytes_;
    size_t base_;
    std::string problem_;
    std::unique_ptr<PoDoFo::PdfVecObjects> owner_;
    PoDoFo::PdfRefCountedInputDevice device_;
    PoDoFo::PdfRefCountedBuffer buffer_;
    std::map<unsigned, std::unique_ptr<PoDoFo::PdfParserObject>> parsed_;
    std::map<unsigned, PoDoFo::PdfObject*> objects_;
    std::unique_ptr<PoDoFo::PdfParserObject> trailer_;
};

} // namespace kyso::pdf
