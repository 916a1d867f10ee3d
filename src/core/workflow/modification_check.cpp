#include "core/workflow/modification_check.hpp"

#include "core/workflow/roles.hpp"

#include <algorithm>
#include <set>
#include <tuple>

namespace kyso {
namespace {

bool is_kyso_fill(const std::string& field) {
    return field == field_names::kNumber || field == field_names::kDay || field == field_names::kMonth ||
           field == field_names::kYear || field_names::referenced_field(field);
}

// The field as a văn thư calls it.
std::pair<std::string, std::string> field_words(const std::string& field) {
    if (const char* base = field_names::referenced_field(field)) {
        auto [vi, en] = field_words(base);
        return {vi + " nhắc lại ở phần kèm theo", en + " repeated in an appendix heading"};
    }
    if (field == field_names::kNumber) return {"ô số văn bản", "the document number field"};
    if (field == field_names::kDay) return {"ô ngày ban hành", "the issue day field"};
    if (field == field_names::kMonth) return {"ô tháng ban hành", "the issue month field"};
    if (field == field_names::kYear) return {"ô năm ban hành", "the issue year field"};
    if (field == field_names::kOfficial) return {"chữ ký của người có thẩm quyền", "the authorised official's signature"};
    if (field == field_names::kOrganisation) return {"chữ ký của cơ quan, tổ chức", "the organisation's signature"};
    if (field_names::is_note(field)) return {"ghi chú góc trên trang", "the top-right note"};
    return {"ô \"" + field + "\"", "field \"" + field + "\""};
}

std::string quoted_vi(const std::string& field) { return field_words(field).first + " (" + field + ")"; }
std::string quoted_en(const std::string& field) { return field_words(field).second + " (" + field + ")"; }

std::string page_vi(int page) { return page ? "trang " + std::to_string(page) : "một trang"; }
std::string page_en(int page) { return page ? "page " + std::to_string(page) : "a page"; }

// Where the signed revision reaches the object from, as " (trang 1 › Resources › XObject /Fm1)".
std::string where_vi(const ObjectUse& use) {
    if (use.path.empty())
        return {};
    std::string root = use.page ? page_vi(use.page) : !use.field.empty() ? "ô " + use.field : "";
    return " (" + (root.empty() ? use.path : root + " \u203a " + use.path) + ")";
}
std::string where_en(const ObjectUse& use) {
    if (use.path.empty())
        return {};
    std::string root = use.page ? page_en(use.page) : !use.field.empty() ? "field " + use.field : "";
    return " (" + (root.empty() ? use.path : root + " \u203a " + use.path) + ")";
}

/// Collects findings of one revision, one per (code, page, field).
class Judge {
public:
    Judge(const RevisionDiff& diff, std::vector<ModificationFinding>& out) : diff_(diff), out_(out) {
        for (const ObjectChange& c : diff.objects)
            if (c.kind == ChangeKind::Added && c.role == ObjectRole::SignatureValue)
                adds_signature_ = true;
    }

    void allow(const std::string& code, int page, const std::string& field, std::string vi, std::string en) {
        add(true, code, page, field, std::move(vi), std::move(en));
    }
    void refuse(const std::string& code, int page, const std::string& field, std::string vi, std::string en) {
        add(false, code, page, field, std::move(vi), std::move(en));
    }

    // May this revision change `field`'s widget, appearance or value?
    bool may_change(const std::string& field) const {
        auto before = diff_.fields_before.find(field);
        auto after = diff_.fields_after.find(field);
        if (before == diff_.fields_before.end()) // a new field: signatures, or kyso's note signed with it
            return after != diff_.fields_after.end() &&
                   (after->second.type == "Sig" || (field_names::is_note(field) && adds_signature_));
        if (before->second.has_value) // signed or filled already: frozen
            return false;
        return before->second.type == "Sig" || is_kyso_fill(field);
    }

    void judge(const ObjectChange& c) {
        if (c.kind == ChangeKind::Removed) {
            if (c.old_role != ObjectRole::Unreferenced || !c.old_uses.empty())
                refuse("object_removed", c.page, c.old_field, "một thành phần của bản đã ký bị xoá bỏ",
                       "an object of the signed document was removed");
            return;
        }
        // Allowed only when every place the older revision reached it from allows it: a
        // field's appearance stream that a page also draws is page content. (Pages, fields
        // and the catalog are judged by their changed keys, below.) First, for the path.
        if (c.kind == ChangeKind::Changed)
            for (const ObjectUse& use : c.old_uses)
                if (use.role != ObjectRole::Page && use.role != ObjectRole::Field && use.role != ObjectRole::Catalog)
                    judge_role(c, use);
        judge_role(c, {c.role, c.page, c.field, {}});
        if (c.kind == ChangeKind::Changed && (c.old_role != c.role || c.old_field != c.field))
            judge_role(c, {c.old_role, c.page, c.old_field, {}});
    }

private:
    void add(bool allowed, const std::string& code, int page, const std::string& field, std::string vi, std::string en) {
        if (!seen_.insert({code, page, field}).second)
            return;
        out_.push_back({diff_.revision, allowed, code, page, field, std::move(vi), std::move(en)});
    }

    void judge_role(const ObjectChange& c, const ObjectUse& use) {
        bool added = c.kind == ChangeKind::Added;
        const std::string& field = use.field;
        const int page = use.page;
        switch (use.role) {
        case ObjectRole::Unreferenced:
        case ObjectRole::FormResource:
            return; // not shown anywhere, or fonts for form fields
        case ObjectRole::Catalog:
            return judge_catalog(c);
        case ObjectRole::PageTree:
            return refuse("pages_changed", 0, {}, "danh sách trang của văn bản đã bị thay đổi",
                          "the document's page list was changed");
        case ObjectRole::Page:
            return judge_page(c);
        case ObjectRole::PageContent:
            return refuse("page_content_changed", page, {},
                          "sau khi ký, nội dung " + page_vi(page) + " đã bị thay đổi" + where_vi(use),
                          "after signing, the content of " + page_en(page) + " was changed" + where_en(use));
        case ObjectRole::PageResource:
            return refuse("page_resources_changed", page, {},
                          "sau khi ký, phông chữ, hình ảnh hoặc lớp hiển thị của " + page_vi(page) + " đã bị thay đổi" +
                              where_vi(use),
                          "after signing, the fonts, images or layers of " + page_en(page) + " were changed" +
                              where_en(use));
        case ObjectRole::PageAnnots:
            if (c.annotations_removed)
                refuse("annotation_removed", c.page, {}, "một chú thích hoặc ô trên " + page_vi(c.page) + " đã bị gỡ bỏ",
                       "an annotation or field on " + page_en(c.page) + " was removed");
            return;
        case ObjectRole::Annotation:
            if (added)
                return refuse("annotation_added", page, {},
                              "một chú thích mới (" + c.detail + ") được thêm lên " + page_vi(c.page) +
                                  ", có thể che hoặc thay nội dung đã ký",
                              "a new annotation (" + c.detail + ") was added on " + page_en(c.page) +
                                  "; it can cover or replace the signed content");
            return refuse("annotation_changed", page, {},
                          "một chú thích trên " + page_vi(page) + " đã bị sửa (có thể làm hiện nội dung ẩn)" + where_vi(use),
                          "an annotation on " + page_en(page) + " was changed (it may reveal hidden content)" +
                              where_en(use));
        case ObjectRole::Field:
            return judge_field(c, field);
        case ObjectRole::FieldAppearance:
            if (may_change(field))
                return;
            return refuse("field_appearance_changed", page, field,
                          "hình hiển thị của " + quoted_vi(field) + " đã bị thay đổi sau khi ký" + where_vi(use),
                          "the appearance of " + quoted_en(field) + " was changed after signing" + where_en(use));
        case ObjectRole::SignatureValue:
            if (added && may_change(field))
                return allow("signature_added", c.page, field, "thêm " + quoted_vi(field),
                             "added " + quoted_en(field));
            return refuse("signature_changed", c.page, field, quoted_vi(field) + " đã bị sửa hoặc thay thế",
                          quoted_en(field) + " was altered or replaced");
        case ObjectRole::AcroForm:
            return judge_form_keys(c.changed_keys);
        case ObjectRole::Dss:
            return allow("dss_added", 0, {}, "thêm dữ liệu kiểm tra dài hạn (DSS)", "added long-term validation data (DSS)");
        case ObjectRole::Metadata:
        case ObjectRole::Info:
            return allow("metadata_updated", 0, {}, "cập nhật thông tin mô tả tài liệu",
                         "updated the document's metadata");
        case ObjectRole::Other: {
            std::string part = use.path.empty() ? c.detail : use.path;
            bool layers = part.rfind("OCProperties", 0) == 0;
            return refuse("document_part_changed", 0, {},
                          "phần \"" + part + "\" của tài liệu đã bị thay đổi" + (layers ? " (bật/tắt lớp nội dung ẩn)" : ""),
                          "the document's \"" + part + "\" was changed" + (layers ? " (hidden layers switched)" : ""));
        }
        }
    }

    void judge_catalog(const ObjectChange& c) {
        if (c.kind == ChangeKind::Added)
            return refuse("catalog_replaced", 0, {}, "mục lục gốc của tài liệu đã bị thay thế",
                          "the document catalog was replaced");
        std::vector<std::string> form_keys;
        for (const std::string& key : c.changed_keys) {
            if (key == "DSS" || key.rfind("DSS/", 0) == 0 || key == "Metadata")
                continue;
            if (key == "AcroForm") // a new form, or one given by reference: its entries are judged on their own
                continue;
            if (key.rfind("AcroForm/", 0) == 0) {
                form_keys.push_back(key.substr(9));
                continue;
            }
            bool layers = key.rfind("OCProperties", 0) == 0;
            refuse("catalog_changed", 0, {},
                   "phần \"" + key + "\" trong mục lục gốc của tài liệu đã bị thay đổi" +
                       (layers ? " (bật/tắt lớp nội dung ẩn)" : ""),
                   "the catalog entry \"" + key + "\" was changed" + (layers ? " (hidden layers switched)" : ""));
        }
        judge_form_keys(form_keys);
    }

    void judge_form_keys(const std::vector<std::string>& keys) {
        for (const std::string& key : keys) {
            // /DA and /DR only serve appearances a viewer builds from now on; signers (podofosign
            // among them) set them when they add their field, and no drawn appearance changes.
            if (key == "Fields" || key == "SigFlags" || key == "DA" || key == "DR" || key.rfind("DR/", 0) == 0)
                continue;
            refuse("form_changed", 0, {}, "thiết lập \"" + key + "\" của biểu mẫu đã bị thay đổi",
                   "the form's \"" + key + "\" entry was changed");
        }
    }

    void judge_page(const ObjectChange& c) {
        if (c.kind == ChangeKind::Added)
            return refuse("page_replaced", c.page, {}, page_vi(c.page) + " đã bị thay bằng một trang khác",
                          page_en(c.page) + " was replaced by another page");
        for (const std::string& key : c.changed_keys) {
            if (key == "Annots")
                continue;
            if (key == "Contents")
                refuse("page_content_changed", c.page, {}, "sau khi ký, nội dung " + page_vi(c.page) + " đã bị thay đổi",
                       "after signing, the content of " + page_en(c.page) + " was changed");
            else if (key == "Resources" || key.rfind("Resources/", 0) == 0)
                refuse("page_resources_changed", c.page, {},
                       "sau khi ký, phông chữ, hình ảnh hoặc lớp hiển thị của " + page_vi(c.page) + " đã bị thay đổi",
                       "after signing, the fonts, images or layers of " + page_en(c.page) + " were changed");
            else
                refuse("page_changed", c.page, {}, "thuộc tính \"" + key + "\" của " + page_vi(c.page) + " đã bị thay đổi",
                       "the \"" + key + "\" entry of " + page_en(c.page) + " was changed");
        }
        if (c.annotations_removed)
            refuse("annotation_removed", c.page, {}, "một chú thích hoặc ô trên " + page_vi(c.page) + " đã bị gỡ bỏ",
                   "an annotation or field on " + page_en(c.page) + " was removed");
    }

    void judge_field(const ObjectChange& c, const std::string& field) {
        bool existed = diff_.fields_before.count(field) > 0;
        if (c.kind == ChangeKind::Added) {
            if (existed)
                return refuse("field_replaced", c.page, field, quoted_vi(field) + " đã bị thay bằng một ô khác",
                              quoted_en(field) + " was replaced by another field");
            if (may_change(field)) {
                if (field_names::is_note(field))
                    return allow("note_added", c.page, field, "thêm " + quoted_vi(field) + " kèm chữ ký",
                                 "added " + quoted_en(field) + " with a signature");
                if (!diff_.fields_after.at(field).has_value)
                    allow("signature_field_added", c.page, field, "thêm ô chữ ký trống " + field,
                          "added an empty signature field " + field);
                return;
            }
            return refuse("field_added", c.page, field,
                          "một ô nhập liệu mới (" + field + ") được thêm vào sau khi ký, có thể che nội dung",
                          "a new form field (" + field + ") was added after signing; it can cover content");
        }
        if (!existed || !may_change(field))
            return refuse("signed_field_changed", c.page, field,
                          quoted_vi(field) + " đã bị sửa sau khi ký (vị trí hoặc hình hiển thị)",
                          quoted_en(field) + " was changed after signing (position or appearance)");
        const FieldState& before = diff_.fields_before.at(field);
        for (const std::string& key : c.changed_keys) {
            bool ok = key == "V" || key == "AP" || key.rfind("AP/", 0) == 0 ||
                      // Signers set the flags of the widget they sign (Adobe Reader: /F).
                      (before.type == "Sig" && (key == "Rect" || key == "F" || key == "MK" || key.rfind("MK/", 0) == 0));
            if (!ok)
                return refuse("field_changed", c.page, field,
                              "thuộc tính \"" + key + "\" của " + quoted_vi(field) + " đã bị thay đổi",
                              "the \"" + key + "\" entry of " + quoted_en(field) + " was changed");
        }
        if (before.type != "Sig")
            allow("field_filled", c.page, field, "điền " + quoted_vi(field), "filled " + quoted_en(field));
    }

    const RevisionDiff& diff_;
    std::vector<ModificationFinding>& out_;
    bool adds_signature_ = false;
    std::set<std::tuple<std::string, int, std::string>> seen_;
};

// The signature's own value must arrive in the revision it closes; one that first appears
// later reuses another signature's signed bytes (universal signature forgery).
bool value_added_in(const RevisionDiff& diff, const std::string& field) {
    for (const ObjectChange& c : diff.objects) {
        if (c.field != field)
            continue;
        if (c.role == ObjectRole::SignatureValue && (c.kind == ChangeKind::Added || c.kind == ChangeKind::Changed))
            return true;
        if (c.role == ObjectRole::Field && std::count(c.changed_keys.begin(), c.changed_keys.end(), "V"))
            return true;
        if (c.role == ObjectRole::Field && c.kind == ChangeKind::Added && diff.fields_after.count(field) &&
            diff.fields_after.at(field).has_value)
            return true;
    }
    return false;
}

// A certification's permission P over the findings of one later revision (from `first` on):
// P=1 allows nothing but validation data; P=2 no new field besides signatures (kyso's note is
// one). P=3 allows annotations too, which the rules above already refuse on their own.
void judge_certification(int p, int revision, std::vector<ModificationFinding>& findings, size_t first) {
    if (p == 0 || p == 3)
        return;
    bool changed = false;
    std::string new_field;
    for (size_t i = first; i < findings.size(); ++i) {
        changed = changed || findings[i].code != "dss_added";
        if (findings[i].code == "note_added")
            new_field = findings[i].field;
    }
    if (p != 2 && changed) {
        findings.push_back({revision, false, "certification_no_changes", 0, {},
                            "văn bản đã được chứng thực không cho phép thay đổi (DocMDP P=1), nhưng phiên bản " +
                                std::to_string(revision) + " đã thay đổi nó (kể cả ký thêm)",
                            "the document is certified with no changes allowed (DocMDP P=1), yet revision " +
                                std::to_string(revision) + " changed it (signing included)"});
    } else if (p == 2 && !new_field.empty()) {
        findings.push_back({revision, false, "certification_new_field", 0, new_field,
                            "văn bản đã được chứng thực chỉ cho phép điền biểu mẫu và ký (DocMDP P=2), nhưng phiên bản " +
                                std::to_string(revision) + " đã thêm " + quoted_vi(new_field),
                            "the document is certified for form filling and signing only (DocMDP P=2), yet revision " +
                                std::to_string(revision) + " added " + quoted_en(new_field)});
    }
}

} // namespace

std::vector<ModificationFinding> check_modifications(const RevisionHistory& history, int signed_revision,
                                                     size_t signed_end, const std::string& signature_field,
                                                     int certification) {
    std::vector<ModificationFinding> findings;
    // Up to 2 bytes of slack: some writers leave the end-of-line after %%EOF unsigned.
    const std::vector<size_t>& ends = history.revision_ends;
    if (signed_revision < 1 || static_cast<size_t>(signed_revision) > ends.size() ||
        ends[static_cast<size_t>(signed_revision) - 1] - signed_end > 2)
        findings.push_back({signed_revision, false, "signature_inside_revision", 0, signature_field,
                            "chữ ký không phủ hết phiên bản mà nó thuộc về: phần còn lại có thể bị sửa mà không bị phát hiện",
                            "the signature does not cover the whole revision it belongs to: the rest could be altered "
                            "unnoticed"});
    for (const RevisionDiff& diff : history.diffs) {
        if (diff.revision == signed_revision && diff.readable && !value_added_in(diff, signature_field))
            findings.push_back({diff.revision, false, "signature_value_elsewhere", 0, signature_field,
                                "giá trị của chữ ký này không nằm trong phần được ký: có thể là chữ ký giả mạo mượn dữ "
                                "liệu của một chữ ký khác",
                                "this signature's value is not inside the bytes it signs: it may be a forgery that "
                                "reuses another signature's data"});
        if (diff.revision <= signed_revision)
            continue;
        if (!diff.readable) {
            findings.push_back({diff.revision, false, "unreadable_revision", 0, {},
                                "phần cập nhật thứ " + std::to_string(diff.revision) +
                                    " sau khi ký không đọc được, không thể biết nó thay đổi gì",
                                "update " + std::to_string(diff.revision) +
                                    " after signing cannot be read, so what it changes is unknown (" +
                                    diff.unreadable_reason + ")"});
            continue;
        }
        size_t first_of_revision = findings.size();
        Judge judge(diff, findings);
        for (const ObjectChange& change : diff.objects)
            judge.judge(change);
        for (const auto& [name, state] : diff.fields_before)
            if (!diff.fields_after.count(name))
                judge.refuse("field_removed", 0, name, quoted_vi(name) + " đã bị gỡ khỏi văn bản",
                             quoted_en(name) + " was removed from the document");
        if (!diff.stray_definitions.empty()) {
            std::string numbers;
            for (unsigned n : diff.stray_definitions)
                numbers += (numbers.empty() ? "" : ", ") + std::to_string(n);
            judge.refuse("hidden_definitions", 0, {},
                         "phần cập nhật chứa đối tượng (số " + numbers +
                             ") không khai báo trong bảng tham chiếu: một số phần mềm đọc sẽ hiển thị nội dung khác",
                         "the update holds objects (" + numbers +
                             ") that its cross-reference table does not list: some readers will show other content");
        }
        for (const std::string& key : diff.trailer_changes)
            judge.refuse(key == "Root" ? "trailer_root_changed" : "trailer_changed", 0, {},
                         "phần cuối tệp (trailer \u203a " + key +
                             ") đã trỏ sang đối tượng khác: tài liệu hiển thị không còn là bản đã ký",
                         "the file's trailer (trailer \u203a " + key +
                             ") now points elsewhere: the document shown is no longer the one signed");
        judge_certification(certification, diff.revision, findings, first_of_revision);
    }
    if (history.trailing_bytes)
        findings.push_back({0, false, "unstructured_append", 0, {},
                            "có " + std::to_string(history.trailing_bytes) +
                                " byte được nối vào cuối tệp mà không thành một phiên bản hợp lệ",
                            std::to_string(history.trailing_bytes) +
                                " bytes were appended to the file outside any valid revision"});
    return findings;
}

bool modifications_allowed(const std::vector<ModificationFinding>& findings) {
    return std::all_of(findings.begin(), findings.end(), [](const ModificationFinding& f) { return f.allowed; });
}

} // namespace kyso
