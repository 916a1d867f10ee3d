#include "core/workflow/signing_preview.hpp"

#include "core/error.hpp"
#include "core/io/scratch_file.hpp"
#include "core/workflow/role_plans.hpp"

#include <ctime>
#include <filesystem>
#include <fstream>
#include <optional>

namespace kyso {

namespace fs = std::filesystem;

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
    preview.picture = render_page_png(unsigned_copy.path(), sign.visible->page, dpi, png_path);
    preview.image_box = pixels_of(unsigned_copy.path(), sign.visible->page, dpi, sign.visible->rect);
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
