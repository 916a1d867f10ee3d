#include "core/workflow/roles.hpp"

#include "core/crypto/cert_kind.hpp"
#include "core/error.hpp"
#include "core/image/png_image.hpp"
#include "core/io/atomic_output.hpp"
#include "core/io/file_chunks.hpp"
#include "core/io/input_file.hpp"
#include "core/io/scratch_file.hpp"
#include "core/layout/signature_layout.hpp"
#include "core/pdf/form_edits.hpp"
#include "core/pdf/pdf_date.hpp"
#include "core/pdftext/page_ink.hpp"
#include "core/workflow/registered_issue.hpp"
#include "core/workflow/revision_output.hpp"
#include "core/workflow/role_plans.hpp"
#include "core/workflow/places.hpp"
#include "core/workflow/signer_choice.hpp"
#include "core/workflow/verify_document.hpp"

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

namespace kyso {
namespace {

namespace fs = std::filesystem;

constexpr double kPointsPerMm = 1.0 / kMmPerPoint;
// Decree 30 margins: top 20–25 mm, right 15–20 mm; the note keeps inside the right margin and
// uses the top margin's free space, 5 mm from the edge at the closest (printers' limit).
constexpr layout::NoteFrame kNoteFrame{20 * kPointsPerMm, 10 * kPointsPerMm, 5 * kPointsPerMm,
                                       75 * kPointsPerMm, 10, 1 * kPointsPerMm};
// The band under the note's column searched for content: deeper than any note.
constexpr double kNoteSearchDepth = 60 * kPointsPerMm;

std::time_t now_or(std::time_t now) { return now ? now : std::time(nullptr); }

const FormField* field(const std::vector<FormField>& fields, const std::string& name) {
    for (const FormField& f : fields)
        if (f.name == name)
            return &f;
    return nullptr;
}

bool is_prepared(const std::vector<FormField>& fields) {
    return field(fields, field_names::kNumber) && field(fields, field_names::kDay) &&
           field(fields, field_names::kMonth) && field(fields, field_names::kOfficial);
}

std::string two_digits(int value) { return (value < 10 ? "0" : "") + std::to_string(value); }

// Decree 30: days below 10 and the months 1 and 2 take a leading zero ("tháng 02", "tháng 3").
std::string month_text(int month) { return month <= 2 ? two_digits(month) : std::to_string(month); }

std::string upper_symbol(std::string symbol) {
    std::string out;
    for (size_t i = 0; i < symbol.size(); ++i) {
        if (symbol.compare(i, 2, "đ") == 0) { // U+0111 → U+0110
            out += "Đ";
            ++i;
        } else {
            out += static_cast<char>(std::toupper(static_cast<unsigned char>(symbol[i])));
        }
    }
    return out;
}

void copy_file(const std::string& from, const std::string& to) {
    AtomicOutput out(to);
    append_file(from, out);
    out.commit();
}


void require_kind(const KeySigner& signer, CertificateKind wanted, const NoticeSink& notices) {
    CertificateKind kind = classify_certificate(signer.certificate());
    std::string who = ossl::common_name(X509_get_subject_name(signer.certificate()));
    if (kind == wanted)
        return;
    if (kind == CertificateKind::Unknown) {
        if (notices)
            notices({"Không xác định được chứng thư \"" + who + "\" là của cá nhân hay tổ chức; hãy kiểm tra lại.",
                     "Cannot tell whether \"" + who + "\" is a personal or an organisation certificate; check it."});
        return;
    }
    if (wanted == CertificateKind::Personal)
        throw Error(ErrorCode::CertificateRejected,
                    "\"" + who + "\" là chứng thư số của tổ chức. Người có thẩm quyền phải ký bằng chứng thư số cá nhân.",
                    "\"" + who + "\" is an organisation certificate. The official must sign with a personal one.");
    throw Error(ErrorCode::CertificateRejected,
                "\"" + who + "\" là chứng thư số cá nhân. Văn thư phải ký bằng chứng thư số của cơ quan, tổ chức.",
                "\"" + who + "\" is a personal certificate. Issuance needs the organisation's certificate.");
}

// The role's time-stamp request onto the signing options.
void apply_timestamp(const TimestampRequest& request, SignOptions& sign) {
    if (request.tsa_url.empty())
        return;
    sign.tsa = TsaConfig{request.tsa_url, request.timeout_seconds};
    sign.tsa_trust = request.trust;
    sign.allow_no_timestamp = request.allow_without;
}

// Unicode-aware enough for names: compares after folding ASCII case and spaces.
std::string folded(const std::string& text) {
    std::string out;
    for (char c : text)
        if (c != ' ')
            out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

// R1: only a valid official signature lets the document be issued. The refusal says which
// verdict it met, why, and what the văn thư can do.
// `who`: " (printed name)" in a joint document, else empty.
void require_valid_official_signature(const SignatureVerdict& official, const std::string& who = {}) {
    Judgement judged = official.judgement();
    if (judged.verdict == Verdict::Valid)
        return;
    std::string advice_vi, advice_en;
    for (const VerdictGround& g : judged.grounds)
        if (!g.advice_en.empty() && advice_en.find(g.advice_en) == std::string::npos) {
            advice_vi += " " + g.advice_vi;
            advice_en += " " + g.advice_en;
        }
    if (judged.verdict == Verdict::Invalid)
        throw Error(ErrorCode::VerificationFailed,
                    "Chữ ký số của người có thẩm quyền" + who + ": " + verdict_vi(judged.verdict) + " (" +
                        grounds_text(judged, true) + "); không được phát hành. Xem chi tiết bằng: kyso verify",
                    "The official's signature" + who + ": " + verdict_en(judged.verdict) + " (" +
                        grounds_text(judged, false) + "); the document must not be issued. See the details with: kyso verify",
                    official.problems_text());
    throw Error(ErrorCode::VerificationFailed,
                "Chữ ký số của người có thẩm quyền" + who + ": " + verdict_vi(judged.verdict) + " (" +
                    grounds_text(judged, true) + "); chỉ phát hành văn bản có chữ ký hợp lệ." + advice_vi,
                "The official's signature" + who + ": " + verdict_en(judged.verdict) + " (" +
                    grounds_text(judged, false) + "); only a document whose official signature is valid may be issued." +
                    advice_en,
                official.problems_text());
}

} // namespace

CivilDate vietnam_date(std::time_t now) {
    std::time_t local = now + static_cast<std::time_t>(kVietnamOffsetMinutes) * 60;
    std::tm parts{};
    gmtime_r(&local, &parts);
    return {parts.tm_year + 1900, parts.tm_mon + 1, parts.tm_mday};
}

PrepareResult prepare_draft(const PrepareOptions& options, const NoticeSink& notices) {
    (void)notices;
    require_distinct_paths(options.input, options.output);
    PrepareResult result;
    result.output = options.output;

    // 1. Already prepared: nothing to add (idempotent). Already signed: too late to prepare.
    std::vector<FormField> fields = read_form_fields(options.input);
    if (is_prepared(fields)) {
        copy_file(options.input, options.output);
        result.already_prepared = true;
        result.summary_vi = "Văn bản đã được chuẩn bị từ trước; giữ nguyên.";
        result.summary_en = "The draft was already prepared; kept as is.";
        return result;
    }
    for (const FormField& f : fields)
        if (f.type == "Sig" && f.has_value)
            throw Error(ErrorCode::BadArguments,
                        "Văn bản đã được ký số; không thể chuẩn bị lại (sửa văn bản sẽ làm hỏng chữ ký đã có).",
                        "The PDF is already signed; it cannot be prepared any more (that would break the signature).");

    // 2. The places; each missing one is named, with how to mark it.
    DocumentPlaces located = locate_places(options.input);
    const TextPlaces& places = located.places;
    if (!places.number || !places.day || !places.month || !places.signer) {
        std::string list;
        for (const std::string& m : places.missing)
            list += "\n- " + m;
        throw Error(ErrorCode::BadArguments,
                    "Không tìm thấy đủ các vị trí cần thiết trong văn bản:" + list,
                    "Some places were not found in the document (see the list above).");
    }

    // 3. Empty read-only fields over the gaps, and the place of box 7c.
    FormEdits edits;
    auto add = [&edits](const std::string& name, const Gap& gap, bool italic) {
        edits.text_fields.push_back({name, gap.page, gap.rect, gap.font_size, italic});
    };
    add(field_names::kNumber, *places.number, false);
    add(field_names::kDay, *places.day, true);
    add(field_names::kMonth, *places.month, true);
    if (places.year)
        add(field_names::kYear, *places.year, true);
    // References to this document in its appendices: the same number and date at issuance.
    for (size_t i = 0; i < places.references.size(); ++i) {
        const OwnReference& ref = places.references[i];
        add(field_names::reference_field(field_names::kNumber, i + 1).c_str(), ref.number, true);
        if (ref.day && ref.month) {
            add(field_names::reference_field(field_names::kDay, i + 1).c_str(), *ref.day, true);
            add(field_names::reference_field(field_names::kMonth, i + 1).c_str(), *ref.month, true);
        }
        if (ref.year)
            add(field_names::reference_field(field_names::kYear, i + 1).c_str(), *ref.year, true);
    }
    // One place of box 7c per signer block (a joint document has several).
    require_distinct_signer_names(places.signers);
    for (size_t i = 0; i < places.signers.size(); ++i) {
        const SignerBlock& block = places.signers[i];
        PageRect gap = layout::signature_gap(block.last_title_line, block.name_line, block.column);
        if (gap.height < layout::kMinimumSignatureHeight)
            throw Error(ErrorCode::BadArguments,
                        "Khoảng trống giữa chức vụ và họ tên người ký (" + block.name +
                            ") quá hẹp để đặt chữ ký; hãy để trống ít nhất 3 dòng.",
                        "The space between the signer's title and name (" + block.name +
                            ") is too small for a signature; leave at least 3 blank lines.");
        edits.empty_signatures.push_back({field_names::official_field(i), block.page, gap});
    }
    const SignerBlock& signer = *places.signer;
    // Opened before the update is built from it, so the copy is the file that was parsed.
    InputFile input(options.input);
    append_update_and_commit(input, options.output, build_form_update(options.input, edits));

    std::string references_vi, references_en;
    if (!places.references.empty()) {
        references_vi = ", " + std::to_string(places.references.size()) + " chỗ nhắc số, ngày của văn bản ở phần kèm theo";
        references_en = ", " + std::to_string(places.references.size()) + " reference(s) to its number and date in appendices";
    }
    result.summary_vi = std::string("Đã chuẩn bị: ô số, ô ngày, ô tháng") + (places.year ? ", ô năm" : "") + references_vi +
                        ", " + std::to_string(places.signers.size()) + " vị trí chữ ký (trang " + std::to_string(signer.page) + ")" +
                        (located.from_bookmarks ? " theo đánh dấu của kyso." : " theo nội dung văn bản.");
    result.summary_en = std::string("Prepared: number, day, month") + (places.year ? ", year" : "") + references_en +
                        " fields and " + std::to_string(places.signers.size()) + " signature place(s) (page " + std::to_string(signer.page) + ")" +
                        (located.from_bookmarks ? ", from kyso's bookmarks." : ", from the page text.");
    return result;
}

OfficialPlan plan_official_signature(const OfficialSignOptions& options, const NoticeSink& notices) {
    require_distinct_paths(options.input, options.output);
    OfficialPlan plan;

    // 1. An unprepared PDF is prepared first, into a scratch file beside the output.
    std::string input = options.input;
    std::vector<FormField> fields = read_form_fields(input);
    if (!is_prepared(fields)) {
        plan.prepared = std::make_unique<ScratchFile>(options.output, "prepared");
        prepare_draft({input, plan.prepared->path()}, notices);
        input = plan.prepared->path();
        fields = read_form_fields(input);
    }
    // The block this official signs: the only one, or the one printing `signer`'s name.
    TextPlaces text = locate_places(input).places;
    size_t block = choose_signer_block(text.signers, options.signer);
    std::string place_name = field_names::official_field(block);
    const FormField* place = field(fields, place_name);
    if (!place)
        throw Error(ErrorCode::BadArguments,
                    "Văn bản chưa có vị trí chữ ký cho " + text.signers[block].name +
                        "; hãy chuẩn bị lại từ bản dự thảo (kyso prepare).",
                    "The document has no signature place for " + text.signers[block].name +
                        "; prepare it again from the draft (kyso prepare).");
    if (place->has_value)
        throw Error(ErrorCode::BadArguments,
                    "Văn bản đã có chữ ký của người có thẩm quyền (" + text.signers[block].name + ").",
                    "The document is already signed by the official (" + text.signers[block].name + ").");

    // 2. The image: a transparent PNG, blue, fitted into the gap (never beyond its real size).
    PngImage image = load_png(options.signature_image);
    if (!image.has_transparency)
        throw Error(ErrorCode::ImageInvalid,
                    "Ảnh chữ ký phải là PNG nền trong suốt (Nghị định 30); ảnh này có nền đặc sẽ che chữ.",
                    "The signature image must be a PNG with a transparent background (Decree 30); this one is opaque.");
    if (notices && !ink_colour(image).bluish())
        notices({"Ảnh chữ ký không phải màu xanh như Nghị định 30 quy định.",
                 "The signature image is not blue, as Decree 30 asks."});
    double natural_w = image.width_mm() ? *image.width_mm() * kPointsPerMm : image.width;
    double natural_h = image.height_mm() ? *image.height_mm() * kPointsPerMm : image.height;
    std::optional<PageRect> rect = layout::place_official_signature(place->rect, natural_w, natural_h);
    if (!rect)
        throw Error(ErrorCode::BadArguments,
                    "Khoảng trống giữa chức vụ và họ tên người ký quá hẹp để đặt chữ ký.",
                    "The space between the signer's title and name is too small for the signature.");

    plan.printed_name = text.signers[block].name;
    SignOptions& sign = plan.sign;
    sign.input = input;
    sign.output = options.output;
    sign.field_name = place_name;
    sign.reason = "Ký duyệt văn bản";
    sign.signing_time = now_or(options.now);
    sign.visible = VisibleSignature{place->page, *rect, options.signature_image, {}};
    apply_timestamp(options.timestamp, sign);
    return plan;
}

SignResult sign_official(const OfficialSignOptions& options, const KeySigner& official, const NoticeSink& notices) {
    require_distinct_paths(options.input, options.output);
    require_kind(official, CertificateKind::Personal, notices);
    OfficialPlan plan = plan_official_signature(options, notices);

    // The printed name should be the certificate's.
    std::string cn = ossl::common_name(X509_get_subject_name(official.certificate()));
    const std::string& printed = plan.printed_name;
    if (notices && folded(printed) != folded(cn))
        notices({"Tên trên chứng thư số (\"" + cn + "\") khác họ tên in trên văn bản (\"" + printed + "\").",
                 "The certificate's name (\"" + cn + "\") differs from the name printed (\"" + printed + "\")."});
    return sign_pdf(plan.sign, official, notices);
}

std::optional<int> written_number(const IssueOptions& options) {
    std::vector<FormField> fields = read_form_fields(options.input);
    const FormField* number = field(fields, field_names::kNumber);
    if (!number || !number->has_value)
        return std::nullopt;
    int written = std::atoi(number->value.c_str());
    if (options.number != 0 && options.number != written)
        throw Error(ErrorCode::BadArguments,
                    "Văn bản đã được cấp số " + number->value + "; không được ghi số khác (" +
                        std::to_string(options.number) + ").",
                    "The document is already numbered " + number->value + "; a different number (" +
                        std::to_string(options.number) + ") is refused.");
    return written;
}

namespace {
IssueResult issue_numbered(const IssueOptions& options, const KeySigner& organisation, const NoticeSink& notices);
} // namespace

IssueResult issue_document(const IssueOptions& options, const KeySigner& organisation, const NoticeSink& notices,
                           const AfterIssue& after) {
    // `after` belongs to the issuance: when it fails, the issued file goes and (in
    // issue_with_register) the number is released.
    auto issue_then = [&](const IssueOptions& numbered) {
        IssueResult result = issue_numbered(numbered, organisation, notices);
        if (after) {
            try {
                after(result);
            } catch (...) {
                std::error_code ignored;
                fs::remove(result.signature.output, ignored);
                throw;
            }
        }
        return result;
    };
    // A joint document the lead organisation has numbered: the others use that number, never a
    // new one from the register.
    if (std::optional<int> written = written_number(options)) {
        IssueOptions joined = options;
        joined.number = *written;
        return issue_then(joined);
    }
    if (options.register_location.empty())
        return issue_then(options);
    return issue_with_register(options, issue_then);
}

IssuePlan plan_issue_signature(const IssueOptions& options, const NoticeSink& notices) {
    require_distinct_paths(options.input, options.output);
    std::time_t now = now_or(options.now);
    CivilDate today = vietnam_date(now);

    // R2: the signing date is the issuance date, so only today can be the issuance date.
    if (options.date && !(*options.date == today))
        throw Error(ErrorCode::BadArguments,
                    "Ngày ban hành phải là hôm nay (" + two_digits(today.day) + "/" + two_digits(today.month) + "/" +
                        std::to_string(today.year) + "): ngày ký số của cơ quan là ngày ban hành văn bản.",
                    "The issuance date must be today: the organisation's signing date is the issuance date.");
    if (options.number < 1)
        throw Error(ErrorCode::BadArguments, "Số văn bản phải từ 1 trở lên.", "The number must be 1 or more.");

    // The block whose official signature this organisation seals (a joint document has several).
    std::vector<FormField> fields = read_form_fields(options.input);
    TextPlaces text = locate_places(options.input).places;
    size_t block = choose_signer_block(text.signers, options.signer);
    std::string org_name = field_names::organisation_field(block);
    if (const FormField* org = field(fields, org_name); org && org->has_value)
        throw Error(ErrorCode::BadArguments, "Văn bản này đã được phát hành (đã có chữ ký số của cơ quan).",
                    "This document has already been issued (it carries the organisation's signature).");
    const FormField* official_field = field(fields, field_names::official_field(block));
    if (!is_prepared(fields) || !official_field)
        throw Error(ErrorCode::BadArguments,
                    "Văn bản chưa có chữ ký số của người có thẩm quyền; chỉ phát hành sau khi người có thẩm quyền đã ký.",
                    "The document has no signature of the authorised official; issue it only after the official has signed.");

    // R1, for every block: each official has signed and the signature verifies (a joint document
    // is issued only once all its officials have signed).
    VerifyReport report = verify_pdf(options.input, TrustStore(options.trust_anchors));
    for (size_t i = 0; i < text.signers.size(); ++i) {
        std::string who = text.signers.size() > 1 ? " (" + text.signers[i].name + ")" : "";
        const FormField* place = field(fields, field_names::official_field(i));
        if (!place || !place->has_value)
            throw Error(ErrorCode::BadArguments,
                        "Văn bản chưa có chữ ký số của người có thẩm quyền" + who +
                            "; chỉ phát hành sau khi người có thẩm quyền đã ký.",
                        "The document has no signature of the authorised official" + who +
                            "; issue it only after the official has signed.");
        const SignatureVerdict* official_sig = nullptr;
        for (const SignatureVerdict& s : report.signatures)
            if (s.pdf.field_name == place->name)
                official_sig = &s;
        if (!official_sig)
            throw Error(ErrorCode::VerificationFailed,
                        "Không tìm thấy chữ ký số của người có thẩm quyền" + who + " trong tệp; không được phát hành.",
                        "The official's signature" + who + " was not found in the file; it must not be issued.");
        require_valid_official_signature(*official_sig, who);
    }

    // A joint document the lead organisation has issued: number and date are written; this
    // organisation signs on the same day (R2) and fills nothing.
    const FormField* number_field = field(fields, field_names::kNumber);
    bool numbered = number_field && number_field->has_value;
    if (numbered) {
        auto written = [&](const char* name) {
            const FormField* f = field(fields, name);
            return f && f->has_value ? std::atoi(f->value.c_str()) : 0;
        };
        int year = field(fields, field_names::kYear) ? written(field_names::kYear) : text.printed_year.value_or(0);
        if (written(field_names::kDay) != today.day || written(field_names::kMonth) != today.month || year != today.year)
            throw Error(ErrorCode::BadArguments,
                        "Văn bản liên tịch đã được ban hành ngày " + two_digits(written(field_names::kDay)) + "/" +
                            two_digits(written(field_names::kMonth)) + "/" + std::to_string(year) +
                            "; các cơ quan còn lại ký số trong chính ngày ban hành đó.",
                        "The joint document was issued on another day; the other organisations sign on the "
                        "issuance day itself (R2).");
    }

    // The draft's printed year must be this year.
    if (text.printed_year && *text.printed_year != today.year)
        throw Error(ErrorCode::BadArguments,
                    "Văn bản ghi năm " + std::to_string(*text.printed_year) + " nhưng được phát hành năm " +
                        std::to_string(today.year) + ". Hãy sửa năm trong dự thảo và trình ký lại.",
                    "The document says " + std::to_string(*text.printed_year) + " but is issued in " +
                        std::to_string(today.year) + ". Correct the year in the draft and have it signed again.");
    std::string symbol = upper_symbol(options.symbol);

    // Box 8: the seal at its real size over the left third of the official's signature.
    PngImage seal = load_png(options.seal_image);
    if (!seal.has_transparency)
        throw Error(ErrorCode::ImageInvalid, "Ảnh con dấu phải là PNG nền trong suốt (Nghị định 30).",
                    "The seal image must be a PNG with a transparent background (Decree 30).");
    if (notices && !ink_colour(seal).reddish())
        notices({"Ảnh con dấu không phải màu đỏ.", "The seal image is not red."});
    double diameter_mm = options.seal_diameter_mm ? *options.seal_diameter_mm : seal.width_mm().value_or(0);
    if (diameter_mm <= 0)
        throw Error(ErrorCode::ImageInvalid,
                    "Ảnh con dấu không ghi kích thước thật (pHYs); hãy cho biết đường kính bằng --seal-diameter-mm (ví dụ 36).",
                    "The seal image does not state its real size (pHYs); give the diameter with --seal-diameter-mm (e.g. 36).");
    double seal_w = diameter_mm * kPointsPerMm;
    double seal_h = seal_w * seal.height / seal.width;
    PageRect seal_rect = layout::place_seal(official_field->rect, seal_w, seal_h);

    auto value_of = [&](const std::string& base) {
        if (base == field_names::kNumber)
            return two_digits(options.number);
        if (base == field_names::kDay)
            return two_digits(today.day);
        if (base == field_names::kMonth)
            return month_text(today.month);
        return std::to_string(today.year);
    };
    FormEdits edits;
    if (!numbered) {
        for (const char* name : {field_names::kNumber, field_names::kDay, field_names::kMonth})
            edits.fills.push_back({name, value_of(name)});
        if (field(fields, field_names::kYear))
            edits.fills.push_back({field_names::kYear, value_of(field_names::kYear)});
        // The appendices' references to this document: the same values, in the same update.
        for (const FormField& f : fields)
            if (const char* base = field_names::referenced_field(f.name))
                edits.fills.push_back({f.name, value_of(base)});
    }

    IssuePlan plan;
    plan.seal_diameter_mm = diameter_mm;
    IssueResult& result = plan.numbers;
    result.number = options.number;
    result.number_text = two_digits(options.number) + "/" +
                         (text.symbol.empty() ? std::to_string(today.year) + "/" + symbol : text.symbol);
    result.date_text = "ngày " + two_digits(today.day) + " tháng " + month_text(today.month) + " năm " +
                       std::to_string(today.year);
    SignOptions& sign = plan.sign;
    sign.input = options.input;
    sign.output = options.output;
    sign.field_name = org_name;
    sign.reason = std::string(kIssueReasonPrefix) + result.number_text;
    sign.signing_time = now;
    sign.edits = edits;
    sign.visible = VisibleSignature{official_field->page, seal_rect, options.seal_image, {}};
    apply_timestamp(options.timestamp, sign);
    return plan;
}

Error seal_error(const Error& error, const IssuePlan& plan) {
    if (error.code() != ErrorCode::BadArguments || error.english().find("rectangle") == std::string::npos)
        return error;
    std::string mm = std::to_string(static_cast<int>(plan.seal_diameter_mm));
    return Error(ErrorCode::BadArguments,
                 "Con dấu (" + mm + " mm) vượt ra ngoài trang ở vị trí quy định; hãy kiểm tra kích thước ảnh con dấu.",
                 "The seal (" + mm + " mm) would extend beyond the page at its required place; check the seal image's size.");
}

namespace {

IssueResult issue_numbered(const IssueOptions& options, const KeySigner& organisation, const NoticeSink& notices) {
    require_distinct_paths(options.input, options.output);
    require_kind(organisation, CertificateKind::Organisation, notices);
    IssuePlan plan = plan_issue_signature(options, notices);
    IssueResult result = plan.numbers;
    try {
        result.signature = sign_pdf(plan.sign, organisation, notices);
    } catch (const Error& error) {
        throw seal_error(error, plan);
    }
    return result;
}

// `base`, or base_2, base_3 … when the file already has a field of that name (a copy of an
// issued document, a copy of a copy).
std::string free_field_name(const std::vector<FormField>& fields, const std::string& base) {
    std::string name = base;
    for (int n = 2; field(fields, name); ++n)
        name = base + "_" + std::to_string(n);
    return name;
}

// The note's place in the free space at the top right of page 1, measured on the page as
// rendered (text, graphics, images); refused when the note would cover content.
layout::NotePlacement note_place(const std::string& input, size_t lines) {
    PageRect page = page_boxes(input).at(0);
    PageRect column{page.right() - kNoteFrame.right_margin - kNoteFrame.width, page.top() - kNoteSearchDepth,
                    kNoteFrame.width, kNoteSearchDepth};
    std::optional<double> content_top = highest_ink(input, 1, column);
    std::optional<layout::NotePlacement> placement = layout::place_top_right_note(page, kNoteFrame, lines, content_top);
    if (!placement)
        throw Error(ErrorCode::BadArguments,
                    "Góc trên bên phải trang 1 không còn chỗ trống cho " + std::to_string(lines) +
                        " dòng ghi chú (cỡ chữ 10) mà không đè lên nội dung văn bản; kyso không ký. Hãy để trống "
                        "lề trên (khoảng 20 mm) ở góc phải trang đầu.",
                    "The top right of page 1 has no free space for the " + std::to_string(lines) +
                        "-line note (10 pt) without covering the document's content; nothing was signed. Leave "
                        "the top margin (about 20 mm) free at the right of the first page.");
    return *placement;
}

// An attachment's note: the main document's number and the signing time.
constexpr size_t kAttachmentNoteLines = 2;

struct NoteNames {
    const char* signature;
    const char* note;
};

SignResult sign_with_note(const std::string& input, const std::string& output, std::vector<std::string> lines,
                          const NoteNames& names, const std::string& reason, std::time_t now,
                          const TimestampRequest& timestamp, const KeySigner& organisation, const NoticeSink& notices) {
    require_distinct_paths(input, output);
    std::vector<FormField> fields = read_form_fields(input);
    require_kind(organisation, CertificateKind::Organisation, notices);
    layout::NotePlacement placement = note_place(input, lines.size());
    NoteSpec note{free_field_name(fields, names.note), 1, placement.rect, std::move(lines), kNoteFrame.font_size,
                  placement.line_spacing};
    SignOptions sign;
    sign.input = input;
    sign.output = output;
    sign.field_name = free_field_name(fields, names.signature);
    sign.reason = reason;
    sign.signing_time = now;
    sign.edits.notes.push_back(note);
    apply_timestamp(timestamp, sign);
    return sign_pdf(sign, organisation, notices);
}

} // namespace

std::string issued_number_text(const std::string& path) {
    std::vector<FormField> fields = read_form_fields(path);
    const FormField* number = field(fields, field_names::kNumber);
    if (!number || !number->has_value || number->value.empty())
        throw Error(ErrorCode::BadArguments,
                    "Văn bản chính \"" + path + "\" chưa được phát hành (chưa có số và chữ ký số của cơ quan); "
                    "chỉ ký tệp đính kèm sau khi văn bản chính đã phát hành.",
                    "The main document \"" + path + "\" is not issued (no number and no organisation signature); "
                    "sign its attachments after it has been issued.");
    VerifyReport report = verify_pdf(path, TrustStore(std::vector<std::string>{}));
    bool intact = std::any_of(report.signatures.begin(), report.signatures.end(), [](const SignatureVerdict& s) {
        return s.pdf.field_name.rfind(field_names::kOrganisation, 0) == 0 && s.integrity_ok(); // joint: _2 …
    });
    if (!intact)
        throw Error(ErrorCode::VerificationFailed,
                    "Chữ ký số của cơ quan trên văn bản chính \"" + path + "\" không hợp lệ; không lấy số từ văn bản này.",
                    "The organisation's signature on the main document \"" + path + "\" does not verify; its "
                    "number is not used.");
    std::string symbol = locate_places(path).places.symbol;
    if (symbol.empty())
        throw Error(ErrorCode::BadArguments,
                    "Không đọc được ký hiệu văn bản (\"Số: …/…\") trên văn bản chính \"" + path + "\".",
                    "The symbol (\"Số: …/…\") cannot be read on the main document \"" + path + "\".");
    return number->value + "/" + symbol;
}

SignResult sign_attachment(const AttachmentOptions& options, const KeySigner& organisation, const NoticeSink& notices) {
    std::time_t now = now_or(options.now);
    std::string number;
    if (!options.main_document.empty()) {
        if (options.number != 0 || !options.symbol.empty())
            throw Error(ErrorCode::BadArguments,
                        "Chỉ dùng một trong hai: văn bản chính (--main) hoặc số và ký hiệu (--number, --symbol).",
                        "Give either the main document (--main) or the number and symbol (--number, --symbol), not both.");
        number = options.main_number_text.empty() ? issued_number_text(options.main_document) : options.main_number_text;
    } else {
        if (options.number < 1 || options.symbol.empty())
            throw Error(ErrorCode::BadArguments,
                        "Cần số và ký hiệu của văn bản chính (--number, --symbol) hoặc chính văn bản đó (--main).",
                        "The main document's number and symbol (--number, --symbol) or the document itself (--main) are needed.");
        // What the user gave, as printed: "07/STTTT-VP" stays without a year.
        number = two_digits(options.number) + "/" + upper_symbol(options.symbol);
    }
    return sign_with_note(options.input, options.output, {number, iso8601_local(now)},
                          {field_names::kOrganisation, field_names::kNote}, "Ký số tệp đính kèm văn bản số " + number, now, options.timestamp, organisation,
                          notices);
}

void check_attachment_input(const std::string& input) {
    read_form_fields(input); // a PDF kyso can read (not encrypted)
    note_place(input, kAttachmentNoteLines);
}

SignResult sign_copy(const CopyOptions& options, const KeySigner& organisation, const NoticeSink& notices) {
    static const std::vector<std::string> kForms{"SAO Y", "SAO LỤC", "TRÍCH SAO"};
    if (std::find(kForms.begin(), kForms.end(), options.form) == kForms.end())
        throw Error(ErrorCode::BadArguments, "Hình thức sao phải là \"SAO Y\", \"SAO LỤC\" hoặc \"TRÍCH SAO\".",
                    "The copy form must be \"SAO Y\", \"SAO LỤC\" or \"TRÍCH SAO\".");
    if (options.organisation.empty())
        throw Error(ErrorCode::BadArguments, "Cần tên cơ quan, tổ chức thực hiện sao (--org).",
                    "The copying organisation's name is needed (--org).");
    std::time_t now = now_or(options.now);
    return sign_with_note(options.input, options.output, {options.form, options.organisation, iso8601_local(now)},
                          {field_names::kCopy, field_names::kCopyNote}, options.form + " điện tử", now, options.timestamp, organisation, notices);
}

} // namespace kyso
