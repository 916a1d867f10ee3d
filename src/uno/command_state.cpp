#include "uno/command_state.hpp"

#include "core/error.hpp"
#include "core/workflow/document_state.hpp"
#include "uno/file_version_cache.hpp"

#include <filesystem>
#include <optional>

namespace kyso::lo {
namespace {

namespace fs = std::filesystem;

// A PDF's state, or why it could not be read.
struct ReadState {
    std::optional<DocumentState> state;
    Bilingual problem;
};

// The state of the PDF at `path`, read once per version of the file. Nullopt: no such file.
std::optional<ReadState> state_of(const std::string& path, const std::vector<std::string>& trust) {
    static FileVersionCache<ReadState> cache;
    return cache.get(path, trust, [&] {
        ReadState read;
        try {
            read.state = read_document_state(path, trust);
        } catch (const Error& e) {
            read.problem = {e.vietnamese(), e.english()};
        } catch (const std::exception& e) {
            read.problem = {std::string("Không đọc được tệp: ") + e.what(), std::string("The file cannot be read: ") + e.what()};
        }
        return read;
    });
}

std::string file_name(const std::string& path) { return fs::path(path).filename().string(); }

// "Nguyễn Thanh Bình, 10:05 03/12/2026"
std::string signed_by(const DocumentState& state) {
    std::string text = state.official_name.empty() ? "?" : state.official_name;
    return state.official_time.empty() ? text : text + ", " + state.official_time;
}

Bilingual stage_line(const DocumentState& state) {
    switch (state.stage) {
    case WorkflowStage::Draft: return {"Dự thảo (chưa có chữ ký số)", "Draft (not signed)"};
    case WorkflowStage::Signed: return {"Đã ký: " + signed_by(state), "Signed: " + signed_by(state)};
    case WorkflowStage::Issued: return {"Đã phát hành (có chữ ký số của cơ quan)", "Issued (carries the organisation's signature)"};
    }
    return {};
}

CommandState disabled(Bilingual why) { return {false, std::move(why)}; }

// " — văn bản liên tịch, 2 khối chữ ký: 1 đã ký, 1 chưa ký": where a joint document's blocks stand.
std::string joint_progress(const BlockOffers& offers, bool vietnamese) {
    std::map<std::string, int> counts; // state → blocks, in the words of the step
    std::vector<std::string> order;
    for (const BlockOffer& offer : offers.blocks) {
        const std::string& state = vietnamese ? offer.state_vi : offer.state_en;
        if (!counts[state]++)
            order.push_back(state);
    }
    std::string text = vietnamese ? " — văn bản liên tịch, " + std::to_string(offers.blocks.size()) + " khối chữ ký: "
                                  : " — joint document, " + std::to_string(offers.blocks.size()) + " signer blocks: ";
    for (size_t i = 0; i < order.size(); ++i)
        text += (i ? ", " : "") + std::to_string(counts[order[i]]) + " " + order[i];
    return text;
}

CommandState export_draft_state(const Source& source, const Settings& settings) {
    if (source.kind != DocKind::Writer)
        return disabled({"Xuất PDF dự thảo cần một văn bản Writer (ODT, DOCX).", "Export draft needs a Writer document (ODT, DOCX)."});
    std::string target = source.url.isEmpty() ? "TEN-du-thao.pdf" : file_name(output_path(settings, source.path(), Step::Draft));
    return {true, {"Xuất văn bản này ra PDF dự thảo " + target + ", với chỗ ghi số, ngày và chữ ký; văn bản không bị sửa.",
                   "Export this document as the draft PDF " + target + ", with places for the number, date and signature; the document is not changed."}};
}

CommandState sign_state(const Source& source, const Settings& settings) {
    if (source.kind == DocKind::Writer) {
        std::string target = source.url.isEmpty() ? "TEN-da-ky.pdf" : file_name(output_path(settings, source.path(), Step::Signed));
        return {true, {"Xuất văn bản này ra PDF và ký số bằng chứng thư cá nhân của người có thẩm quyền (ảnh chữ ký ở ô 7c) → " + target + ".",
                       "Export this document as PDF and sign it with the authorised official's personal certificate (signature image in box 7c) → " + target + "."}};
    }
    if (source.kind != DocKind::Pdf)
        return disabled({"Ký số cần một văn bản Writer hoặc một tệp PDF.", "Signing needs a Writer document or a PDF file."});
    std::string target = file_name(output_path(settings, source.path(), Step::Signed));
    std::optional<ReadState> read = state_of(source.path(), trust_anchor_paths(settings));
    if (!read)
        return disabled({"Tệp PDF chưa được lưu trên đĩa.", "The PDF is not saved on disk."});
    if (!read->state)
        return disabled({"Không ký được: " + read->problem.vi, "Cannot sign: " + read->problem.en});
    const DocumentState& state = *read->state;
    if (state.stage == WorkflowStage::Issued)
        return disabled({"Không ký được: văn bản đã phát hành (có chữ ký số của cơ quan); văn bản đã ban hành không được ký thêm.",
                         "Cannot sign: the document is issued (it carries the organisation's signature); an issued document takes no further signature."});
    BlockOffers offers = offer_blocks(state.blocks, BlockStep::SignOfficial);
    if (!state.blocks.empty() && offers.choosable().empty())
        return disabled({"Không ký được: " + offers.none_vi + ".", "Cannot sign: " + offers.none_en + "."});
    Bilingual line = stage_line(state);
    if (state.blocks.size() > 1)
        line = {line.vi + joint_progress(offers, true), line.en + joint_progress(offers, false)};
    return {true, {line.vi + ". Ký số tệp PDF này bằng chứng thư cá nhân của người có thẩm quyền (ảnh chữ ký ở ô 7c) → " + target + ".",
                   line.en + ". Sign this PDF with the authorised official's personal certificate (signature image in box 7c) → " + target + "."}};
}

// Phát hành works on the open PDF, or on the signed PDF beside a Writer document (commands.cpp).
CommandState issue_state(const Source& source, const Settings& settings) {
    std::string input;
    if (source.kind == DocKind::Pdf)
        input = source.path();
    else if (source.kind == DocKind::Writer && !source.url.isEmpty())
        input = output_path(settings, source.path(), Step::Signed);
    else
        return disabled({"Phát hành cần tệp PDF đã có chữ ký số của người có thẩm quyền: hãy mở tệp đó.",
                         "Issuing needs the PDF signed by the authorised official: open that file."});
    std::optional<ReadState> read = state_of(input, trust_anchor_paths(settings));
    if (!read)
        return disabled({"Chưa phát hành được: chưa có bản đã ký " + file_name(input) + "; người có thẩm quyền ký trước (Ký số).",
                         "Cannot issue yet: there is no signed " + file_name(input) + "; the authorised official signs first (Ký số)."});
    if (!read->state)
        return disabled({"Chưa phát hành được: " + read->problem.vi, "Cannot issue: " + read->problem.en});
    const DocumentState& state = *read->state;
    switch (state.stage) {
    case WorkflowStage::Draft:
        return disabled({"Chưa phát hành được: văn bản chưa có chữ ký số của người có thẩm quyền; người có thẩm quyền ký trước (Ký số).",
                         "Cannot issue yet: the document has no signature of the authorised official; the official signs first (Ký số)."});
    case WorkflowStage::Issued:
        return disabled({"Văn bản đã được phát hành (có chữ ký số của cơ quan); không phát hành lại.",
                         "The document is already issued (it carries the organisation's signature); it is not issued twice."});
    case WorkflowStage::Signed: break;
    }
    BlockOffers offers = offer_blocks(state.blocks, BlockStep::Issue);
    if (!state.blocks.empty() && offers.choosable().empty())
        return disabled({"Chưa phát hành được: " + offers.none_vi + ".", "Cannot issue yet: " + offers.none_en + "."});
    if (!state.official_valid)
        return disabled({"Chưa phát hành được: chữ ký của " + signed_by(state) + " — " + state.problem_vi,
                         "Cannot issue: the signature of " + signed_by(state) + " — " + state.problem_en});
    std::string target = file_name(output_path(settings, input, Step::Issued));
    if (state.blocks.size() > 1)
        return {true, {"Đã ký: " + signed_by(state) + " (hợp lệ)" + joint_progress(offers, true) +
                           ". Phát hành cho một cơ quan: ghi số và ngày (cơ quan đầu tiên), ký số bằng chứng thư của cơ quan và đóng dấu lên chữ ký của người ký thuộc cơ quan đó (ô 8) → " + target + ".",
                       "Signed: " + signed_by(state) + " (valid)" + joint_progress(offers, false) +
                           ". Issue for one organisation: fill in number and date (the first one), sign with the organisation's certificate and seal over its own official's signature (box 8) → " + target + "."}};
    return {true, {"Đã ký: " + signed_by(state) + " (hợp lệ). Phát hành: ghi số và ngày, ký số bằng chứng thư của cơ quan và đóng dấu (ô 8) → " + target + ".",
                   "Signed: " + signed_by(state) + " (valid). Issue: fill in number and date, sign with the organisation's certificate and seal (box 8) → " + target + "."}};
}

CommandState verify_state(const Source& source, const Settings& settings) {
    if (source.kind == DocKind::Pdf) {
        std::optional<ReadState> read = state_of(source.path(), trust_anchor_paths(settings));
        if (read && read->state) {
            Bilingual line = stage_line(*read->state);
            return {true, {line.vi + ". Kiểm tra mọi chữ ký số của tệp này: người ký, thời điểm, hợp lệ hay không, thay đổi sau khi ký.",
                           line.en + ". Verify every signature of this file: signer, time, valid or not, changes after signing."}};
        }
        return {true, {"Kiểm tra mọi chữ ký số của tệp PDF này.", "Verify every signature of this PDF."}};
    }
    if (source.kind == DocKind::Writer)
        return {true, {"Kiểm tra chữ ký số của bản đã phát hành hoặc đã ký bên cạnh văn bản này.",
                       "Verify the signatures of the issued or signed PDF beside this document."}};
    return disabled({"Hãy mở tệp PDF cần kiểm tra.", "Open the PDF to verify."});
}

} // namespace

CommandState command_state(Command command, const Source& source, const Settings& settings) {
    try {
        switch (command) {
        case Command::ExportDraft: return export_draft_state(source, settings);
        case Command::SignOfficial: return sign_state(source, settings);
        case Command::Issue: return issue_state(source, settings);
        case Command::Verify: return verify_state(source, settings);
        case Command::OpenRegister:
            return {true, {"Mở sổ đăng ký văn bản đi năm nay trong Calc.", "Open this year's outgoing register in Calc."}};
        case Command::Settings:
            return {true, {"Token, chứng thư số, ảnh chữ ký và con dấu, cách đặt tên tệp, sổ văn bản đi.",
                           "Token, certificates, signature and seal images, output naming, outgoing register."}};
        }
    } catch (const Error& e) {
        return disabled({e.vietnamese(), e.english()});
    } catch (const std::exception& e) {
        return disabled({std::string("Lỗi không mong đợi: ") + e.what(), std::string("Unexpected error: ") + e.what()});
    }
    return {};
}

} // namespace kyso::lo
