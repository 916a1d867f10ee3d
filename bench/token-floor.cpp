// token-floor MODULE TOKEN_LABEL KEY_LABEL PIN_ENV
//
// The least any program pays for one signature on a PKCS#11 token: load the module,
// C_Initialize, find the token by label, open a session, log in, find the private key by label
// with one search template, sign one SHA-256 digest, log out, C_Finalize. No PDF, no
// certificate parsing, no output file. run-bench.sh times it beside `kyso sign` so that the
// token's own share of a signing (SoftHSM2 reads and locks its object files on every access)
// is measured in the same run instead of guessed; podofosign, which reads a PEM key, pays none
// of it.
//
// The PIN is read from the environment variable PIN_ENV, never from the command line.
// Exit status: 0 on a signature, 1 on any PKCS#11 failure (named on stderr), 2 on bad usage.
#include <p11-kit/pkcs11.h>

#include <dlfcn.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

namespace {

CK_FUNCTION_LIST* p11 = nullptr;

[[noreturn]] void fail(const char* step, CK_RV rv) {
    std::fprintf(stderr, "token-floor: %s failed: CKR 0x%lx\n", step, static_cast<unsigned long>(rv));
    std::exit(1);
}

void check(const char* step, CK_RV rv) {
    if (rv != CKR_OK)
        fail(step, rv);
}

// A token label as PKCS#11 stores it: 32 bytes, padded with spaces.
bool label_is(const CK_UTF8CHAR (&field)[32], const std::string& wanted) {
    std::string label(reinterpret_cast<const char*>(field), sizeof field);
    label.erase(label.find_last_not_of(' ') + 1);
    return label == wanted;
}

CK_SLOT_ID slot_of(const std::string& token_label) {
    CK_ULONG count = 0;
    check("C_GetSlotList", p11->C_GetSlotList(CK_TRUE, nullptr, &count));
    std::vector<CK_SLOT_ID> slots(count);
    check("C_GetSlotList", p11->C_GetSlotList(CK_TRUE, slots.data(), &count));
    for (CK_ULONG i = 0; i < count; ++i) {
        CK_TOKEN_INFO info;
        if (p11->C_GetTokenInfo(slots[i], &info) == CKR_OK && label_is(info.label, token_label))
            return slots[i];
    }
    std::fprintf(stderr, "token-floor: no token labelled \"%s\"\n", token_label.c_str());
    std::exit(1);
}

CK_OBJECT_HANDLE private_key(CK_SESSION_HANDLE session, const std::string& key_label) {
    CK_OBJECT_CLASS key_class = CKO_PRIVATE_KEY;
    CK_ATTRIBUTE wanted[] = {
        {CKA_CLASS, &key_class, sizeof key_class},
        {CKA_LABEL, const_cast<char*>(key_label.data()), key_label.size()},
    };
    check("C_FindObjectsInit", p11->C_FindObjectsInit(session, wanted, 2));
    CK_OBJECT_HANDLE key = 0;
    CK_ULONG found = 0;
    check("C_FindObjects", p11->C_FindObjects(session, &key, 1, &found));
    check("C_FindObjectsFinal", p11->C_FindObjectsFinal(session));
    if (found != 1) {
        std::fprintf(stderr, "token-floor: no private key labelled \"%s\"\n", key_label.c_str());
        std::exit(1);
    }
    return key;
}

} // namespace

int main(int argc, char** argv) {
    if (argc != 5) {
        std::fprintf(stderr, "usage: token-floor MODULE TOKEN_LABEL KEY_LABEL PIN_ENV\n");
        return 2;
    }
    const char* pin = std::getenv(argv[4]);
    if (!pin) {
        std::fprintf(stderr, "token-floor: %s is not set\n", argv[4]);
        return 2;
    }
    void* module = ::dlopen(argv[1], RTLD_NOW | RTLD_LOCAL);
    if (!module) {
        std::fprintf(stderr, "token-floor: %s\n", ::dlerror());
        return 1;
    }
    auto get_list = reinterpret_cast<CK_C_GetFunctionList>(::dlsym(module, "C_GetFunctionList"));
    if (!get_list)
        fail("C_GetFunctionList (missing)", CKR_GENERAL_ERROR);
    check("C_GetFunctionList", get_list(&p11));
    check("C_Initialize", p11->C_Initialize(nullptr));

    CK_SESSION_HANDLE session = 0;
    check("C_OpenSession", p11->C_OpenSession(slot_of(argv[2]), CKF_SERIAL_SESSION, nullptr, nullptr, &session));
    check("C_Login", p11->C_Login(session, CKU_USER, reinterpret_cast<CK_UTF8CHAR*>(const_cast<char*>(pin)),
                                  std::strlen(pin)));
    CK_OBJECT_HANDLE key = private_key(session, argv[3]);

    CK_KEY_TYPE key_type = 0;
    CK_ATTRIBUTE type_attribute = {CKA_KEY_TYPE, &key_type, sizeof key_type};
    check("C_GetAttributeValue", p11->C_GetAttributeValue(session, key, &type_attribute, 1));
    // What kyso hands the token: RSA gets PKCS#1 v1.5 over a SHA-256 DigestInfo, EC the bare digest.
    std::vector<CK_BYTE> input = {0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01,
                                  0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00, 0x04, 0x20};
    CK_MECHANISM mechanism = {CKM_RSA_PKCS, nullptr, 0};
    if (key_type == CKK_EC) {
        input.clear();
        mechanism.mechanism = CKM_ECDSA;
    }
    input.resize(input.size() + 32, 0x5a); // the digest: any 32 bytes cost the same

    check("C_SignInit", p11->C_SignInit(session, &mechanism, key));
    CK_ULONG length = 0;
    check("C_Sign (length)", p11->C_Sign(session, input.data(), input.size(), nullptr, &length));
    std::vector<CK_BYTE> signature(length);
    check("C_Sign", p11->C_Sign(session, input.data(), input.size(), signature.data(), &length));

    check("C_Logout", p11->C_Logout(session));
    check("C_CloseSession", p11->C_CloseSession(session));
    check("C_Finalize", p11->C_Finalize(nullptr));
    return 0;
}
