// The document a command works on, and the files around it. A PDF opened in LibreOffice is
// worked on at XModel::getURL() — the file on disk — never through the imported drawing.
#pragma once

#include "uno/settings.hpp"
#include "uno/ui.hpp"

#include <com/sun/star/frame/XModel.hpp>
#include <com/sun/star/lang/XComponent.hpp>

#include <string>

namespace kyso::lo {

enum class DocKind { Writer, Pdf, Other };

/// The frame's document, classified.
struct Source {
    css::uno::Reference<css::frame::XModel> model; ///< may be empty (scripting API on a file)
    OUString url;                                   ///< empty for a document never saved
    DocKind kind = DocKind::Other;
    bool modified = false;

    /// The local path of the file on disk; empty when never saved.
    std::string path() const;
};

/// Classifies the model shown in `frame` (no frame or no model: Other).
Source source_of_frame(const FrameRef& frame);
/// Classifies a model.
Source source_of_model(const css::uno::Reference<css::frame::XModel>& model);

/// The steps of the workflow, as they appear in output file names.
enum class Step { Draft, Signed, Issued };

/// Output path for `input` at `step` from the naming settings: "{name}-{step}.pdf" beside the
/// input (or in the configured folder). A step suffix already in the name is replaced.
std::string output_path(const Settings& settings, const std::string& input, Step step);

/// A temporary folder, removed with everything in it.
class TempDir {
public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::string& path() const { return path_; }
    std::string file(const std::string& name) const { return path_ + "/" + name; }

private:
    std::string path_;
};

/// A document loaded without a window, closed on destruction.
class HiddenDocument {
public:
    HiddenDocument(const ContextRef& context, const OUString& url, bool read_only);
    ~HiddenDocument();
    HiddenDocument(const HiddenDocument&) = delete;
    HiddenDocument& operator=(const HiddenDocument&) = delete;
    css::uno::Reference<css::frame::XModel> model() const { return model_; }

private:
    css::uno::Reference<css::frame::XModel> model_;
};

/// An open document whose URL is `url`, or empty.
css::uno::Reference<css::frame::XModel> find_open_document(const ContextRef& context, const OUString& url);

/// Opens `path` in LibreOffice (a PDF opens in Draw); `hidden` for automation (no window).
void open_in_office(const ContextRef& context, const std::string& path, bool hidden = false);

/// Throws OutputProblem when the folder of `path` is missing or not writable.
void check_output_folder(const std::string& path);

} // namespace kyso::lo
