#include "uno/commands.hpp"

#include "uno/block_choice.hpp"
#include "uno/cancellable.hpp"
#include "uno/dialogs.hpp"
#include "uno/token_choice.hpp"
#include "core/workflow/issue_batch.hpp"
#include "core/workflow/places.hpp"
#include "core/workflow/role_plans.hpp"
#include "core/workflow/signing_preview.hpp"
#include "core/workflow/verify_text.hpp"
#include "uno/writer_export.hpp"
#include "core/register/ods_export.hpp"
#include "core/register/register_store.hpp"
#include "core/workflow/roles.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <functional>

namespace kyso::lo {
namespace {

namespace fs = std::filesystem;

std::string two_digits(int n) { return (n < 10 ? "0" : "") + std::to_string(n); }

// A signature time-stamp when the settings name a TSA: B-T, or nothing written when it fails.
TimestampRequest timestamp_of(const Settings& settings) {
    TimestampRequest request;
    request.tsa_url = settings.tsa_url;
    request.trust = trust_anchor_paths(settings);
    request.allow_without = settings.tsa_allow_without;
    return request;
}

// "Time-stamp: yes" under a time-stamped signature's result; nothing otherwise.
std::string timestamp_line(const SignResult& result, bool vietnamese) {
    if (!result.timestamped)
        return {};
    return vietnamese ? "\nDấu thời gian: có (PAdES B-T)" : "\nTime-stamp: yes (PAdES B-T)";
}

std::string joined_place_names(const std::vector<Place>& places, bool vi) {
    std::string out;
    for (Place p : places)
        out += "\n  - " + place_name(p).pick(vi);
    return out;
}

// Where the output goes: the OutputURL argument, else the naming setting beside the input.
// Asks before replacing a file (interactive), and refuses an unwritable folder before any PIN.
std::string choose_output(const Env& env, const Source& source, const Arguments& args, const Settings& settings,
                          Step step) {
    std::string output = args.output;
    if (output.empty()) {
        if (source.url.isEmpty())
            throw Error(ErrorCode::OutputProblem,
                        "Văn bản chưa được lưu lần nào: hãy lưu văn bản trước (hoặc cho biết OutputURL).",
                        "The document has never been saved: save it first (or give OutputURL).");
        output = output_path(settings, source.path(), step);
    }
    check_output_folder(output);
    if (env.interactive && fs::exists(output) &&
        !ask_yes_no(env, ou((env.vietnamese ? "Tệp đã có, ghi đè?\n" : "The file exists. Replace it?\n") + output)))
        throw Cancelled{};
    return output;
}

// A PDF open in LibreOffice with edits not saved: kyso signs the file on disk, so the edits
// would silently not be part of it.
void check_unsaved_pdf(const Env& env, const Source& source) {
    if (source.kind != DocKind::Pdf || !source.modified)
        return;
    Bilingual text{"Tệp PDF đang mở có thay đổi chưa lưu. kyso chỉ ký tệp đã lưu trên đĩa; các thay đổi này sẽ "
                   "không có trong văn bản đã ký.",
                   "The open PDF has unsaved changes. kyso signs the file as saved on disk; these changes would "
                   "not be part of the signed document."};
    if (env.interactive &&
        ask_yes_no(env, env.tr(text) + env.tr("\n\nVẫn ký tệp đã lưu?", "\n\nSign the saved file anyway?")))
        return;
    if (env.interactive)
        throw Cancelled{};
    throw Error(ErrorCode::BadArguments, text.vi, text.en);
}

// Writer → raw PDF with anchors. When a place is missing, says which one and (interactive)
// offers to mark it from the current selection.
void export_anchored(const Env& env, const Source& source, const std::string& pdf, const Settings& settings) {
    std::vector<Place> missing = export_writer_pdf(env, source.model, pdf, settings.pdfa);
    if (missing.empty())
        return;
    std::string list_vi = joined_place_names(missing, true), list_en = joined_place_names(missing, false);
    if (env.interactive && source.model.is()) {
        OUString question = env.tr(Bilingual{
            "Không tìm thấy trong văn bản:" + list_vi + "\n\nĐánh dấu \"" + place_name(missing.front()).vi +
                "\" bằng vùng đang chọn trong văn bản? (Chọn đúng chỗ đó trước khi bấm Có; sau đó chạy lại lệnh.)",
            "Not found in the document:" + list_en + "\n\nMark \"" + place_name(missing.front()).en +
                "\" from the current selection? (Select that place before answering Yes; then run the command again.)"});
        if (ask_yes_no(env, question)) {
            if (mark_place_from_selection(source.model, missing.front()))
                show_message(env, MessageKind::Info,
                             env.tr("Đã đánh dấu. Hãy chạy lại lệnh.", "Marked. Run the command again."));
            else
                show_message(env, MessageKind::Warning,
                             env.tr("Vùng đang chọn không dùng được: hãy chọn đúng khoảng trống cần đánh dấu.",
                                    "The selection cannot be used: select exactly the gap to mark."));
        }
        throw Cancelled{};
    }
    throw Error(ErrorCode::BadArguments, "Không tìm thấy trong văn bản:" + list_vi,
                "Not found in the document:" + list_en);
}

std::string signature_image(const Arguments& args, const Settings& settings) {
    std::string image = !args.signature_image.empty() ? args.signature_image : local_path(settings.signature_image);
    if (image.empty())
        throw Error(ErrorCode::ImageInvalid, "Chưa có ảnh chữ ký (PNG nền trong suốt): hãy chọn trong Cài đặt.",
                    "No signature image (transparent PNG): choose one in the settings.");
    return image;
}

// Issue 16.3: the pages as they will look signed, shown before the token is opened: the
// signature's page and any other page the signing fills (the number and date on page 1 when
// the seal goes on page 2). Huỷ stops the command there, with nothing written. Automation
// (Interactive=false) signs without it. `image` names what the signature's page shows.
void confirm_preview_or_cancel(const Env& env, const std::function<SigningPreview(const std::string&)>& render,
                               const OUString& title, const Bilingual& what, const Bilingual& image) {
    if (!env.interactive)
        return;
    TempDir temp;
    std::string png = temp.file("xem-truoc.png");
    SigningPreview preview = render(png);
    std::vector<std::pair<int, PreviewPicture>> pages;
    for (const FilledPage& filled : preview.filled_pages) {
        std::string page = std::to_string(filled.picture.page);
        pages.push_back({filled.picture.page,
                         {filled.png_path, filled.picture.width, filled.picture.height,
                          env.tr(Bilingual{"Trang " + page + ": số và ngày", "Page " + page + ": number and date"})}});
    }
    std::string signed_page = std::to_string(preview.picture.page);
    pages.push_back({preview.picture.page,
                     {png, preview.picture.width, preview.picture.height,
                      env.tr(Bilingual{"Trang " + signed_page + ": " + image.vi, "Page " + signed_page + ": " + image.en})}});
    std::sort(pages.begin(), pages.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    std::string numbers_vi, numbers_en;
    std::vector<PreviewPicture> pictures;
    for (std::size_t i = 0; i < pages.size(); ++i) {
        std::string n = std::to_string(pages[i].first);
        const char* joint_vi = i == 0 ? "" : i + 1 == pages.size() ? " và " : ", ";
        const char* joint_en = i == 0 ? "" : i + 1 == pages.size() ? " and " : ", ";
        numbers_vi += joint_vi + n;
        numbers_en += joint_en + n;
        pictures.push_back(pages[i].second);
    }
    bool several = pages.size() > 1;
    OUString caption = env.tr(Bilingual{"Trang " + numbers_vi + " sau khi ký: " + what.vi + " Kiểm tra rồi bấm Ký để nhập PIN.",
                                        (several ? "Pages " : "Page ") + numbers_en + " once signed: " + what.en +
                                            " Check it, then Sign to enter the PIN."});
    if (!confirm_preview(env, title, caption, pictures, env.tr("Ký", "Sign")))
        throw Cancelled{};
}

Outcome export_draft(const Env& env, const Source& source, Arguments& args, const Settings& settings) {
    if (source.kind != DocKind::Writer)
        throw Error(ErrorCode::BadArguments, "Xuất PDF dự thảo cần một văn bản Writer (ODT, DOCX).",
                    "Export draft needs a Writer document (ODT, DOCX).");
    std::string output = choose_output(env, source, args, settings, Step::Draft);
    Progress progress(env, env.tr("Xuất PDF dự thảo", "Exporting the draft"), 2);
    TempDir temp;
    std::string raw = temp.file("draft.pdf");
    progress.step(env.tr("Xuất PDF…", "Exporting PDF…"));
    export_anchored(env, source, raw, settings);
    progress.step(env.tr("Chuẩn bị chỗ ghi số, ngày và chữ ký…", "Preparing number, date and signature places…"));
    Outcome outcome;
    NoticeSink notices = [&](const Notice& n) { outcome.notices.push_back(n); };
    PrepareResult prepared = prepare_draft({raw, output}, notices);
    outcome.output = output;
    outcome.message = {"Đã xuất bản dự thảo:\n" + output + "\n" + prepared.summary_vi,
                       "Draft exported:\n" + output + "\n" + prepared.summary_en};
    return outcome;
}

Outcome sign_as_official(const Env& env, const Source& source, Arguments& args, const Settings& settings) {
    if (source.kind != DocKind::Writer && source.kind != DocKind::Pdf)
        throw Error(ErrorCode::BadArguments, "Ký số cần một văn bản Writer hoặc một tệp PDF.",
                    "Signing needs a Writer document or a PDF file.");
    check_unsaved_pdf(env, source);
    std::string output = choose_output(env, source, args, settings, Step::Signed);
    std::string image = signature_image(args, settings);
    // A Writer document is exported before the token is opened: a joint document's block is
    // chosen among this draft's, and a draft without its places is refused before any PIN.
    Progress progress(env, env.tr("Ký số", "Signing"), 2);
    TempDir temp;
    std::string input = source.path();
    if (source.kind == DocKind::Writer) {
        progress.step(env.tr("Xuất PDF…", "Exporting PDF…"));
        input = temp.file("draft.pdf");
        export_anchored(env, source, input, settings);
    }
    std::string block = chosen_signer(env, input, BlockStep::SignOfficial, args);
    Outcome outcome;
    NoticeSink notices = [&](const Notice& n) { outcome.notices.push_back(n); };
    OfficialSignOptions options;
    options.input = input;
    options.output = output;
    options.signer = block;
    options.signature_image = image;
    options.timestamp = timestamp_of(settings);
    confirm_preview_or_cancel(
        env, [&](const std::string& png) { return preview_official_signature(options, png); },
        env.tr("Xem trước chữ ký", "Signature preview"),
        {"ảnh chữ ký đặt giữa chức vụ và họ tên người ký.", "the signature image between the signer's title and name."},
        {"chữ ký", "signature"});
    KeySigner signer = open_role_signer(env, Role::Official, args, settings, notices);
    progress.step(env.tr("Ký số…", "Signing…"));
    SignResult result = sign_official(options, signer, notices);
    outcome.output = result.output;
    outcome.message = {"Đã ký số:\n" + result.output + "\nNgười ký: " + result.signer_name + "\nThời điểm: " +
                           result.signing_time_iso + timestamp_line(result, true),
                       "Signed:\n" + result.output + "\nSigner: " + result.signer_name + "\nTime: " +
                           result.signing_time_iso + timestamp_line(result, false)};
    return outcome;
}

// The official-signed PDF a command works on: the open PDF, or the one beside a Writer document.
std::string signed_input(const Source& source, const Settings& settings, Step step) {
    if (source.kind == DocKind::Pdf)
        return source.path();
    if (source.kind == DocKind::Writer && !source.url.isEmpty()) {
        std::string candidate = output_path(settings, source.path(), step);
        if (fs::exists(candidate))
            return candidate;
        throw Error(ErrorCode::InputUnreadable, "Chưa có tệp " + candidate + ": hãy mở tệp PDF cần xử lý.",
                    "There is no " + candidate + " yet: open the PDF to work on.");
    }
    throw Error(ErrorCode::BadArguments, "Hãy mở tệp PDF cần xử lý.", "Open the PDF to work on.");
}

// The batch for the document `input` → `output` and its attachments, each beside the issued
// document under the CLI's default name.
IssueBatchOptions issue_batch_options(const std::string& input, const std::string& output,
                                      const std::vector<std::string>& attachments) {
    IssueBatchOptions batch;
    batch.issue.input = input;
    batch.issue.output = output;
    for (const std::string& attachment : attachments)
        batch.attachments.push_back({attachment, default_attachment_output(attachment, output)});
    return batch;
}

// Asks (interactive) before replacing attachment outputs that exist, all in one question.
void confirm_replacing(const Env& env, const std::vector<AttachmentFile>& attachments) {
    std::string existing;
    for (const AttachmentFile& a : attachments)
        if (fs::exists(a.output))
            existing += "\n" + a.output;
    if (env.interactive && !existing.empty() &&
        !ask_yes_no(env, ou((env.vietnamese ? "Tệp đã có, ghi đè?" : "These files exist. Replace them?") + existing)))
        throw Cancelled{};
}

Outcome issue(const Env& env, const Source& source, Arguments& args, const Settings& settings) {
    check_unsaved_pdf(env, source);
    std::string input = signed_input(source, settings, Step::Signed);
    Source for_naming = source;
    for_naming.url = url_from_path(input);
    std::string output = choose_output(env, for_naming, args, settings, Step::Issued);
    std::string seal = !args.seal_image.empty() ? args.seal_image : local_path(settings.seal_image);
    if (seal.empty())
        throw Error(ErrorCode::ImageInvalid, "Chưa có ảnh con dấu (PNG nền trong suốt): hãy chọn trong Cài đặt.",
                    "No seal image (transparent PNG): choose one in the settings.");

    // A joint document: the block whose official's signature this organisation seals.
    std::string block = chosen_signer(env, input, BlockStep::Issue, args);

    // Number, symbol and date: the register proposes, the văn thư confirms; the date is today.
    // Opening the register here also reports an unreachable register before any PIN.
    CivilDate today = vietnam_date(std::time(nullptr));
    std::string location = register_location(settings);
    int proposed = next_number(*open_register(location), settings.register_book, today.year);
    // A joint document another organisation has issued keeps the number and the symbol printed
    // with it: the dialog shows both read-only (the core refuses another number, before the
    // token, and writes no symbol).
    IssueOptions probe;
    probe.input = input;
    std::optional<int> written = written_number(probe);
    if (written && *written <= 0)
        written.reset();
    std::string symbol = !args.symbol.empty() ? args.symbol : settings.symbol;
    if (written) {
        proposed = *written;
        if (std::string printed = locate_places(input).places.symbol; !printed.empty())
            symbol = printed;
    }
    std::optional<int> typed = args.number; // a number given by hand is checked by the register
    IssueBatchOptions batch;
    std::vector<std::string> attachments = args.attachments;
    // The dialog until its attachments pass the checks that need no token: a signed or
    // encrypted attachment is named before any PIN, and the văn thư can take it off the list.
    for (;;) {
        if (env.interactive) {
            std::string date_text = "ngày " + two_digits(today.day) + " tháng " + two_digits(today.month) + " năm " +
                                    std::to_string(today.year);
            auto answer = ask_issuance(env, written ? *written : typed.value_or(proposed), written.has_value(),
                                       symbol, date_text, settings.register_book, attachments);
            if (!answer)
                throw Cancelled{};
            typed = answer->number == proposed && !typed ? std::nullopt : std::optional<int>(answer->number);
            symbol = answer->symbol;
            attachments = answer->attachments;
        }
        batch = issue_batch_options(input, output, attachments);
        batch.issue.number = typed.value_or(0);
        try {
            check_issue_batch(batch);
            break;
        } catch (const Error& error) {
            if (!env.interactive)
                throw;
            show_message(env, MessageKind::Warning, env.tr(Bilingual{error.vietnamese(), error.english()}));
        }
    }
    if (symbol.empty())
        throw Error(ErrorCode::BadArguments, "Thiếu ký hiệu văn bản (Symbol), ví dụ QĐ-UBND.",
                    "No document symbol (Symbol), e.g. QĐ-UBND.");
    confirm_replacing(env, batch.attachments);

    Outcome outcome;
    NoticeSink notices = [&](const Notice& n) { outcome.notices.push_back(n); };
    IssueOptions& options = batch.issue;
    options.number = typed.value_or(0); // 0: the register's next number, reserved before signing
    options.register_location = location;
    options.register_book = settings.register_book;
    options.symbol = symbol;
    options.signer = block;
    options.date = today;
    options.seal_image = seal;
    if (args.seal_diameter_mm)
        options.seal_diameter_mm = args.seal_diameter_mm;
    else if (settings.seal_diameter_mm > 0)
        options.seal_diameter_mm = settings.seal_diameter_mm;
    options.trust_anchors = trust_anchor_paths(settings);
    options.timestamp = timestamp_of(settings);
    IssueOptions previewed = options;
    previewed.number = typed.value_or(proposed); // what the dialog showed; the register confirms it when signing
    confirm_preview_or_cancel(
        env, [&](const std::string& png) { return preview_issue_signature(previewed, png); },
        env.tr("Xem trước bản phát hành", "Issuance preview"),
        {"số " + two_digits(previewed.number) + ", ngày ban hành và con dấu chồng lên chữ ký.",
         "number " + two_digits(previewed.number) + ", the issuance date and the seal over the signature."},
        {"con dấu chồng lên chữ ký", "seal over the signature"});
    KeySigner signer = open_role_signer(env, Role::Organisation, args, settings, notices, 1 + batch.attachments.size());
    IssueBatchResult issued;
    if (batch.attachments.empty()) {
        Progress progress(env, env.tr("Phát hành", "Issuing"), 1);
        progress.step(env.tr("Điền số, ngày và ký số của cơ quan…", "Filling number and date, signing…"));
        issued = issue_with_attachments(batch, signer, notices);
    } else {
        // A batch takes a while: its window offers Huỷ, which stops it before any file is kept
        // (the register's number is released).
        run_cancellable(env, env.tr("Phát hành", "Issuing"),
                        env.tr("Điền số, ngày và ký số của cơ quan…", "Filling number and date, signing…"),
                        std::chrono::milliseconds(0),
                        [&](const ProgressSink& sink) {
                            batch.progress = sink;
                            issued = issue_with_attachments(batch, signer, notices);
                        });
    }
    const IssueResult& result = issued.issued;
    if (!typed && result.number != proposed)
        outcome.notices.push_back({"Số " + std::to_string(proposed) + " vừa được cấp cho văn bản khác; văn bản này nhận số " +
                                       result.number_text + ".",
                                   "Number " + std::to_string(proposed) + " was just taken by another document; this "
                                   "one got number " + result.number_text + "."});
    outcome.output = result.signature.output;
    std::string attached;
    for (const SignResult& attachment : issued.attachments) {
        outcome.attachments.push_back(attachment.output);
        attached += "\n  + " + attachment.output;
    }
    outcome.message = {"Đã phát hành: Số " + result.number_text + ", " + result.date_text + "\n" + outcome.output +
                           (attached.empty() ? "" : "\nTệp đính kèm:" + attached) +
                           timestamp_line(result.signature, true),
                       "Issued: No. " + result.number_text + ", " + result.date_text + "\n" + outcome.output +
                           (attached.empty() ? "" : "\nAttachments:" + attached) +
                           timestamp_line(result.signature, false)};
    return outcome;
}

// The one-line outcome of a verification, by the file's verdict.
Bilingual verdict_message(Verdict verdict) {
    switch (verdict) {
    case Verdict::Valid: return {"Mọi chữ ký số đều hợp lệ.", "Every signature is valid."};
    case Verdict::Untrusted:
        return {"Văn bản toàn vẹn nhưng chưa xác thực được người ký. Nếu tin cậy đơn vị cấp chứng thư, hãy thêm "
                "chứng thư CA phát hành trong Cài đặt.",
                "The document is intact but a signer is not confirmed. If you trust the issuer, add the issuing "
                "CA in Settings."};
    case Verdict::Invalid: return {"Có chữ ký số không hợp lệ.", "A signature is not valid."};
    case Verdict::NoSignature: return {"Tệp không có chữ ký số nào.", "The file has no signature."};
    }
    return {"Có chữ ký số không hợp lệ.", "A signature is not valid."};
}

Outcome verify(const Env& env, const Source& source, Arguments&, const Settings& settings) {
    std::string input;
    if (source.kind == DocKind::Writer && !source.url.isEmpty()) {
        for (Step step : {Step::Issued, Step::Signed})
            if (std::string candidate = output_path(settings, source.path(), step); fs::exists(candidate)) {
                input = candidate;
                break;
            }
    }
    if (input.empty())
        input = signed_input(source, settings, Step::Signed);
    check_unsaved_pdf(env, source);
    Outcome outcome;
    TrustStore trust(trust_anchor_paths(settings));
    // A long file: after a second its window shows how far the reading is, and Huỷ stops it.
    run_cancellable(env, env.tr("Kiểm tra chữ ký", "Verifying"), env.tr("Đọc tệp…", "Reading the file…"),
                    std::chrono::seconds(1),
                    [&](const ProgressSink& sink) { outcome.report = verify_pdf(input, trust, VerifyDepth::Full, sink); });
    outcome.report_text = verify_report_text(*outcome.report, env.vietnamese);
    outcome.message = verdict_message(outcome.report->verdict());
    return outcome;
}

Outcome settings_command(const Env& env, Arguments& args, Settings settings) {
    Outcome outcome;
    if (env.interactive) {
        if (!edit_settings(env, settings))
            throw Cancelled{};
    } else {
        // Automation sets what it passes (the PIN is never stored).
        auto set = [](std::string& field, const std::string& value) {
            if (!value.empty())
                field = value;
        };
        set(settings.module, args.module);
        set(settings.token_label, args.token_label);
        set(settings.signature_image, args.signature_image);
        set(settings.seal_image, args.seal_image);
        set(settings.symbol, args.symbol);
        set(settings.output_folder, args.output);
        if (args.seal_diameter_mm)
            settings.seal_diameter_mm = *args.seal_diameter_mm;
    }
    save_settings(env.context, settings);
    outcome.message = {"Đã lưu cài đặt.", "Settings saved."};
    return outcome;
}

// This year's outgoing register as a Calc spreadsheet laid out as Decree 30's "sổ đăng ký văn
// bản đi": written to OutputURL or to a new temporary folder (kept: the văn thư may print or
// save it), then opened.
Outcome open_register_command(const Env& env, Arguments& args, const Settings& settings) {
    CivilDate today = vietnam_date(std::time(nullptr));
    std::unique_ptr<RegisterStore> store = open_register(register_location(settings));
    std::vector<RegisterEntry> entries = store->list(settings.register_book, today.year);
    std::string output = args.output;
    if (output.empty()) {
        std::string folder = (fs::temp_directory_path() / "kyso-so-van-ban-di-XXXXXX").string();
        if (!mkdtemp(folder.data()))
            throw Error(ErrorCode::OutputProblem, "Không tạo được thư mục tạm để xuất sổ văn bản đi.",
                        "Cannot create a temporary folder for the register.", std::strerror(errno));
        output = folder + "/so-van-ban-di-" + std::to_string(today.year) + ".ods";
    }
    check_output_folder(output);
    export_register_ods(entries, register_title(*store, settings.register_book, today.year), output);
    open_in_office(env.context, output, !env.interactive);
    Outcome outcome;
    outcome.output = output;
    std::string count = std::to_string(entries.size());
    outcome.message = {"Sổ văn bản đi năm " + std::to_string(today.year) + " (sổ \"" + settings.register_book + "\", " +
                           count + " dòng):\n" + output,
                       "Outgoing register " + std::to_string(today.year) + " (book \"" + settings.register_book +
                           "\", " + count + " lines):\n" + output};
    return outcome;
}

} // namespace

std::optional<Command> command_of(const OUString& name) {
    if (name == "ExportDraft") return Command::ExportDraft;
    if (name == "SignOfficial") return Command::SignOfficial;
    if (name == "Issue") return Command::Issue;
    if (name == "Verify") return Command::Verify;
    if (name == "Settings") return Command::Settings;
    if (name == "OpenRegister") return Command::OpenRegister;
    return std::nullopt;
}

const char* code_name(ErrorCode code) {
    switch (code) {
    case ErrorCode::BadArguments: return "BadArguments";
    case ErrorCode::InputUnreadable: return "InputUnreadable";
    case ErrorCode::InputNotPdf: return "InputNotPdf";
    case ErrorCode::ImageInvalid: return "ImageInvalid";
    case ErrorCode::OutputProblem: return "OutputProblem";
    case ErrorCode::TokenNotFound: return "TokenNotFound";
    case ErrorCode::TokenPinIncorrect: return "TokenPinIncorrect";
    case ErrorCode::TokenPinLocked: return "TokenPinLocked";
    case ErrorCode::CertificateRejected: return "CertificateRejected";
    case ErrorCode::SignatureTooLarge: return "SignatureTooLarge";
    case ErrorCode::SigningFailed: return "SigningFailed";
    case ErrorCode::VerificationFailed: return "VerificationFailed";
    case ErrorCode::Internal: return "Internal";
    }
    return "Internal";
}

Outcome run_command(const Env& env, Command command, const Source& source, Arguments& args) {
    Settings settings = load_settings(env.context);
    switch (command) {
    case Command::ExportDraft: return export_draft(env, source, args, settings);
    case Command::SignOfficial: return sign_as_official(env, source, args, settings);
    case Command::Issue: return issue(env, source, args, settings);
    case Command::Verify: return verify(env, source, args, settings);
    case Command::Settings: return settings_command(env, args, settings);
    case Command::OpenRegister: return open_register_command(env, args, settings);
    }
    throw Error(ErrorCode::Internal, "Lệnh không rõ.", "Unknown command.");
}

} // namespace kyso::lo
