#include "core/token/token.hpp"

#include "core/crypto/cert_policy.hpp"
#include "core/crypto/chain.hpp"
#include "core/crypto/cms_check.hpp"
#include "core/error.hpp"

#include <libp11.h>
#include <openssl/err.h>
#include <openssl/x509v3.h>

#include <algorithm>
#include <cstdlib>
#include <map>
#include <mutex>

namespace kyso {
namespace {

// libp11 reports a failing PKCS#11 call with the CK_RV as the OpenSSL error reason.
constexpr unsigned long kCkrPinIncorrect = 0xA0;
constexpr unsigned long kCkrPinInvalid = 0xA1;
constexpr unsigned long kCkrPinLenRange = 0xA2;
constexpr unsigned long kCkrPinExpired = 0xA3;
constexpr unsigned long kCkrPinLocked = 0xA4;
constexpr unsigned long kCkrDeviceRemoved = 0x32;
constexpr unsigned long kCkrTokenNotPresent = 0xE0;

std::string ckr_name(unsigned long rv) {
    switch (rv) {
    case kCkrPinIncorrect: return "CKR_PIN_INCORRECT";
    case kCkrPinInvalid: return "CKR_PIN_INVALID";
    case kCkrPinLenRange: return "CKR_PIN_LEN_RANGE";
    case kCkrPinExpired: return "CKR_PIN_EXPIRED";
    case kCkrPinLocked: return "CKR_PIN_LOCKED";
    case kCkrDeviceRemoved: return "CKR_DEVICE_REMOVED";
    case kCkrTokenNotPresent: return "CKR_TOKEN_NOT_PRESENT";
    default: {
        char buffer[32];
        std::snprintf(buffer, sizeof buffer, "CK_RV 0x%lX", rv);
        return buffer;
    }
    }
}

std::string trimmed(const char* text) {
    std::string value = text ? text : "";
    while (!value.empty() && (value.back() == ' ' || value.back() == '\0'))
        value.pop_back();
    return value;
}

std::string key_usage_text(X509* cert) {
    if (!(X509_get_extension_flags(cert) & EXFLAG_KUSAGE))
        return {};
    static const std::pair<uint32_t, const char*> names[] = {
        {KU_DIGITAL_SIGNATURE, "digitalSignature"}, {KU_NON_REPUDIATION, "nonRepudiation"},
        {KU_KEY_ENCIPHERMENT, "keyEncipherment"},   {KU_DATA_ENCIPHERMENT, "dataEncipherment"},
        {KU_KEY_AGREEMENT, "keyAgreement"},         {KU_KEY_CERT_SIGN, "keyCertSign"},
        {KU_CRL_SIGN, "cRLSign"},
    };
    std::string text;
    uint32_t usage = X509_get_key_usage(cert);
    for (const auto& [bit, name] : names)
        if (usage & bit)
            text += (text.empty() ? "" : ", ") + std::string(name);
    return text;
}

std::string key_type_text(X509* cert) {
    EVP_PKEY* key = X509_get0_pubkey(cert);
    if (!key)
        return "unknown";
    int bits = EVP_PKEY_get_bits(key);
    switch (EVP_PKEY_get_base_id(key)) {
    case EVP_PKEY_RSA: return "RSA " + std::to_string(bits);
    case EVP_PKEY_EC: return "EC " + std::to_string(bits);
    default: return "other " + std::to_string(bits);
    }
}

TokenCertificate describe(const PKCS11_CERT& cert) {
    TokenCertificate info;
    info.label = trimmed(cert.label);
    info.id_hex = ossl::to_hex(cert.id, cert.id_len);
    X509* x = cert.x509;
    if (!x)
        return info;
    info.subject = ossl::name_to_string(X509_get_subject_name(x));
    info.common_name = ossl::common_name(X509_get_subject_name(x));
    info.issuer = ossl::name_to_string(X509_get_issuer_name(x));
    info.serial_hex = ossl::serial_hex(x);
    info.not_before = iso8601(X509_get0_notBefore(x));
    info.not_after = iso8601(X509_get0_notAfter(x));
    info.key_usage = key_usage_text(x);
    info.key_type = key_type_text(x);
    bool is_ca = X509_check_ca(x) != 0;
    info.can_sign = !is_ca && (info.key_usage.empty() ||
                               (X509_get_key_usage(x) & (KU_DIGITAL_SIGNATURE | KU_NON_REPUDIATION)));
    return info;
}

} // namespace

std::string resolve_module_path(const std::string& explicit_path) {
    if (!explicit_path.empty())
        return explicit_path;
    if (const char* env = std::getenv("KYSO_PKCS11_MODULE"); env && *env)
        return env;
    // p11-kit's proxy loads every module registered with p11-kit; the loader's search path
    // finds it in the multiarch library directory, so no absolute path is needed.
    return "p11-kit-proxy.so";
}

struct TokenModule::State {
    PKCS11_CTX* ctx = nullptr;
    PKCS11_SLOT* slots = nullptr;
    unsigned int slot_count = 0;
    std::mutex guard; // libp11 and most modules are not thread-safe

    ~State() {
        if (slots)
            PKCS11_release_all_slots(ctx, slots, slot_count);
        if (ctx) {
            PKCS11_CTX_unload(ctx);
            PKCS11_CTX_free(ctx);
        }
    }

    /// PIN flags of a token as the module reports them now. libp11 0.4.12's
    /// PKCS11_update_slots crashes, so this reads a second, short-lived slot list; releasing
    /// it closes the slot's sessions, so it is only called when no login is held.
    struct PinFlags {
        bool count_low = false, final_try = false, locked = false;
    };
    PinFlags fresh_flags(const std::string& label) {
        PinFlags flags;
        PKCS11_SLOT* fresh = nullptr;
        unsigned int count = 0;
        if (PKCS11_enumerate_slots(ctx, &fresh, &count) != 0) {
            ERR_clear_error();
            return flags;
        }
        for (unsigned int i = 0; i < count; ++i)
            if (fresh[i].token && trimmed(fresh[i].token->label) == label) {
                flags = {fresh[i].token->userPinCountLow != 0, fresh[i].token->userPinFinalTry != 0,
                         fresh[i].token->userPinLocked != 0};
                break;
            }
        PKCS11_release_all_slots(ctx, fresh, count);
        return flags;
    }

    PKCS11_SLOT& slot_with_token(const std::string& label) {
        PKCS11_SLOT* found = nullptr;
        std::vector<std::string> present;
        for (unsigned int i = 0; i < slot_count; ++i) {
            PKCS11_SLOT& slot = slots[i];
            if (!slot.token || !slot.token->initialized)
                continue;
            std::string token_label = trimmed(slot.token->label);
            present.push_back("\"" + token_label + "\"");
            if (token_label == label) {
                if (found)
                    throw Error(ErrorCode::TokenNotFound,
                                "Có nhiều hơn một thiết bị ký số mang nhãn \"" + label + "\". Hãy chỉ cắm một thiết bị.",
                                "More than one token is labelled \"" + label + "\". Plug in only one.");
                found = &slot;
            }
        }
        if (!found) {
            std::string list;
            for (const std::string& name : present)
                list += (list.empty() ? "" : ", ") + name;
            throw Error(ErrorCode::TokenNotFound,
                        "Không thấy thiết bị ký số mang nhãn \"" + label + "\". Hãy cắm thiết bị rồi thử lại" +
                            (list.empty() ? "." : " (đang có: " + list + ")."),
                        "No token labelled \"" + label + "\". Plug it in and try again" +
                            (list.empty() ? "." : " (present: " + list + ")."));
        }
        return *found;
    }
};

TokenModule::TokenModule(const std::string& module_path) {
    // One loaded context per module and process: a second PKCS11_CTX on the same library would
    // call C_Finalize when it goes away and pull the library out from under the first.
    static std::mutex registry_guard;
    static std::map<std::string, std::weak_ptr<State>> registry;
    std::lock_guard lock(registry_guard);
    if (std::shared_ptr<State> alive = registry[module_path].lock()) {
        state_ = alive;
        return;
    }
    state_ = std::make_shared<State>();
    state_->ctx = PKCS11_CTX_new();
    if (!state_->ctx || PKCS11_CTX_load(state_->ctx, module_path.c_str()) != 0) {
        std::string cause = ossl::drain_errors();
        if (state_->ctx) {
            PKCS11_CTX_free(state_->ctx);
            state_->ctx = nullptr;
        }
        throw Error(ErrorCode::TokenNotFound,
                    "Không nạp được thư viện PKCS#11 \"" + module_path +
                        "\". Hãy cài trình điều khiển của thiết bị ký số, hoặc chỉ đường dẫn bằng --module.",
                    "Cannot load the PKCS#11 module \"" + module_path +
                        "\". Install the token's driver, or give its path with --module.",
                    cause);
    }
    if (PKCS11_enumerate_slots(state_->ctx, &state_->slots, &state_->slot_count) != 0)
        throw Error(ErrorCode::TokenNotFound, "Không đọc được danh sách khe thiết bị ký số.",
                    "Cannot enumerate the PKCS#11 slots.", ossl::drain_errors());
    registry[module_path] = state_;
}

TokenModule::~TokenModule() = default;

namespace {

// A token's names and PIN state flags, without its certificates.
TokenInfo token_summary(const PKCS11_TOKEN& token) {
    TokenInfo info;
    info.label = trimmed(token.label);
    info.manufacturer = trimmed(token.manufacturer);
    info.model = trimmed(token.model);
    info.serial = trimmed(token.serialnr);
    info.pin_count_low = token.userPinCountLow;
    info.pin_final_try = token.userPinFinalTry;
    info.pin_locked = token.userPinLocked;
    return info;
}

} // namespace

std::vector<TokenInfo> TokenModule::list_tokens() {
    std::lock_guard lock(state_->guard);
    std::vector<TokenInfo> tokens;
    for (unsigned int i = 0; i < state_->slot_count; ++i) {
        PKCS11_SLOT& slot = state_->slots[i];
        if (!slot.token || !slot.token->initialized)
            continue;
        PKCS11_TOKEN& token = *slot.token;
        TokenInfo info = token_summary(token);
        PKCS11_CERT* certs = nullptr;
        unsigned int count = 0;
        if (PKCS11_enumerate_certs(&token, &certs, &count) == 0)
            for (unsigned int c = 0; c < count; ++c)
                info.certificates.push_back(describe(certs[c]));
        ERR_clear_error();
        tokens.push_back(std::move(info));
    }
    return tokens;
}

TokenInfo TokenModule::token_info(const std::string& token_label) {
    std::lock_guard lock(state_->guard);
    return token_summary(*state_->slot_with_token(token_label).token); // or the "not found" error with the list
}

size_t matching_certificate(const std::vector<TokenCertificate>& certificates, const std::string& wanted) {
    std::string wanted_lower = wanted;
    std::transform(wanted_lower.begin(), wanted_lower.end(), wanted_lower.begin(), ::tolower);
    for (size_t i = 0; i < certificates.size(); ++i)
        if (certificates[i].label == wanted || certificates[i].id_hex == wanted_lower)
            return i;
    // Only when no label or id is `wanted`: part of a subject. An id such as "01" is also part
    // of many a subject ("UID=CCCD:089000000001"), and a token lists its objects in no fixed order.
    for (size_t i = 0; i < certificates.size(); ++i)
        if (!wanted.empty() && certificates[i].subject.find(wanted) != std::string::npos && certificates[i].can_sign)
            return i;
    return certificates.size();
}

KeySigner TokenModule::open_signer(const CertificateQuery& query, Secret pin, bool allow_final_try,
                                   const NoticeSink& notices) {
    std::lock_guard lock(state_->guard);
    PKCS11_SLOT& slot = state_->slot_with_token(query.token_label);
    PKCS11_TOKEN& token = *slot.token;

    // 1. Find the certificate first: a typo should not cost a PIN try.
    PKCS11_CERT* certs = nullptr;
    unsigned int count = 0;
    if (PKCS11_enumerate_certs(&token, &certs, &count) != 0)
        throw Error(ErrorCode::TokenNotFound, "Không đọc được chứng thư số trên thiết bị.",
                    "Cannot read the certificates on the token.", ossl::drain_errors());
    std::vector<const X509*> all;
    std::vector<TokenCertificate> described;
    std::string wanted = query.certificate;
    for (unsigned int i = 0; i < count; ++i) {
        if (certs[i].x509)
            all.push_back(certs[i].x509);
        described.push_back(describe(certs[i]));
    }
    size_t index = matching_certificate(described, wanted);
    PKCS11_CERT* chosen = index < count ? &certs[index] : nullptr;
    if (!chosen || !chosen->x509)
        throw Error(ErrorCode::TokenNotFound,
                    "Không thấy chứng thư số \"" + wanted + "\" trên thiết bị \"" + query.token_label +
                        "\". Xem danh sách bằng: kyso token list",
                    "No certificate \"" + wanted + "\" on token \"" + query.token_label +
                        "\". List them with: kyso token list");

    require_signing_certificate(chosen->x509, std::time(nullptr), notices);

    // 2. PIN state: never spend the last try without the user's explicit consent.
    if (token.userPinLocked)
        throw Error(ErrorCode::TokenPinLocked,
                    "Thiết bị ký số đã bị khoá PIN. Cần làm thủ tục đề nghị khôi phục thiết bị với tổ chức cung cấp dịch vụ.",
                    "The token's PIN is locked. It needs a formal recovery request to the certificate provider.");
    if (token.userPinFinalTry && !allow_final_try)
        throw Error(ErrorCode::TokenPinLocked,
                    "Chỉ còn MỘT lần nhập PIN; nhập sai nữa thiết bị sẽ bị khoá. Nếu chắc chắn PIN đúng, chạy lại với --final-try.",
                    "Only ONE PIN try is left; a wrong PIN now locks the token. If you are sure of the PIN, run again with --final-try.");
    if (token.userPinCountLow && notices)
        notices({"Cảnh báo: thiết bị báo đã có lần nhập PIN sai; còn ít lần thử trước khi bị khoá.",
                 "Warning: the token reports failed PIN attempts; few tries are left before it locks."});

    // 3. Log in. Our Secret is cleansed as soon as C_Login has been called; libp11 keeps its own
    //    copy for re-login until the slots are released (KeySigner::release_token).
    int logged_in = 0;
    if (PKCS11_is_logged_in(&slot, 0, &logged_in) != 0)
        logged_in = 0;
    if (!logged_in) {
        if (PKCS11_open_session(&slot, 0) != 0) {
            pin.wipe();
            throw Error(ErrorCode::TokenNotFound, "Không mở được phiên làm việc với thiết bị ký số.",
                        "Cannot open a session on the token.", ossl::drain_errors());
        }
        int rc = PKCS11_login(&slot, 0, pin.c_str());
        pin.wipe();
        if (rc != 0) {
            unsigned long reason = ERR_GET_REASON(ERR_peek_last_error());
            std::string cause = ckr_name(reason) + "; " + ossl::drain_errors();
            State::PinFlags now = state_->fresh_flags(query.token_label);
            if (reason == kCkrPinLocked || now.locked)
                throw Error(ErrorCode::TokenPinLocked,
                            "PIN sai và thiết bị ký số đã bị khoá. Cần làm thủ tục đề nghị khôi phục thiết bị.",
                            "Wrong PIN, and the token is now locked. It needs a formal recovery request.", cause);
            if (reason == kCkrPinIncorrect || reason == kCkrPinInvalid || reason == kCkrPinLenRange) {
                std::string vi = "PIN không đúng.", en = "Incorrect PIN.";
                if (now.final_try) {
                    vi += " Chỉ còn MỘT lần thử: nhập sai nữa thiết bị sẽ bị khoá.";
                    en += " Only ONE try is left: another wrong PIN locks the token.";
                } else if (now.count_low) {
                    vi += " Còn ít lần thử trước khi thiết bị bị khoá.";
                    en += " Few tries are left before the token locks.";
                }
                throw Error(ErrorCode::TokenPinIncorrect, vi, en, cause);
            }
            if (reason == kCkrDeviceRemoved || reason == kCkrTokenNotPresent)
                throw Error(ErrorCode::TokenNotFound, "Thiết bị ký số đã bị rút ra. Hãy cắm lại rồi thử lại.",
                            "The token was removed. Plug it in again and retry.", cause);
            throw Error(ErrorCode::SigningFailed, "Không đăng nhập được vào thiết bị ký số.",
                        "Login to the token failed.", cause);
        }
    }
    pin.wipe();

    // 4. The private key that pairs with the certificate (same CKA_ID).
    PKCS11_KEY* key = PKCS11_find_key(chosen);
    EVP_PKEY* pkey = key ? PKCS11_get_private_key(key) : nullptr;
    if (!pkey)
        throw Error(ErrorCode::TokenNotFound,
                    "Chứng thư số \"" + wanted + "\" không có khoá bí mật đi kèm trên thiết bị.",
                    "Certificate \"" + wanted + "\" has no matching private key on the token.",
                    ossl::drain_errors());
    ossl::X509Ptr leaf(X509_dup(chosen->x509));
    std::vector<ossl::X509Ptr> chain = issuer_chain(leaf.get(), all);
    return KeySigner(ossl::PkeyPtr(pkey), std::move(leaf), std::move(chain), &state_->guard, state_);
}

} // namespace kyso
