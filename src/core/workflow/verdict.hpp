// The three verdicts on a signature, and the file's: hợp lệ (valid: intact, trusted, not
// revoked, valid at the proven time); toàn vẹn, chưa xác thực được người ký (untrusted: bytes,
// signature and later changes sound, but the signer cannot be confirmed); không hợp lệ (invalid:
// something is broken or forbidden). A tampered file and a sound signature from a CA the reader
// has not added must never look alike; R1 and the exit codes rest on this one judgement.
#pragma once

#include <string>
#include <vector>

namespace kyso {

struct SignatureVerdict;
struct VerifyReport;

/// From best to worst; NoSignature is for a file only (nothing signed it).
enum class Verdict { Valid, Untrusted, Invalid, NoSignature };

/// One cause of a verdict below Valid, in words and as a stable code.
struct VerdictGround {
    Verdict verdict = Verdict::Invalid; ///< Untrusted or Invalid
    std::string code;                   ///< e.g. "bytes_changed", "untrusted_chain", "expired_unproven"
    std::string vi, en;
    std::string advice_vi, advice_en;   ///< what the reader can do; empty when nothing but refusing helps
};

/// A signature's (or document time-stamp's) verdict with every cause, the invalid ones first.
struct Judgement {
    Verdict verdict = Verdict::Valid;
    std::vector<VerdictGround> grounds; ///< empty when valid
};

/// Judges one entry of a verification report.
Judgement judge(const SignatureVerdict& signature);

/// The worst verdict of the file's signatures and document time-stamps; NoSignature when no
/// signature (a document time-stamp alone) is there.
Verdict file_verdict(const VerifyReport& report);

/// "valid", "untrusted", "invalid", "unsigned": the `verdict` of `kyso verify --json`.
const char* verdict_code(Verdict verdict);

/// The verdict as shown: "HỢP LỆ", "TOÀN VẸN, CHƯA XÁC THỰC ĐƯỢC NGƯỜI KÝ", "KHÔNG HỢP LỆ", …
const char* verdict_vi(Verdict verdict);
/// "VALID", "INTACT, SIGNER NOT CONFIRMED", "NOT VALID", "NO SIGNATURE".
const char* verdict_en(Verdict verdict);

/// The causes of a judgement joined by "; ", in one language.
std::string grounds_text(const Judgement& judgement, bool vietnamese);

} // namespace kyso
