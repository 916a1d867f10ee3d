// The one signing act every role ends in: add a PAdES signature made with a key (on a token)
// to a PDF, as an incremental update, and only put the result in place once it verifies.
#pragma once

#include "core/crypto/key_signer.hpp"
#include "core/crypto/tsa_client.hpp"
#include "core/notice.hpp"
#include "core/pdf/form_edits.hpp"
#include "core/pdf/signature_revision.hpp"

#include <ctime>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace kyso {

class InputFile;

/// A visible signature's place and content, as the user gives it.
struct VisibleSignature {
    int page = 1;
    PageRect rect;
    std::string image_path;              ///< PNG; empty for text only
    std::vector<std::string> text_lines; ///< empty for image only
};

/// Everything one signing needs besides the key.
struct SignOptions {
    std::string input;
    std::string output;
    std::string field_name;   ///< empty: the next "SignatureN"
    std::string reason;
    std::string location;
    std::optional<VisibleSignature> visible; ///< none: invisible signature
    FormEdits edits;                         ///< field fills or notes made in the same revision
    std::time_t signing_time = 0;            ///< 0: now
    size_t contents_margin = 2048;           ///< bytes beyond the dry-run size of the CMS
    std::optional<TsaConfig> tsa;            ///< set: add a signature time-stamp (PAdES B-T)
    bool allow_no_timestamp = false;         ///< TSA unreachable or refused: sign without (warned)
    std::vector<std::string> tsa_trust;      ///< PEM anchors for the TSA chain; empty: system store
    size_t timestamp_reserve = 12288;        ///< bytes reserved in /Contents for the token
};

/// What was written.
struct SignResult {
    std::string output;
    size_t input_size = 0;
    size_t bytes_added = 0;
    std::string signing_time_iso; ///< ISO 8601 with +07:00
    std::string signer_name;
    bool timestamped = false; ///< the CMS carries a verified signature time-stamp
};

/// The checks that need no token: the input exists and looks like a PDF, the output is
/// another file, the document is not certified against any change (DocMDP P=1). Shells run
/// them before asking for a PIN.
void check_sign_paths(const std::string& input, const std::string& output);

/// A signing checked as far as it can be without a token, its input opened and parsed once:
/// the descriptor it was parsed from is the one the unchanged prefix is copied from.
class PreparedSigning {
public:
    PreparedSigning(PreparedSigning&&) noexcept;
    PreparedSigning& operator=(PreparedSigning&&) noexcept;
    ~PreparedSigning();

    const SignOptions& options() const { return options_; }
    /// The visible signature with its decoded image (valid while this object lives); none when invisible.
    std::optional<SignatureAppearance> appearance() const;

private:
    friend PreparedSigning prepare_signing(const SignOptions& options);
    friend SignResult sign_pdf(PreparedSigning prepared, const KeySigner& signer, const NoticeSink& notices);
    friend SignatureRevision unsigned_revision(PreparedSigning prepared);
    explicit PreparedSigning(const SignOptions& options);

    SignOptions options_;
    std::optional<PngImage> image_;                 // the visible signature's decoded PNG
    std::optional<SignatureAppearance> appearance_; // without the image: image_ moves
    std::unique_ptr<InputFile> input_;
    std::optional<SignatureDraft> draft_;           // parsed from input_
};

/// check_sign_paths plus everything else about `options` that needs no token: the image, the
/// field name, the page and the rectangle of a visible signature. `kyso sign` runs it before
/// asking for the PIN, so that a PIN is never typed for a command that fails on its arguments;
/// the parse it made is the one sign_pdf builds on.
PreparedSigning prepare_signing(const SignOptions& options);

/// Signs `options.input` into `options.output` with `signer`. The output appears only when it
/// verifies; the input is never written. Throws kyso::Error.
SignResult sign_pdf(const SignOptions& options, const KeySigner& signer, const NoticeSink& notices = {});
/// The same for a signing prepared (and its input parsed) before the token was opened.
SignResult sign_pdf(PreparedSigning prepared, const KeySigner& signer, const NoticeSink& notices = {});

/// The update sign_pdf would append, but with an empty /Contents and no key: what the preview
/// before the PIN (signing_preview.hpp) renders.
SignatureRevision unsigned_revision(PreparedSigning prepared);

} // namespace kyso
