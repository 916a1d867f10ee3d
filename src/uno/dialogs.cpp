#include "uno/dialogs.hpp"

#include "uno/attachment_list.hpp"
#include "uno/form.hpp"

#include <com/sun/star/awt/ImageScaleMode.hpp>
#include <com/sun/star/awt/PushButtonType.hpp>
#include <com/sun/star/awt/XControl.hpp>
#include <com/sun/star/beans/XPropertySet.hpp>

#include <algorithm>
#include <functional>
#include <sstream>

namespace kyso::lo {
namespace {

using namespace css::uno;
using css::beans::XPropertySet;

std::string join(const std::vector<std::string>& parts, const char* sep) {
    std::string out;
    for (const std::string& p : parts)
        if (!p.empty())
            out += (out.empty() ? "" : sep) + p;
    return out;
}

} // namespace

std::optional<size_t> choose_certificate(const Env& env, const std::vector<CertRow>& rows, size_t preselected,
                                         const OUString& purpose) {
    const int W = 300, H = 170;
    Form form(env, env.tr("Chọn chứng thư số", "Choose a certificate"), W, H);
    form.label("purpose", 6, 6, W - 12, 16, purpose);
    Sequence<OUString> items(static_cast<sal_Int32>(rows.size()));
    std::string warnings;
    for (size_t i = 0; i < rows.size(); ++i) {
        const CertRow& r = rows[i];
        items.getArray()[i] = ou(join({r.holder, r.kind, r.validity, r.token + " / " + r.label}, " — "));
        if (!r.warning.empty())
            warnings += (warnings.empty() ? "" : "\n") + r.holder + ": " + r.warning;
    }
    form.list("certs", 6, 24, W - 12, 90, items, static_cast<sal_Int16>(preselected));
    form.label("warning", 6, 118, W - 12, 26, ou(warnings));
    form.ok_cancel(W, H, env.tr("Chọn", "Choose"));
    if (!form.run())
        return std::nullopt;
    int chosen = form.selected("certs");
    if (chosen < 0 || static_cast<size_t>(chosen) >= rows.size())
        return std::nullopt;
    return static_cast<size_t>(chosen);
}

std::optional<size_t> choose_signer_block(const Env& env, const OUString& purpose, const std::vector<BlockRow>& rows,
                                          size_t preselected) {
    // One radio button per block: a block the step cannot take stays in view, greyed.
    const int W = 280, row_height = 14, top = 36;
    const int H = top + static_cast<int>(rows.size()) * row_height + 30;
    Form form(env, env.tr("Chọn khối chữ ký", "Choose the signer block"), W, H);
    form.label("purpose", 6, 6, W - 12, 28, purpose);
    std::vector<std::string> names;
    for (size_t i = 0; i < rows.size(); ++i) {
        names.push_back("block" + std::to_string(i));
        auto radio = form.add("RadioButton", names.back().c_str(), 10, top + static_cast<int>(i) * row_height, W - 16, 12);
        radio->setPropertyValue("Label", Any(ou(rows[i].label)));
        radio->setPropertyValue("Enabled", Any(rows[i].choosable));
        radio->setPropertyValue("State", Any(sal_Int16(i == preselected ? 1 : 0)));
    }
    form.ok_cancel(W, H, env.tr("Chọn", "Choose"));
    if (!form.run())
        return std::nullopt;
    for (size_t i = 0; i < rows.size(); ++i)
        if (rows[i].choosable && form.checked(names[i].c_str()))
            return i;
    return std::nullopt;
}

std::optional<PinAnswer> ask_pin(const Env& env, const std::string& token, const std::string& holder,
                                 const OUString& state, bool final_try) {
    const int W = 220, H = final_try ? 120 : 100;
    Form form(env, env.tr("Nhập PIN", "Enter PIN"), W, H);
    form.label("who", 6, 6, W - 12, 20,
               ou((env.vietnamese ? "Thiết bị: " : "Token: ") + token + "\n" +
                  (env.vietnamese ? "Chứng thư: " : "Certificate: ") + holder));
    form.label("pinlabel", 6, 32, 40, 10, "PIN:");
    auto pin = form.edit("pin", 48, 30, W - 54, 12, {});
    pin->setPropertyValue("EchoChar", Any(sal_Int16('*')));
    form.label("state", 6, 48, W - 12, 26, state);
    if (final_try)
        form.check("final", 6, 76, W - 12, 12,
                   env.tr("Tôi chắc chắn PIN đúng: dùng lần thử cuối", "I am sure of the PIN: use the last try"), false);
    form.ok_cancel(W, H, env.tr("Ký", "Sign"));
    if (!form.run())
        return std::nullopt;
    PinAnswer answer;
    answer.pin = secret_utf8(form.text("pin"));
    // Drop the model's reference; the OUString buffers themselves are freed, not cleansed.
    pin->setPropertyValue("Text", Any(OUString()));
    answer.final_try = final_try && form.checked("final");
    return answer;
}

std::optional<IssuanceAnswer> ask_issuance(const Env& env, int proposed, bool number_kept, const std::string& symbol,
                                           const std::string& date_text, const std::string& book,
                                           const std::vector<std::string>& attachments) {
    const int W = 240, H = 196;
    Form form(env, env.tr("Phát hành văn bản", "Issue the document"), W, H);
    form.label("numlabel", 6, 8, 70, 10, env.tr("Số:", "Number:"));
    // A kept number as printed on the document ("07").
    std::string kept = (proposed < 10 ? "0" : "") + std::to_string(proposed);
    auto number = form.edit("number", 80, 6, 50, 12, number_kept ? ou(kept) : OUString::number(proposed));
    number->setPropertyValue("ReadOnly", Any(number_kept));
    form.label("symlabel", 6, 26, 70, 10, env.tr("Ký hiệu:", "Symbol:"));
    form.edit("symbol", 80, 24, W - 86, 12, ou(symbol))->setPropertyValue("ReadOnly", Any(number_kept));
    form.label("datelabel", 6, 44, 70, 10, env.tr("Ngày ban hành:", "Issuance date:"));
    auto date = form.edit("date", 80, 42, W - 86, 12, ou(date_text));
    date->setPropertyValue("ReadOnly", Any(true));
    form.label("note", 6, 60, W - 12, 32,
               env.tr(number_kept
                          ? Bilingual{"Văn bản liên tịch đã được cấp số " + kept + " khi cơ quan chủ trì phát hành; "
                                      "các cơ quan sau giữ số đó, không ghi số khác. Ngày ký số của cơ quan là ngày "
                                      "ban hành: hôm nay.",
                                      "The joint document was given number " + kept + " when the lead organisation "
                                      "issued it; the other organisations keep that number, never another. The "
                                      "organisation signs on the issuance date: today."}
                          : Bilingual{"Số do sổ văn bản đi \"" + book + "\" đề xuất (số kế tiếp trong năm); số gõ tay "
                                      "phải chưa có trong sổ. Ngày ký số của cơ quan là ngày ban hành: hôm nay.",
                                      "The number is proposed by the outgoing register \"" + book + "\" (the next of "
                                      "the year); a number typed by hand must not be in the register yet. The "
                                      "organisation signs on the issuance date: today."}));
    // Separate-file attachments, signed after the document on the same PIN (issue 16.4).
    form.label("attlabel", 6, 94, W - 12, 10, env.tr("Tệp đính kèm riêng (ký cùng một lần nhập PIN):",
                                                     "Separate-file attachments (signed on the same PIN):"));
    auto paths = std::make_shared<std::vector<std::string>>(attachments);
    form.list("attachments", 6, 106, W - 70, 62, attachment_names(*paths), -1);
    form.control("attachments")->setPropertyValue("SelectedItems", Any(Sequence<sal_Int16>()));
    form.button("attadd", W - 60, 106, 54, env.tr("Thêm tệp…", "Add file…"), css::awt::PushButtonType_STANDARD);
    form.button("attremove", W - 60, 124, 54, env.tr("Bỏ tệp", "Remove"), css::awt::PushButtonType_STANDARD);
    form.ok_cancel(W, H, env.tr("Phát hành", "Issue"));
    auto wire = [&](const Reference<css::awt::XControlContainer>& dialog) {
        connect_attachment_list(env, dialog, "attachments", "attadd", "attremove", paths);
    };
    for (;;) {
        if (!form.run(wire))
            return std::nullopt;
        IssuanceAnswer answer{form.text("number").trim().toInt32(), utf8(form.text("symbol").trim()), *paths};
        if (answer.number >= 1 && !answer.symbol.empty())
            return answer;
        show_message(env, MessageKind::Warning,
                     env.tr("Số phải là số nguyên từ 1 và ký hiệu không được để trống.",
                            "The number must be a whole number from 1, and the symbol cannot be empty."));
    }
}

bool confirm_preview(const Env& env, const OUString& title, const OUString& caption,
                     const std::vector<PreviewPicture>& pages, const OUString& sign_label) {
    // Each page at its own proportions, about 200 units wide (narrower when there are more
    // than two): a full A4 page, or two side by side, fit a laptop screen.
    const int count = std::max<int>(1, static_cast<int>(pages.size()));
    const int image_w = std::min(200, 420 / count);
    int image_h = 0;
    for (const PreviewPicture& page : pages)
        image_h = std::max(image_h, page.height > 0 && page.width > 0 ? image_w * page.height / page.width : 283);
    const int W = count * (image_w + 6) + 6, H = image_h + 70;
    Form form(env, title, W, H);
    form.label("caption", 6, 4, W - 12, 20, caption);
    for (int i = 0; i < static_cast<int>(pages.size()); ++i) {
        const PreviewPicture& page = pages[i];
        const int x = 6 + i * (image_w + 6);
        std::string suffix = i == 0 ? std::string() : std::to_string(i + 1); // "page", "page2", …
        form.label(("pagelabel" + suffix).c_str(), x, 26, image_w, 10, page.label);
        auto image = form.add("ImageControl", ("page" + suffix).c_str(), x, 38, image_w, image_h);
        image->setPropertyValue("ImageURL", Any(url_from_path(page.png_path)));
        image->setPropertyValue("ScaleImage", Any(true));
        image->setPropertyValue("ScaleMode", Any(css::awt::ImageScaleMode::ISOTROPIC));
        image->setPropertyValue("Border", Any(sal_Int16(1)));
        image->setPropertyValue("HelpText", Any(page.label)); // its accessible description
    }
    form.ok_cancel(W, H, sign_label);
    return form.run();
}

void show_text(const Env& env, const OUString& title, const OUString& text) {
    const int W = 320, H = 200;
    Form form(env, title, W, H);
    auto box = form.edit("text", 6, 6, W - 12, H - 32, text);
    box->setPropertyValue("MultiLine", Any(true));
    box->setPropertyValue("ReadOnly", Any(true));
    box->setPropertyValue("VScroll", Any(true));
    form.button("ok", W - 56, H - 20, 50, "OK", css::awt::PushButtonType_OK, true);
    form.run();
}

bool show_result(const Env& env, const OUString& text, bool offer_open) {
    if (!offer_open) {
        show_message(env, MessageKind::Info, text);
        return false;
    }
    return ask_yes_no(env, text + "\n\n" + env.tr("Mở tệp này?", "Open this file?"));
}

bool edit_settings(const Env& env, Settings& s) {
    const int W = 300, H = 314, L = 110;
    Form form(env, env.tr("Cài đặt kyso", "kyso settings"), W, H);
    struct Row {
        const char* name;
        const char* vi;
        const char* en;
        std::string* value;
    };
    std::string diameter = s.seal_diameter_mm > 0 ? std::to_string(s.seal_diameter_mm) : std::string();
    std::string anchors = join(s.trust_anchors, ";");
    Row rows[] = {
        {"module", "Thư viện PKCS#11:", "PKCS#11 module:", &s.module},
        {"token", "Nhãn thiết bị:", "Token label:", &s.token_label},
        {"official", "Chứng thư cá nhân:", "Personal certificate:", &s.official_cert},
        {"org", "Chứng thư cơ quan:", "Organisation certificate:", &s.organisation_cert},
        {"orgname", "Tên cơ quan:", "Organisation name:", &s.organisation_name},
        {"symbol", "Ký hiệu văn bản:", "Document symbol:", &s.symbol},
        {"sigimage", "Ảnh chữ ký (PNG):", "Signature image (PNG):", &s.signature_image},
        {"sealimage", "Ảnh con dấu (PNG):", "Seal image (PNG):", &s.seal_image},
        {"diameter", "Đường kính dấu (mm):", "Seal diameter (mm):", &diameter},
        {"folder", "Thư mục lưu:", "Output folder:", &s.output_folder},
        {"pattern", "Tên tệp:", "File name:", &s.output_pattern},
        {"anchors", "Chứng thư gốc (PEM; ;):", "Trust anchors (PEM; ;):", &anchors},
        {"tsa", "Máy chủ dấu thời gian:", "Time-stamp server (TSA):", &s.tsa_url},
        {"register", "Sổ văn bản đi (tệp/postgresql):", "Outgoing register (file/postgresql):", &s.register_location},
        {"book", "Tên sổ đăng ký:", "Register book:", &s.register_book},
    };
    int y = 6;
    for (const Row& row : rows) {
        form.label((std::string(row.name) + "_l").c_str(), 6, y + 2, L - 8, 10, env.tr(row.vi, row.en));
        form.edit(row.name, L, y, W - L - 6, 12, ou(*row.value));
        y += 16;
    }
    form.check("pdfa", L, y, W - L - 6, 12, env.tr("Xuất PDF/A-2b", "Export PDF/A-2b"), s.pdfa);
    form.check("tsa_without", L, y + 16, W - L - 6, 12,
               env.tr("TSA lỗi thì vẫn ký, không dấu thời gian", "If the TSA fails, sign without a time-stamp"),
               s.tsa_allow_without);
    form.ok_cancel(W, H, env.tr("Lưu", "Save"));
    if (!form.run())
        return false;
    for (const Row& row : rows)
        *row.value = utf8(form.text(row.name).trim());
    s.pdfa = form.checked("pdfa");
    s.tsa_allow_without = form.checked("tsa_without");
    s.seal_diameter_mm = diameter.empty() ? 0 : std::strtod(diameter.c_str(), nullptr);
    s.trust_anchors.clear();
    std::istringstream split(anchors);
    for (std::string part; std::getline(split, part, ';');)
        if (!part.empty())
            s.trust_anchors.push_back(part);
    if (s.output_pattern.empty())
        s.output_pattern = "{name}-{step}.pdf";
    if (s.register_book.empty())
        s.register_book = "chung";
    return true;
}

} // namespace kyso::lo
