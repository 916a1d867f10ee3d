#include "core/workflow/signing_preview.hpp"

#include "core/error.hpp"
#include "core/io/scratch_file.hpp"
#include "core/pdf/form_edits.hpp"
#include "core/workflow/role_plans.hpp"

#include <ctime>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <set>

namespace kyso {

namespace fs = std::filesystem;

namespace {

// The names of everything the revision writes into fields: fills, new text fields and notes.
std::set<std::string> written_field_names(const FormEdits& edits) {
    std::set<std::string> names;
    for (const FieldFill& fill : edits.fills)
        names.insert(fill.name);
    for (const TextFieldSpec& field : edits.text_fields)
        names.insert(field.name);
    for (const NoteSpec& note : edits.notes)
        names.insert(note.name);
    return names;
}

// The pages other than `signed_page` that hold a written field, with the fields' rectangles,
// read from the unsigned copy (which has the revision's new fields too).
std::map<int, std::vector<PageRect>> other_written_pages(const std::string& copy, const FormEdits& edits,
                                                         int signed_page) {
    std::map<int, std::vector<PageRect>> pages;
    std::set<std::string> names = written_field_names(edits);
    if (names.empty())
        return pages;
    for (const FormField& field : read_form_fields(copy))
        if (field.page > 0 && field.page != signed_page && names.count(field.name))
            pages[field.page].push_back(field.rect);
    return pages;
}

// Removes the pictures written so far unless the preview completes.
class PicturesInProgress {
public:
    void add(const std::string& path) { paths_.push_back(path); }
    void keep() { paths_.clear(); }
    ~PicturesInProgress() {
        std::error_code ignored;
        for (const std::string& path : paths_)
            fs::remove(path, ignored);
    }

private:
    std::vector<std::string> paths_;
};

} // namespace

std::string preview_png_of(const std::string& png_path, int page) {
    fs::path path(png_path);
    fs::path named = path.parent_path() / (path.stem().string() + "-trang-" + std::to_string(page));
    return named.string() + (path.has_extension() ? path.extension().string() : std::string(".png"));
}

SigningPreview preview_signature(const SignOptions& sign, const std::string& png_path, double dpi) {
    if (!sign.visible)
        throw Error(ErrorCode::BadArguments, "Chữ ký không hiển thị thì không có gì để xem trước.",
                    "An invisible signature has nothing to preview.");
    SignatureRevision revision = unsigned_revision(prepare_signing(sign));

    ScratchFile unsigned_copy(png_path, "preview");
    std::error_code failed;
    fs::copy_file(sign.input, unsigned_copy.path(), fs::copy_options::overwrite_existing, failed);
    std::ofstream out;
    if (!failed) {
        out.open(unsigned_copy.path(), std::ios::binary | std::ios::app);
        out.write(revision.bytes().data(), static_cast<std::streamsize>(revision.bytes().size()));
        out.close();
    }
    if (failed || !out)
        throw Error(ErrorCode::OutputProblem, "Không ghi được bản xem trước cạnh \"" + png_path + "\".",
                    "Cannot write the preview beside \"" + png_path + "\".", failed ? failed.message() : "");
    SigningPreview preview;
    PicturesInProgress pictures;
    pictures.add(png_path);
    preview.picture = render_page_png(unsigned_copy.path(), sign.visible->page, dpi, png_path);
    preview.image_box = pixels_of(unsigned_copy.path(), sign.visible->page, dpi, sign.visible->rect);
    for (const auto& [page, rects] : other_written_pages(unsigned_copy.path(), sign.edits, sign.visible->page)) {
        FilledPage filled;
        filled.png_path = preview_png_of(png_path, page);
        pictures.add(filled.png_path);
        filled.picture = render_page_png(unsigned_copy.path(), page, dpi, filled.png_path);
        for (const PageRect& rect : rects)
            filled.boxes.push_back(pixels_of(unsigned_copy.path(), page, dpi, rect));
        preview.filled_pages.push_back(std::move(filled));
    }
    pictures.keep();
    return preview;
}

SigningPreview preview_official_signature(const OfficialSignOptions& options, const std::string& png_path,
                                          const NoticeSink& notices, double dpi) {
    OfficialPlan plan = plan_official_signature(options, notices);
    return preview_signature(plan.sign, png_path, dpi);
}

SigningPreview preview_issue_signature(const IssueOptions& options, const std::string& png_path,
                                       const NoticeSink& notices, double dpi) {
    IssueOptions numbered = options;
    if (std::optional<int> written = written_number(options))
        numbered.number = *written;
    if (numbered.number < 1)
        throw Error(ErrorCode::BadArguments, "Cần số văn bản để xem trước bản phát hành.",
                    "The preview of an issuance needs the document's number.");
    IssuePlan plan = plan_issue_signature(numbered, notices);
    try {
        return preview_signature(plan.sign, png_path, dpi);
    } catch (const Error& error) {
        throw seal_error(error, plan);
    }
}

} // namespace kyso
