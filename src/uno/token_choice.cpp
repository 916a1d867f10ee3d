#include "uno/token_choice.hpp"

#include "core/error.hpp"
#include "core/token/token.hpp"
#include "uno/dialogs.hpp"

#include <ctime>

namespace kyso::lo {
namespace {

enum class Kind { Personal, Organisation, Unknown };

// Vietnamese certificates name the holder's id: CCCD/CMND for a person, MST (tax code) for an
// organisation; a title (chức vụ) also marks a person.
Kind kind_of(const TokenCertificate& cert) {
    const std::string& s = cert.subject;
    if (s.find("CCCD:") != std::string::npos || s.find("CMND:") != std::string::npos ||
        s.find("title=") != std::string::npos)
        return Kind::Personal;
    if (s.find("MST:") != std::string::npos)
        return Kind::Organisation;
    return Kind::Unknown;
}

bool fits(Kind kind, Role role) {
    return kind == Kind::Unknown || (role == Role::Official) == (kind == Kind::Personal);
}

bool matches(const TokenCertificate& cert, const std::string& wanted) {
    return cert.label == wanted || cert.id_hex == wanted ||
           (!wanted.empty() && cert.subject.find(wanted) != std::string::npos);
}

// Days until an ISO 8601 UTC time "YYYY-MM-DDTHH:MM:SSZ"; a large number when unreadable.
long days_until(const std::string& iso) {
    std::tm tm{};
    if (!strptime(iso.c_str(), "%Y-%m-%dT%H:%M:%S", &tm))
        return 1L << 20;
    return static_cast<long>((timegm(&tm) - std::time(nullptr)) / 86400);
}

struct Candidate {
    std::string token;
    TokenCertificate cert;
};

bool valid_now(const Candidate& c) {
    return days_until(c.cert.not_before) <= 0 && days_until(c.cert.not_after) >= 0;
}

CertRow row_of(const Env& env, const Candidate& c) {
    Kind kind = kind_of(c.cert);
    CertRow row;
    row.token = c.token;
    row.label = c.cert.label;
    row.holder = c.cert.common_name;
    row.kind = kind == Kind::Personal       ? (env.vietnamese ? "cá nhân" : "personal")
               : kind == Kind::Organisation ? (env.vietnamese ? "tổ chức" : "organisation")
                                            : "?";
    row.validity = c.cert.not_before.substr(0, 10) + " … " + c.cert.not_after.substr(0, 10);
    long days = days_until(c.cert.not_after);
    if (days_until(c.cert.not_before) > 0)
        row.warning = env.vietnamese ? "chưa có hiệu lực" : "not valid yet";
    else if (days < 0)
        row.warning = env.vietnamese ? "đã hết hạn" : "expired";
    else if (days <= 30)
        row.warning = env.vietnamese ? "hết hạn sau " + std::to_string(days) + " ngày: cần làm thủ tục gia hạn"
                                     : "expires in " + std::to_string(days) + " days: renewal needs a formal request";
    return row;
}

OUString pin_state(const Env& env, const TokenInfo& info) {
    if (info.pin_locked)
        return env.tr("Thiết bị đã bị khoá PIN.", "The token's PIN is locked.");
    if (info.pin_final_try)
        return env.tr("CHỈ CÒN MỘT lần nhập PIN: nhập sai nữa thiết bị sẽ bị khoá.",
                      "Only ONE try is left: a wrong PIN now locks the token.");
    if (info.pin_count_low)
        return env.tr("Thiết bị báo đã có lần nhập PIN sai: còn ít lần thử.",
                      "The token reports failed PIN attempts: few tries are left.");
    return env.tr("PIN không được lưu lại.", "The PIN is never stored.");
}

// First use: no token in the settings and none asked for, so the user picked one from what the
// module (by default p11-kit's proxy: every module registered with p11-kit) shows. The choice is
// kept, after a successful login only: the chooser preselects it next time, and a signing
// with Interactive=false finds it.
bool first_use(const Env& env, const Arguments& args, const Settings& settings) {
    return env.interactive && settings.token_label.empty() && args.token_label.empty();
}

void remember_choice(const Env& env, Role role, const Settings& settings, const Candidate& chosen,
                     const NoticeSink& notices) {
    Settings updated = settings;
    updated.token_label = chosen.token;
    std::string& cert = role == Role::Official ? updated.official_cert : updated.organisation_cert;
    if (cert.empty())
        cert = chosen.cert.label.empty() ? chosen.cert.id_hex : chosen.cert.label;
    try {
        save_settings(env.context, updated);
    } catch (const std::exception& e) {
        if (notices)
            notices({std::string("Không lưu được lựa chọn thiết bị vào Cài đặt: ") + e.what(),
                     std::string("The token choice could not be saved in the settings: ") + e.what()});
        return;
    } catch (const css::uno::Exception& e) {
        if (notices)
            notices({"Không lưu được lựa chọn thiết bị vào Cài đặt: " + utf8(e.Message),
                     "The token choice could not be saved in the settings: " + utf8(e.Message)});
        return;
    }
    if (notices)
        notices({"Đã lưu vào Cài đặt: thiết bị \"" + chosen.token + "\", chứng thư \"" + cert +
                     "\" (đổi trong kyso ▸ Cài đặt).",
                 "Saved in the settings: token \"" + chosen.token + "\", certificate \"" + cert +
                     "\" (change it in kyso ▸ Settings)."});
}

} // namespace

KeySigner open_role_signer(const Env& env, Role role, Arguments& args, const Settings& settings,
                           const NoticeSink& notices, size_t signatures) {
    // 1. Module and tokens.
    TokenModule tokens(resolve_module_path(!args.module.empty() ? args.module : settings.module));
    std::string token_wanted = !args.token_label.empty() ? args.token_label : settings.token_label;
    std::string cert_wanted = !args.cert_label.empty()                ? args.cert_label
                              : role == Role::Official                ? settings.official_cert
                                                                      : settings.organisation_cert;
    std::vector<TokenInfo> present = tokens.list_tokens();
    if (present.empty())
        throw Error(ErrorCode::TokenNotFound,
                    "Không thấy thiết bị ký số nào. Hãy cắm thiết bị (USB token) rồi thử lại.",
                    "No token found. Plug in the USB token and try again.");

    // 2. Candidates: certificates that may sign, of the role's kind.
    std::vector<Candidate> all, fitting;
    for (const TokenInfo& token : present) {
        if (!token_wanted.empty() && token.label != token_wanted)
            continue;
        for (const TokenCertificate& cert : token.certificates) {
            if (!cert.can_sign) // (private keys are only listed after login)
                continue;
            all.push_back({token.label, cert});
            if (cert_wanted.empty() ? fits(kind_of(cert), role) : matches(cert, cert_wanted))
                fitting.push_back({token.label, cert});
        }
    }
    if (all.empty())
        throw Error(ErrorCode::TokenNotFound,
                    token_wanted.empty() ? "Không có chứng thư số nào dùng để ký trên thiết bị."
                                         : "Không thấy thiết bị \"" + token_wanted + "\" hoặc thiết bị không có chứng thư ký số.",
                    token_wanted.empty() ? "No signing certificate on the token."
                                         : "No token \"" + token_wanted + "\", or it has no signing certificate.");

    // 3. The choice.
    Candidate chosen;
    if (env.interactive) {
        std::vector<CertRow> rows;
        for (const Candidate& c : all)
            rows.push_back(row_of(env, c));
        // The certificate asked for; else the first of the role's kind that is valid today (a
        // token lists its objects in no fixed order, and an expired or not yet valid one would
        // only be refused after the PIN).
        const Candidate* wanted = nullptr;
        for (const Candidate& c : fitting)
            if (!wanted || (cert_wanted.empty() && !valid_now(*wanted) && valid_now(c)))
                wanted = &c;
        size_t preselected = 0;
        for (size_t i = 0; wanted && i < all.size(); ++i)
            if (all[i].cert.id_hex == wanted->cert.id_hex && all[i].token == wanted->token)
                preselected = i;
        OUString intro = role == Role::Official
                             ? env.tr("Ký với chứng thư số cá nhân của người có thẩm quyền.",
                                      "Sign with the authorised official's personal certificate.")
                             : env.tr("Phát hành với chứng thư số của cơ quan, tổ chức.",
                                      "Issue with the organisation's certificate.");
        if (first_use(env, args, settings))
            intro += env.tr(" Chưa chọn thiết bị trong Cài đặt: lựa chọn này sẽ được lưu lại.",
                            " No token is set in the settings yet: this choice will be kept.");
        auto picked = choose_certificate(env, rows, preselected, intro);
        if (!picked)
            throw Cancelled{};
        chosen = all[*picked];
    } else if (fitting.size() == 1) {
        chosen = fitting.front();
    } else if (fitting.empty()) {
        std::string what = cert_wanted.empty() ? std::string(role == Role::Official ? "cá nhân" : "của cơ quan")
                                               : "\"" + cert_wanted + "\"";
        throw Error(ErrorCode::TokenNotFound, "Không thấy chứng thư số " + what + " trên thiết bị.",
                    "No certificate " + (cert_wanted.empty() ? std::string(role == Role::Official ? "of a person" : "of the organisation")
                                                             : "\"" + cert_wanted + "\"") + " on the token.");
    } else {
        std::string labels;
        for (const Candidate& c : fitting)
            labels += (labels.empty() ? "" : ", ") + c.cert.label;
        throw Error(ErrorCode::BadArguments,
                    "Có nhiều chứng thư phù hợp (" + labels + "): hãy chỉ rõ CertLabel hoặc chọn trong Cài đặt.",
                    "Several certificates fit (" + labels + "): give CertLabel, or choose one in the settings.");
    }
    if (!fits(kind_of(chosen.cert), role) && notices)
        notices(role == Role::Official
                    ? Notice{"Chứng thư đã chọn có vẻ là của tổ chức, không phải cá nhân.",
                             "The chosen certificate looks like an organisation's, not a person's."}
                    : Notice{"Chứng thư đã chọn có vẻ là của cá nhân, không phải của cơ quan.",
                             "The chosen certificate looks like a person's, not the organisation's."});

    // 4. The PIN: from the dialog (masked, tries left shown) or the PIN argument.
    TokenInfo state = tokens.token_info(chosen.token);
    Secret pin;
    bool final_try = false;
    if (env.interactive && args.pin.empty()) {
        auto answer = ask_pin(env, chosen.token, chosen.cert.common_name, pin_state(env, state), state.pin_final_try);
        if (!answer)
            throw Cancelled{};
        pin = std::move(answer->pin);
        final_try = answer->final_try;
    } else {
        if (args.pin.empty())
            throw Error(ErrorCode::BadArguments, "Thiếu PIN (Interactive=false cần tham số PIN).",
                        "No PIN (Interactive=false needs the PIN argument).");
        pin = std::move(args.pin);
    }
    CertificateQuery query{chosen.token, chosen.cert.id_hex.empty() ? chosen.cert.label : chosen.cert.id_hex};
    const bool remember = first_use(env, args, settings);
    KeySigner signer = tokens.open_signer(query, std::move(pin), final_try, notices);
    signer.release_after_signing(signatures); // one login per command: log out right after its last signature
    if (remember)
        remember_choice(env, role, settings, chosen, notices);
    return signer;
}

} // namespace kyso::lo
