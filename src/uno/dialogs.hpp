// kyso's dialogs, built from UNO dialog models at run time (so labels come in the UI language
// without resource files): certificate chooser, PIN, issuance, verification report, result and
// settings. Each returns nullopt/false on cancel; nothing has been written by then.
#pragma once

#include "core/token/secret.hpp"
#include "uno/settings.hpp"
#include "uno/ui.hpp"

#include <optional>
#include <string>
#include <vector>

namespace kyso::lo {

/// One certificate as the chooser lists it.
struct CertRow {
    std::string token;
    std::string label;
    std::string holder;   ///< common name
    std::string kind;     ///< "cá nhân"/"personal", "tổ chức"/"organisation"
    std::string validity; ///< "2025-11-23 … 2027-11-24"
    std::string warning;  ///< e.g. expires within 30 days; empty when none
};

/// Lets the user pick a certificate; returns its index.
std::optional<size_t> choose_certificate(const Env& env, const std::vector<CertRow>& rows, size_t preselected,
                                         const OUString& purpose);

/// One signer block as the block chooser shows it.
struct BlockRow {
    std::string label;     ///< "GIÁM ĐỐC SỞ NỘI VỤ — Nguyễn Thanh Bình (đã ký)"
    bool choosable = true; ///< false: shown greyed, cannot be picked
};

/// Lets the user pick one of a joint document's signer blocks; returns its index.
std::optional<size_t> choose_signer_block(const Env& env, const OUString& purpose, const std::vector<BlockRow>& rows,
                                          size_t preselected);

/// The PIN dialog's answer.
struct PinAnswer {
    Secret pin;
    bool final_try = false; ///< the user agreed to spend the last try
};

/// Asks the PIN (masked). `state` tells the tries left from the token flags; `final_try`
/// adds a consent box for the last try.
std::optional<PinAnswer> ask_pin(const Env& env, const std::string& token, const std::string& holder,
                                 const OUString& state, bool final_try);

/// The issuance dialog's answer.
struct IssuanceAnswer {
    int number = 0;
    std::string symbol;
    std::vector<std::string> attachments; ///< separate-file attachments, in the order listed
};

/// Number (proposed by the register book `book`), symbol, today's date shown read-only, and the
/// separate-file attachments (starting from `attachments`) the văn thư adds or removes.
/// `number_kept`: the number is the one a joint document already carries (another organisation
/// issued it), shown read-only with that reason, and `symbol` the one printed with it, read-only.
std::optional<IssuanceAnswer> ask_issuance(const Env& env, int proposed, bool number_kept, const std::string& symbol,
                                           const std::string& date_text, const std::string& book,
                                           const std::vector<std::string>& attachments);

/// One page of the preview: a PNG of `width` × `height` pixels and the words above it.
struct PreviewPicture {
    std::string png_path;
    int width = 0, height = 0;
    OUString label; ///< "Trang 1: số và ngày"
};

/// The pages as they will look signed, side by side in page order, shown before the PIN with
/// `caption` above them; true for Ký (sign), false for Huỷ.
bool confirm_preview(const Env& env, const OUString& title, const OUString& caption,
                     const std::vector<PreviewPicture>& pages, const OUString& sign_label);

/// A long read-only text (verification report) with OK.
void show_text(const Env& env, const OUString& title, const OUString& text);

/// The result of a command: where the file is; true when the user wants it opened.
bool show_result(const Env& env, const OUString& text, bool offer_open);

/// The settings dialog; true when the user saved.
bool edit_settings(const Env& env, Settings& settings);

} // namespace kyso::lo
