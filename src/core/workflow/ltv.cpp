#include "core/workflow/ltv.hpp"

#include "core/crypto/revocation.hpp"
#include "core/error.hpp"
#include "core/io/atomic_output.hpp"
#include "core/io/input_file.hpp"
#include "core/io/scratch_file.hpp"
#include "core/workflow/document_timestamp.hpp"
#include "core/workflow/revision_output.hpp"
#include "core/workflow/verify_document.hpp"

#include <openssl/err.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

namespace kyso {
namespace {

namespace fs = std::filesystem;

using CertStack = ossl::CertStackPtr;

std::vector<ossl::X509Ptr> parse_all(const std::vector<std::vector<ossl::Bytes>>& lists) {
    std::vector<ossl::X509Ptr> certs;
    for (const auto& list : lists)
        for (const ossl::Bytes& der : list)
            if (ossl::X509Ptr cert = ossl::from_der(der.data(), der.size()))
                certs.push_back(std::move(cert));
    return certs;
}

bool self_signed(X509* cert) { return X509_check_issued(cert, cert) == X509_V_OK; }

// The path from `leaf` to a trust anchor, leaf first. Time is not checked here: the question is
// which certificates need validation data, and an expired signer still has a path.
std::vector<ossl::X509Ptr> chain_of(X509* leaf, const std::vector<ossl::X509Ptr>& pool, X509_STORE* trust) {
    CertStack untrusted(sk_X509_new_null());
    for (const ossl::X509Ptr& cert : pool) {
        X509_up_ref(cert.get());
        sk_X509_push(untrusted.get(), cert.get());
    }
    ossl::StoreCtxPtr ctx(X509_STORE_CTX_new());
    std::vector<ossl::X509Ptr> chain;
    if (!ctx || X509_STORE_CTX_init(ctx.get(), trust, leaf, untrusted.get()) != 1)
        return chain;
    X509_STORE_CTX_set_flags(ctx.get(), X509_V_FLAG_NO_CHECK_TIME);
    if (X509_verify_cert(ctx.get()) == 1) {
        CertStack built(X509_STORE_CTX_get1_chain(ctx.get()));
        for (int i = 0; i < sk_X509_num(built.get()); ++i) {
            X509* cert = sk_X509_value(built.get(), i);
            X509_up_ref(cert);
            chain.emplace_back(cert);
        }
    }
    ERR_clear_error();
    return chain;
}

// The certificates whose chains need validation data: the signer, and the TSA's.
std::vector<X509*> leaves_of(const CmsReport& cms, const std::vector<ossl::X509Ptr>& pool) {
    std::vector<X509*> leaves;
    for (const ossl::X509Ptr& cert : pool) {
        ossl::Bytes der = ossl::to_der(cert.get());
        bool is_signer = !cms.certificates.empty() && der == cms.certificates.front();
        bool in_token = std::find(cms.timestamp_certificates.begin(), cms.timestamp_certificates.end(), der) !=
                        cms.timestamp_certificates.end();
        if ((is_signer || in_token) && !self_signed(cert.get()) &&
            std::none_of(leaves.begin(), leaves.end(), [&](X509* l) { return X509_cmp(l, cert.get()) == 0; }))
            leaves.push_back(cert.get());
    }
    return leaves;
}

size_t index_of(std::vector<DerBlob>& list, const ossl::Bytes& der) {
    auto found = std::find(list.begin(), list.end(), der);
    if (found != list.end())
        return static_cast<size_t>(found - list.begin());
    list.push_back(der);
    return list.size() - 1;
}

} // namespace

namespace {

/// What the embedded data says about every certificate on the signer's and the TSA's paths.
struct ValidationDataCheck {
    bool complete = true; ///< good revocation data for each of them
    bool revoked = false;
    bool unknown = false; ///< a responder that speaks about one of them does not know it
    std::vector<std::string> details, problems;
};

// Every certificate on the signer's and the TSA's paths, except the anchors themselves, needs
// embedded revocation data that says "good".
ValidationDataCheck check_validation_data(const CmsReport& cms, const DssContent& dss, const TrustStore& trust) {
    ValidationDataCheck check;
    std::vector<ossl::X509Ptr> pool = parse_all({cms.certificates, cms.timestamp_certificates, dss.certs});
    for (X509* leaf : leaves_of(cms, pool)) {
        std::vector<ossl::X509Ptr> chain = chain_of(leaf, pool, trust.get());
        if (chain.empty()) {
            check.complete = false;
            check.details.push_back("no trusted path for " + ossl::name_to_string(X509_get_subject_name(leaf)));
            continue;
        }
        for (size_t i = 0; i + 1 < chain.size(); ++i) {
            std::string detail;
            RevocationStatus status =
                revocation_status_offline(chain[i].get(), chain[i + 1].get(), dss.ocsps, dss.crls, trust.get(), detail);
            std::string subject = ossl::common_name(X509_get_subject_name(chain[i].get()));
            check.details.push_back(subject + ": " + detail);
            if (status == RevocationStatus::Revoked) {
                check.revoked = true;
                check.problems.push_back("certificate revoked according to the embedded data: " + subject + " (" +
                                         detail + ")");
            }
            check.unknown = check.unknown || status == RevocationStatus::Unknown;
            check.complete = check.complete && status == RevocationStatus::Good;
        }
    }
    return check;
}

} // namespace

void assess_long_term(SignatureVerdict& verdict, const DssContent& dss, const TrustStore& trust) {
    verdict.level.clear();
    if (verdict.document_timestamp || !verdict.integrity_ok())
        return;
    // Revocation first, for every intact signature with a trusted path, whatever its level: a
    // revoked certificate makes any signature invalid.
    if (verdict.cms.chain_ok) {
        ValidationDataCheck check;
        if (!dss.empty()) {
            check = check_validation_data(verdict.cms, dss, trust);
            verdict.ltv_details.insert(verdict.ltv_details.end(), check.details.begin(), check.details.end());
            verdict.cms.problems.insert(verdict.cms.problems.end(), check.problems.begin(), check.problems.end());
        } else {
            check.complete = false;
        }
        verdict.revoked = verdict.revoked || check.revoked;
        verdict.revocation = verdict.revoked ? RevocationStatus::Revoked
                             : check.unknown ? RevocationStatus::Unknown
                             : check.complete ? RevocationStatus::Good
                                              : RevocationStatus::NotFound;
    }

    // A level says what the signature is, so an intact one whose signer is not (yet) trusted
    // still has it; PAdES baseline signatures are ETSI.CAdES.detached only (EN 319 142-1 §6.3).
    bool intact = !verdict.cms.timestamp_broken() && verdict.cms.ess_ok && !verdict.revoked;
    if (!intact || verdict.pdf.sub_filter != "ETSI.CAdES.detached" || !verdict.cms.pades_attributes)
        return;
    verdict.level = "B-B";
    if (!verdict.cms.timestamp_ok)
        return;
    verdict.level = verdict.revocation == RevocationStatus::Good ? "B-LT" : "B-T";
}

void assess_archive_timestamps(std::vector<SignatureVerdict>& verdicts, const std::string& path, size_t file_size,
                               const DssContent& latest, const TrustStore& trust) {
    for (const SignatureVerdict& stamp : verdicts) {
        auto covered = [&](const SignatureVerdict& s) {
            return !s.document_timestamp && s.level == "B-LT" && s.revision < stamp.revision;
        };
        if (!stamp.document_timestamp || !stamp.valid() || std::none_of(verdicts.begin(), verdicts.end(), covered))
            continue;
        // The validation data must be what the time-stamp sealed, not something added after it.
        DssContent earlier;
        const DssContent* sealed = &latest;
        if (stamp.pdf.signed_end < file_size) {
            try {
                earlier = read_dss(path, stamp.pdf.signed_end);
            } catch (const Error&) {
                continue; // that revision cannot be read: no B-LTA from this time-stamp
            }
            sealed = &earlier;
        }
        for (SignatureVerdict& s : verdicts)
            if (covered(s) && check_validation_data(s.cms, *sealed, trust).complete)
                s.level = "B-LTA";
    }
}

LtvResult add_validation_data(const LtvOptions& options, const NoticeSink& notices) {
    (void)notices;
    // 1. Paths, then every signature must hold before validation data is added for it.
    require_distinct_paths(options.input, options.output);
    TrustStore trust(options.trust);
    VerifyReport before = verify_pdf(options.input, trust);
    if (std::none_of(before.signatures.begin(), before.signatures.end(),
                     [](const SignatureVerdict& s) { return !s.document_timestamp; }))
        throw Error(ErrorCode::InputNotPdf, "Tệp \"" + options.input + "\" không có chữ ký số nào.",
                    "\"" + options.input + "\" has no signature.");
    for (size_t n = 0; n < before.signatures.size(); ++n) {
        Judgement judged = before.signatures[n].judgement();
        if (judged.verdict != Verdict::Valid)
            throw Error(ErrorCode::VerificationFailed,
                        "Chữ ký " + std::to_string(n + 1) + ": " + verdict_vi(judged.verdict) + " (" +
                            grounds_text(judged, true) + ") nên không bổ sung dữ liệu xác thực dài hạn." +
                            (judged.verdict == Verdict::Untrusted ? " Có thể chỉ định CA phát hành bằng --trust." : ""),
                        "Signature " + std::to_string(n + 1) + ": " + verdict_en(judged.verdict) + " (" +
                            grounds_text(judged, false) + "), so no long-term data is added." +
                            (judged.verdict == Verdict::Untrusted ? " The issuing CA can be given with --trust." : ""),
                        before.signatures[n].problems_text());
    }

    // 2. For each signature: its paths, and fresh OCSP/CRL evidence for each certificate on them.
    DssContent content = read_dss(options.input);
    content.vri.clear(); // only new entries; the old ones are kept by the writer
    std::map<std::string, std::pair<bool, size_t>> fetched; // certificate hex SHA-256 -> (ocsp?, index)
    for (const SignatureVerdict& sig : before.signatures) {
        std::vector<ossl::X509Ptr> pool =
            parse_all({sig.cms.certificates, sig.cms.timestamp_certificates, content.certs});
        DssVri vri;
        for (X509* leaf : leaves_of(sig.cms, pool)) {
            std::vector<ossl::X509Ptr> chain = chain_of(leaf, pool, trust.get());
            if (chain.empty())
                throw Error(ErrorCode::CertificateRejected,
                            "Không dựng được chuỗi chứng thư tin cậy cho \"" +
                                ossl::name_to_string(X509_get_subject_name(leaf)) + "\"; hãy chỉ ra CA gốc bằng --trust.",
                            "No trusted chain for \"" + ossl::name_to_string(X509_get_subject_name(leaf)) +
                                "\"; name the root CA with --trust.");
            for (size_t i = 0; i < chain.size(); ++i) {
                ossl::Bytes der = ossl::to_der(chain[i].get());
                size_t cert_at = index_of(content.certs, der);
                if (std::find(vri.certs.begin(), vri.certs.end(), cert_at) == vri.certs.end())
                    vri.certs.push_back(cert_at); // a root shared by the signer's and the TSA's paths, once
                if (i + 1 == chain.size() || self_signed(chain[i].get()))
                    continue; // the anchor: trusted as such, nothing to revoke it
                std::string id = ossl::to_hex(ossl::sha256(der.data(), der.size()).data(), 32);
                auto known = fetched.find(id);
                if (known == fetched.end()) {
                    RevocationEvidence evidence =
                        fetch_revocation(chain[i].get(), chain[i + 1].get(), trust.get(), options.timeout_seconds);
                    size_t at = index_of(evidence.is_ocsp ? content.ocsps : content.crls, evidence.der);
                    known = fetched.emplace(id, std::make_pair(evidence.is_ocsp, at)).first;
                }
                std::vector<size_t>& evidence_list = known->second.first ? vri.ocsps : vri.crls;
                if (std::find(evidence_list.begin(), evidence_list.end(), known->second.second) == evidence_list.end())
                    evidence_list.push_back(known->second.second);
            }
        }
        content.vri[vri_key(sig.pdf.contents)] = vri;
    }

    // 3. The update, written beside the output, read back and checked, then put in place — or,
    //    when a document time-stamp follows, into a scratch file the time-stamp is built on.
    InputFile input(options.input);
    std::string update = build_dss_update(options.input, content);
    std::optional<ScratchFile> scratch;
    if (options.archive_tsa)
        scratch.emplace(options.output, "ltv");
    std::string with_dss = scratch ? scratch->path() : options.output;
    // Beyond the update reading back as written, every signature must still verify with it.
    append_update_and_commit(input, with_dss, update, [&](const std::string& written) {
        VerifyReport after = verify_pdf(written, trust);
        bool intact = after.signatures.size() == before.signatures.size() &&
                      std::all_of(after.signatures.begin(), after.signatures.end(),
                                  [](const SignatureVerdict& s) { return s.valid(); });
        if (!intact)
            throw Error(ErrorCode::VerificationFailed,
                        "Tệp sau khi thêm dữ liệu xác thực không kiểm tra lại được nên đã bị huỷ; tệp gốc không đổi.",
                        "The file with validation data did not verify, so it was discarded; the input is unchanged.");
    });

    // 4. PAdES B-LTA: a document time-stamp over the signatures and their validation data, in
    //    one more update. An unreachable TSA leaves nothing behind (the scratch file goes too).
    LtvResult result;
    if (options.archive_tsa) {
        DocumentTimestampResult stamp;
        try {
            stamp = add_document_timestamp({with_dss, options.output, *options.archive_tsa, options.trust});
        } catch (const Error& error) {
            throw Error(error.code(),
                        "Không thêm được dấu thời gian tài liệu (PAdES B-LTA), nên không ghi tệp nào: " +
                            error.vietnamese() +
                            " Hãy kiểm tra địa chỉ --tsa và kết nối mạng, hoặc bỏ --tsa để chỉ thêm dữ liệu xác thực (B-LT).",
                        "The document time-stamp (PAdES B-LTA) could not be added, so nothing was written: " +
                            error.english() + " Check the --tsa URL and the network, or leave out --tsa for B-LT only.",
                        error.cause());
        }
        result.archive_timestamp = true;
        result.timestamp_time = stamp.time;
        result.tsa_name = stamp.tsa_name;
        result.bytes_added = stamp.bytes_added;
    }

    // 5. The levels reached, as any verifier will now see them.
    VerifyReport final_report = verify_pdf(options.output, trust);
    if (options.archive_tsa && !final_report.all_valid()) {
        std::error_code ignored;
        fs::remove(options.output, ignored);
        throw Error(ErrorCode::VerificationFailed,
                    "Tệp sau khi đóng dấu thời gian tài liệu không kiểm tra lại được nên đã bị xoá; tệp gốc không đổi.",
                    "The time-stamped file did not verify, so it was removed; the input is unchanged.");
    }
    result.output = options.output;
    result.certs = content.certs.size();
    result.ocsps = content.ocsps.size();
    result.crls = content.crls.size();
    result.bytes_added += update.size();
    for (const SignatureVerdict& s : final_report.signatures)
        if (!s.document_timestamp) {
            ++result.signatures;
            result.levels.push_back(s.level.empty() ? "-" : s.level);
        }
    return result;
}

} // namespace kyso
