/* A PKCS#11 fault injector over a real module: loads the module named by $KYSO_SHIM_MODULE
 * (the SoftHSM2 module in the tests) and forwards every call to it, except that
 *   KYSO_SHIM_FAIL=FUNC:CKR_NAME[,FUNC:CKR_NAME...]   makes FUNC return CKR_NAME (without
 *       calling the real module), FUNC one of C_Login C_SignInit C_Sign C_FindObjectsInit
 *       C_FindObjects C_OpenSession C_GetTokenInfo;
 *   KYSO_SHIM_DELAY_MS=N   sleeps N ms in C_Sign before forwarding (a slow token, to kill a
 *       signing in the middle or to make two signings overlap);
 *   KYSO_SHIM_MARK=PATH    creates PATH when C_Sign is entered (the test knows signing began);
 *   KYSO_SHIM_HOLD=PATH    keeps C_Sign waiting until PATH exists (a token waiting for its
 *       button: the test decides when, or whether, signing may go on — no clock involved);
 *   KYSO_SHIM_OVERLAP=PATH creates PATH when two C_Sign calls of one process overlap (the
 *       module is entered concurrently: kyso's serialisation failed);
 *   KYSO_SHIM_PIN_FLAGS=FLAG[,FLAG...]  adds PIN state flags to what C_GetTokenInfo reports
 *       (SoftHSM2 never sets them), FLAG one of COUNT_LOW FINAL_TRY LOCKED (CKF_USER_PIN_*);
 *   KYSO_SHIM_LOGINS=PATH  appends one line to PATH for every C_Login call (the test counts
 *       how many PIN tries kyso spent);
 *   KYSO_SHIM_LOGGED_IN=PATH  creates PATH once C_Login has returned CKR_OK (SoftHSM2 rewrites
 *       its token file during a login: a test that kills kyso waits until that is over);
 *   KYSO_SHIM_REMOVED_AFTER_SIGNS=N  once N signatures have been made (C_Sign returning one),
 *       C_Sign answers CKR_DEVICE_REMOVED: the token pulled out between two documents signed
 *       on one login.
 * It is the real token with one call failing as a real token fails when it is pulled out or
 * its session is lost, not a mock: every other behaviour is SoftHSM's. */
#include <p11-kit/pkcs11.h>

#include <dlfcn.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static CK_FUNCTION_LIST real_list;   /* the real module's functions */
static CK_FUNCTION_LIST shim_list;   /* what we hand out */
static void* real_handle;

struct rv_name { const char* name; CK_RV rv; };
static const struct rv_name rv_names[] = {
    {"CKR_GENERAL_ERROR", CKR_GENERAL_ERROR},
    {"CKR_FUNCTION_FAILED", CKR_FUNCTION_FAILED},
    {"CKR_DEVICE_ERROR", CKR_DEVICE_ERROR},
    {"CKR_DEVICE_REMOVED", CKR_DEVICE_REMOVED},
    {"CKR_TOKEN_NOT_PRESENT", CKR_TOKEN_NOT_PRESENT},
    {"CKR_SESSION_HANDLE_INVALID", CKR_SESSION_HANDLE_INVALID},
    {"CKR_SESSION_CLOSED", CKR_SESSION_CLOSED},
    {"CKR_USER_NOT_LOGGED_IN", CKR_USER_NOT_LOGGED_IN},
    {"CKR_PIN_INCORRECT", CKR_PIN_INCORRECT},
    {"CKR_PIN_LOCKED", CKR_PIN_LOCKED},
    {"CKR_KEY_HANDLE_INVALID", CKR_KEY_HANDLE_INVALID},
    {"CKR_DEVICE_MEMORY", CKR_DEVICE_MEMORY},
};

/* The configured failure for `func`, or CKR_OK when it should be forwarded. */
static CK_RV injected(const char* func) {
    const char* spec = getenv("KYSO_SHIM_FAIL");
    if (!spec)
        return CKR_OK;
    size_t len = strlen(func);
    for (const char* p = spec; (p = strstr(p, func)) != NULL; p += len) {
        if ((p != spec && p[-1] != ',') || p[len] != ':')
            continue;
        const char* code = p + len + 1;
        for (size_t i = 0; i < sizeof rv_names / sizeof rv_names[0]; ++i) {
            size_t n = strlen(rv_names[i].name);
            if (strncmp(code, rv_names[i].name, n) == 0 && (code[n] == ',' || code[n] == '\0'))
                return rv_names[i].rv;
        }
        fprintf(stderr, "p11shim: unknown CK_RV in KYSO_SHIM_FAIL=%s\n", spec);
        return CKR_GENERAL_ERROR;
    }
    return CKR_OK;
}

#define SHIM(func, params, args)                     \
    static CK_RV shim_##func params {                \
        CK_RV rv = injected(#func);                  \
        if (rv != CKR_OK)                            \
            return rv;                               \
        return real_list.func args;                  \
    }

SHIM(C_SignInit, (CK_SESSION_HANDLE s, CK_MECHANISM_PTR m, CK_OBJECT_HANDLE k), (s, m, k))
SHIM(C_FindObjectsInit, (CK_SESSION_HANDLE s, CK_ATTRIBUTE_PTR t, CK_ULONG n), (s, t, n))
SHIM(C_FindObjects, (CK_SESSION_HANDLE s, CK_OBJECT_HANDLE_PTR o, CK_ULONG max, CK_ULONG_PTR n), (s, o, max, n))
SHIM(C_OpenSession, (CK_SLOT_ID slot, CK_FLAGS f, CK_VOID_PTR app, CK_NOTIFY notify, CK_SESSION_HANDLE_PTR s),
     (slot, f, app, notify, s))
static void touch(const char* path) {
    int fd = open(path, O_WRONLY | O_CREAT, 0644);
    if (fd >= 0)
        close(fd);
}

/* The flags named in KYSO_SHIM_PIN_FLAGS. */
static CK_FLAGS pin_flags(void) {
    const char* spec = getenv("KYSO_SHIM_PIN_FLAGS");
    CK_FLAGS flags = 0;
    if (!spec)
        return 0;
    if (strstr(spec, "COUNT_LOW"))
        flags |= CKF_USER_PIN_COUNT_LOW;
    if (strstr(spec, "FINAL_TRY"))
        flags |= CKF_USER_PIN_FINAL_TRY;
    if (strstr(spec, "LOCKED"))
        flags |= CKF_USER_PIN_LOCKED;
    return flags;
}

static CK_RV shim_C_GetTokenInfo(CK_SLOT_ID slot, CK_TOKEN_INFO_PTR info) {
    CK_RV rv = injected("C_GetTokenInfo");
    if (rv != CKR_OK)
        return rv;
    rv = real_list.C_GetTokenInfo(slot, info);
    if (rv == CKR_OK && info)
        info->flags |= pin_flags();
    return rv;
}

static CK_RV shim_C_Login(CK_SESSION_HANDLE s, CK_USER_TYPE u, CK_UTF8CHAR_PTR pin, CK_ULONG n) {
    const char* logins = getenv("KYSO_SHIM_LOGINS");
    if (logins && *logins) {
        int fd = open(logins, O_WRONLY | O_CREAT | O_APPEND, 0644);
        if (fd >= 0) {
            ssize_t written = write(fd, "C_Login\n", 8);
            (void)written;
            close(fd);
        }
    }
    CK_RV rv = injected("C_Login");
    if (rv != CKR_OK)
        return rv;
    rv = real_list.C_Login(s, u, pin, n);
    const char* done = getenv("KYSO_SHIM_LOGGED_IN");
    if (rv == CKR_OK && done && *done)
        touch(done);
    return rv;
}

static int signatures_made; /* C_Sign calls that returned a signature */

/* True once KYSO_SHIM_REMOVED_AFTER_SIGNS signatures have been made. */
static int removed_by_now(void) {
    const char* after = getenv("KYSO_SHIM_REMOVED_AFTER_SIGNS");
    return after && *after && __atomic_load_n(&signatures_made, __ATOMIC_SEQ_CST) >= atoi(after);
}

static CK_RV forward_sign(CK_SESSION_HANDLE, CK_BYTE_PTR, CK_ULONG, CK_BYTE_PTR, CK_ULONG_PTR);
static int in_flight; /* C_Sign calls inside the real module right now */

static CK_RV shim_C_Sign(CK_SESSION_HANDLE s, CK_BYTE_PTR data, CK_ULONG len, CK_BYTE_PTR sig, CK_ULONG_PTR sig_len) {
    const char* overlap = getenv("KYSO_SHIM_OVERLAP");
    if (__atomic_add_fetch(&in_flight, 1, __ATOMIC_SEQ_CST) > 1 && overlap && *overlap)
        touch(overlap);
    CK_RV rv = removed_by_now() ? CKR_DEVICE_REMOVED : forward_sign(s, data, len, sig, sig_len);
    if (rv == CKR_OK && sig)
        __atomic_add_fetch(&signatures_made, 1, __ATOMIC_SEQ_CST);
    __atomic_sub_fetch(&in_flight, 1, __ATOMIC_SEQ_CST);
    return rv;
}

static CK_RV forward_sign(CK_SESSION_HANDLE s, CK_BYTE_PTR data, CK_ULONG len, CK_BYTE_PTR sig, CK_ULONG_PTR sig_len) {
    const char* mark = getenv("KYSO_SHIM_MARK");
    if (mark && *mark)
        touch(mark);
    const char* delay = getenv("KYSO_SHIM_DELAY_MS");
    if (delay && atol(delay) > 0) {
        struct timespec ts = {atol(delay) / 1000, (atol(delay) % 1000) * 1000000L};
        nanosleep(&ts, NULL);
    }
    const char* hold = getenv("KYSO_SHIM_HOLD");
    if (hold && *hold) {
        struct timespec tick = {0, 10 * 1000000L};
        while (access(hold, F_OK) != 0)
            nanosleep(&tick, NULL);
    }
    CK_RV rv = injected("C_Sign");
    if (rv != CKR_OK)
        return rv;
    return real_list.C_Sign(s, data, len, sig, sig_len);
}

CK_RV C_GetFunctionList(CK_FUNCTION_LIST_PTR_PTR out) {
    if (!out)
        return CKR_ARGUMENTS_BAD;
    if (!real_handle) {
        const char* path = getenv("KYSO_SHIM_MODULE");
        if (!path || !*path) {
            fprintf(stderr, "p11shim: set KYSO_SHIM_MODULE to the real PKCS#11 module\n");
            return CKR_GENERAL_ERROR;
        }
        real_handle = dlopen(path, RTLD_NOW | RTLD_LOCAL);
        if (!real_handle) {
            fprintf(stderr, "p11shim: %s\n", dlerror());
            return CKR_GENERAL_ERROR;
        }
        CK_C_GetFunctionList get = (CK_C_GetFunctionList)dlsym(real_handle, "C_GetFunctionList");
        CK_FUNCTION_LIST_PTR list = NULL;
        if (!get || get(&list) != CKR_OK || !list)
            return CKR_GENERAL_ERROR;
        real_list = *list;
        shim_list = *list;
        shim_list.C_Login = shim_C_Login;
        shim_list.C_SignInit = shim_C_SignInit;
        shim_list.C_Sign = shim_C_Sign;
        shim_list.C_FindObjectsInit = shim_C_FindObjectsInit;
        shim_list.C_FindObjects = shim_C_FindObjects;
        shim_list.C_OpenSession = shim_C_OpenSession;
        shim_list.C_GetTokenInfo = shim_C_GetTokenInfo;
    }
    *out = &shim_list;
    return CKR_OK;
}
