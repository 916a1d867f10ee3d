#include "core/workflow/issue_batch.hpp"

#include "core/error.hpp"
#include "core/io/atomic_output.hpp"
#include "core/io/file_names.hpp"
#include "core/io/scratch_file.hpp"
#include "core/pdf/form_edits.hpp"
#include "core/workflow/role_plans.hpp"

#include <sys/stat.h>

#include <cerrno>
#include <filesystem>
#include <memory>

namespace kyso {
namespace {

namespace fs = std::filesystem;

// An attachment's error, saying which attachment it is about.
Error about_attachment(const Error& error, size_t index, const std::string& path) {
    std::string n = std::to_string(index + 1);
    return Error(error.code(), "Tệp đính kèm " + n + " (\"" + path + "\"): " + error.vietnamese(),
                 "Attachment " + n + " (\"" + path + "\"): " + error.english(), error.cause());
}

// A file already signed is not an attachment waiting for issuance: most likely a document issued
// before, or the wrong file; a second signature and note would stand over the first.
void require_unsigned(const std::string& path) {
    for (const FormField& f : read_form_fields(path))
        if (f.type == "Sig" && f.has_value)
            throw Error(ErrorCode::BadArguments,
                        "tệp đã có chữ ký số (" + f.name + "); chỉ đính kèm bản chưa ký — có thể đây là tệp đã phát hành "
                        "trước đó.",
                        "the file is already signed (" + f.name + "); attach only unsigned files — it may be a file "
                        "issued before.");
}

// Every input against every output, and no two outputs alike.
void require_distinct_files(const IssueBatchOptions& options) {
    std::vector<std::string> inputs{options.issue.input}, outputs{options.issue.output};
    for (const AttachmentFile& a : options.attachments) {
        inputs.push_back(a.input);
        outputs.push_back(a.output);
    }
    for (size_t i = 1; i < inputs.size(); ++i)
        for (size_t j = 0; j < i; ++j)
            if (same_file(inputs[i], inputs[j]))
                throw Error(ErrorCode::BadArguments,
                            "Tệp \"" + inputs[i] + "\" được chọn hai lần (văn bản chính và tệp đính kèm phải là các "
                            "tệp khác nhau).",
                            "\"" + inputs[i] + "\" is given twice (the main document and its attachments must be "
                            "different files).");
    for (const std::string& in : inputs)
        for (const std::string& out : outputs)
            require_distinct_paths(in, out);
    for (size_t i = 1; i < outputs.size(); ++i)
        for (size_t j = 0; j < i; ++j)
            if (same_file(outputs[i], outputs[j]))
                throw Error(ErrorCode::BadArguments,
                            "Hai tệp kết quả trùng tên \"" + outputs[i] + "\"; hãy đặt tên khác nhau.",
                            "Two outputs are the same file \"" + outputs[i] + "\"; give them different names.");
}

// Removes the attachments already put in place when the issuance fails after them.
class PlacedOutputs {
public:
    void add(const std::string& path) { paths_.push_back(path); }
    void remove_all() {
        for (const std::string& p : paths_) {
            std::error_code ignored;
            fs::remove(p, ignored);
        }
        paths_.clear();
    }

private:
    std::vector<std::string> paths_;
};

} // namespace

std::string default_attachment_output(const std::string& attachment, const std::string& issued_output) {
    fs::path folder = fs::path(issued_output).parent_path();
    return (folder / (fs::path(attachment).stem().string() + "-ban-hanh.pdf")).string();
}

void check_issue_batch(const IssueBatchOptions& options) {
    check_sign_paths(options.issue.input, options.issue.output);
    written_number(options.issue); // a joint document already numbered keeps its number
    require_distinct_files(options);
    for (size_t i = 0; i < options.attachments.size(); ++i) {
        const AttachmentFile& a = options.attachments[i];
        try {
            check_sign_paths(a.input, a.output);
            require_unsigned(a.input);
            check_attachment_input(a.input);
        } catch (const Error& error) {
            throw about_attachment(error, i, a.input);
        }
    }
}

IssueBatchResult issue_with_attachments(const IssueBatchOptions& options, const KeySigner& organisation,
                                        const NoticeSink& notices) {
    check_issue_batch(options);
    IssueOptions issue = options.issue;
    // One instant for the whole issuance: the attachments' notes carry the issuance's time.
    if (!issue.now)
        issue.now = std::time(nullptr);

    IssueBatchResult batch;
    PlacedOutputs placed;
    // Signed into scratch files beside their outputs, put in place only once every one is
    // signed: a failure while signing leaves the outputs as they were. A failure after that (a
    // rename, the register's confirmation) removes every output this run put in place.
    auto sign_attachments = [&](const IssueResult& issued) {
        // The number as printed on the issued file, read (and its signature verified) once.
        std::string number_text = options.attachments.empty() ? std::string() : issued_number_text(issued.signature.output);
        std::vector<std::unique_ptr<ScratchFile>> scratch;
        for (size_t i = 0; i < options.attachments.size(); ++i) {
            const AttachmentFile& a = options.attachments[i];
            std::string of = std::to_string(i + 1) + "/" + std::to_string(options.attachments.size()) + ": " +
                             fs::path(a.input).filename().string();
            report_progress(options.progress, {i, options.attachments.size(), "Ký tệp đính kèm " + of + "…",
                                               "Signing attachment " + of + "…"});
            scratch.push_back(std::make_unique<ScratchFile>(a.output, "attachment"));
            AttachmentOptions sign;
            sign.input = a.input;
            sign.output = scratch.back()->path();
            sign.main_document = issued.signature.output;
            sign.main_number_text = number_text;
            sign.now = issue.now;
            sign.timestamp = issue.timestamp;
            try {
                SignResult signed_one = sign_attachment(sign, organisation, notices);
                signed_one.output = a.output;
                batch.attachments.push_back(signed_one);
            } catch (const Error& error) {
                throw about_attachment(error, i, a.input);
            }
        }
        // The last moment a stop leaves nothing behind: the outputs are put in place next.
        report_progress(options.progress, {scratch.size(), scratch.size(), "Ghi các tệp đã ký…",
                                           "Writing the signed files…"});
        for (size_t i = 0; i < scratch.size(); ++i) {
            std::error_code failed;
            // The scratch file is 0600; the output gets the mode any output of kyso gets.
            if (::chmod(scratch[i]->path().c_str(), output_mode(options.attachments[i].output)) != 0)
                failed = std::error_code(errno, std::generic_category());
            else
                fs::rename(scratch[i]->path(), options.attachments[i].output, failed);
            if (failed) {
                placed.remove_all();
                throw Error(ErrorCode::OutputProblem,
                            "Không ghi được tệp \"" + options.attachments[i].output + "\"; không phát hành gì.",
                            "Cannot write \"" + options.attachments[i].output + "\"; nothing was issued.",
                            failed.message());
            }
            placed.add(options.attachments[i].output);
            sync_folder_of(options.attachments[i].output); // the register confirms the number next
        }
    };
    try {
        batch.issued = issue_document(issue, organisation, notices, sign_attachments);
    } catch (const Error& error) {
        placed.remove_all(); // e.g. the register could not confirm: the issued file is gone too
        if (options.attachments.empty())
            throw;
        throw Error(error.code(),
                    error.vietnamese() + " Không tệp nào được ghi: văn bản chính và các tệp đính kèm được phát hành "
                                         "cùng nhau hoặc không tệp nào.",
                    error.english() + " No file was written: the main document and its attachments are issued "
                                      "together or not at all.",
                    error.cause());
    } catch (...) {
        placed.remove_all();
        throw;
    }
    return batch;
}

} // namespace kyso
