// Internal to src/core/pdf: a PDF parsed by PoDoFo for an incremental update, with PoDoFo's
// errors turned into kyso errors that say what is wrong with the file.
#pragma once

#include "core/io/descriptor_reader.hpp"
#include "core/io/input_file.hpp"
#include "core/pdf/pdf_tail.hpp"

#include <podofo/podofo.h>

#include <memory>
#include <string>

namespace kyso::pdf {

/// The last revision of a PDF, loaded lazily (streams stay on disk until needed).
class LoadedPdf {
public:
    explicit LoadedPdf(const std::string& path);
    /// Parsed from the descriptor of `input`, which must outlive this (streams are read from
    /// it when needed); its file offset is not moved, so the same descriptor is copied from
    /// after.
    explicit LoadedPdf(const InputFile& input);

    PoDoFo::PdfMemDocument& doc() { return *doc_; }
    const PdfTail& tail() const { return tail_; }
    /// The first object number free for new objects (the trailer's /Size).
    unsigned first_new_object() const { return first_new_object_; }
    /// The trailer entries an update must carry over (nullptr when absent in the input).
    const PoDoFo::PdfObject* root_ref() const { return root_; }
    const PoDoFo::PdfObject* info_ref() const { return info_; }
    const PoDoFo::PdfObject* id() const { return id_; }
    /// The last trailer as read (for a cross-reference stream: its dictionary).
    const PoDoFo::PdfDictionary& trailer() const { return doc_->GetTrailer()->GetDictionary(); }

    /// Documents PoDoFo has loaded in this process, for the tests that pin how often one
    /// operation parses its input (signing: once).
    static unsigned long long documents_loaded();

private:
    explicit LoadedPdf(std::unique_ptr<InputFile> input);

    std::unique_ptr<InputFile> owned_input_; // opened by the path constructor
    std::unique_ptr<DescriptorStream> stream_; // PoDoFo reads through it, as long as doc_ lives
    std::unique_ptr<PoDoFo::PdfMemDocument> doc_;
    PdfTail tail_;
    unsigned first_new_object_ = 0;
    const PoDoFo::PdfObject* root_ = nullptr;
    const PoDoFo::PdfObject* info_ = nullptr;
    const PoDoFo::PdfObject* id_ = nullptr;
};

/// Turns a PoDoFo error into a kyso error about `path`.
[[noreturn]] void rethrow_podofo(const PoDoFo::PdfError& error, const std::string& path);

} // namespace kyso::pdf
