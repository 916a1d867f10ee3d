// "What to sign": adds a signature field (visible with an image and/or text lines, or
// invisible) and a signature dictionary with a /Contents placeholder to a PDF, as the bytes of
// one incremental update. The caller hashes, signs and fills /Contents; nothing here knows
// about keys or CMS.
#pragma once

#include "core/geometry.hpp"
#include "core/image/png_image.hpp"
#include "core/pdf/form_edits.hpp"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace kyso {

class InputFile;
namespace pdf {
class RevisionBuilder;
}

/// How a visible signature looks.
struct SignatureAppearance {
    int page = 1;                        ///< 1-based
    PageRect rect;
    const PngImage* image = nullptr;     ///< drawn to fill the rectangle, alpha kept (SMask)
    std::vector<std::string> text_lines; ///< UTF-8, drawn in an embedded Vietnamese-capable font
};

/// The signature dictionary's metadata and the field that carries it.
struct SignatureRequest {
    std::string field_name;          ///< empty: "Signature1", "Signature2", …
    std::string signer_name;         ///< /Name
    std::string reason;              ///< /Reason, optional
    std::string location;            ///< /Location, optional
    std::string pdf_signing_time;    ///< /M, e.g. "D:20261124103000+07'00'"
    size_t contents_capacity = 0;    ///< bytes reserved for the CMS
    std::optional<SignatureAppearance> appearance; ///< none: an invisible signature
    /// A document time-stamp (PAdES B-LTA): /Type /DocTimeStamp /SubFilter /ETSI.RFC3161, whose
    /// /Contents is an RFC 3161 token; no /M, /Name, /Reason or /Location.
    bool document_timestamp = false;
};

/// The bytes of the update and the places the caller must fill in.
class SignatureRevision {
public:
    SignatureRevision(std::string bytes, size_t base_offset, size_t byte_range_at, size_t contents_at,
                      size_t contents_capacity, unsigned signature_object, std::string field_name);

    /// Writes the final /ByteRange: everything but the /Contents hex string.
    void fix_byte_range();
    /// The two signed spans of `bytes()` (the input file itself is wholly signed before them).
    std::pair<size_t, size_t> signed_head() const { return {0, contents_at_}; }
    std::pair<size_t, size_t> signed_tail() const;
    /// Puts the DER CMS into /Contents; throws SignatureTooLarge when it does not fit.
    void set_contents(const std::vector<unsigned char>& cms);

    const std::string& bytes() const { return bytes_; }
    size_t contents_capacity() const { return capacity_; }
    /// Where these bytes go: the size of the input file.
    size_t base_offset() const { return base_; }
    /// The /ByteRange written by fix_byte_range, in file offsets.
    std::vector<long long> byte_range() const;
    /// The object number of the signature dictionary, and the full name of its field.
    unsigned signature_object() const { return signature_object_; }
    const std::string& field_name() const { return field_name_; }

private:
    std::string bytes_;
    size_t base_;          // size of the input file: where these bytes start in the output
    size_t byte_range_at_; // offset of the /ByteRange array's '['
    size_t contents_at_;   // offset of /Contents' '<'
    size_t capacity_;
    unsigned signature_object_;
    std::string field_name_;
};

/// One PDF parsed once for one signature: what build_signature_revision would refuse is checked
/// on it before anything is signed (the shells: before the PIN is asked), then the revision is
/// built on the same parse. Refuses a document certified against any change (DocMDP P=1).
class SignatureDraft {
public:
    /// Parses `input` from its descriptor; `input` must outlive the draft.
    explicit SignatureDraft(const InputFile& input);
    ~SignatureDraft();
    SignatureDraft(SignatureDraft&&) noexcept;
    SignatureDraft& operator=(SignatureDraft&&) noexcept;

    /// What check_signature_request checks, on this parse.
    void check(const SignatureRequest& request);
    /// What build_signature_revision builds; a draft is built once.
    SignatureRevision build(const SignatureRequest& request, const FormEdits& edits = {});

private:
    std::unique_ptr<pdf::RevisionBuilder> builder_;
    std::string path_;
};

/// Checks, before anything is signed (the shells: before the PIN is asked), what
/// build_signature_revision would refuse about the PDF at `path` and the request's place: a
/// document certified against any change (DocMDP P=1), a field name taken or invalid, a page
/// that does not exist, a rectangle off the page. An empty field name stands for the free name
/// kyso will pick; the appearance's image is not looked at. Throws kyso::Error.
void check_signature_request(const std::string& path, const SignatureRequest& request);

/// Builds the update for the PDF at `path`; `edits` (filling fields, a note) go in the same
/// revision, so the new signature covers them. A field name naming an empty signature field
/// (a place prepared earlier) signs into it. A document certified against any change (DocMDP
/// P=1) is refused.
SignatureRevision build_signature_revision(const std::string& path, const SignatureRequest& request,
                                           const FormEdits& edits = {});

} // namespace kyso
