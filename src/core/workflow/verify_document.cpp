#include "core/workflow/verify_document.hpp"

#include "core/crypto/timestamp_check.hpp"
#include "core/error.hpp"
#include "core/pdf/dss.hpp"
#include "core/pdf/pdf_date.hpp"
#include "core/workflow/file_digest.hpp"
#include "core/workflow/ltv.hpp"
#include "core/workflow/signature_form.hpp"

#include <algorithm>
#include <fstream>

namespace kyso {

std::string SignatureVerdict::problems_text() const {
    std::string text;
    if (!pdf.byte_range_ok)
        text += pdf.byte_range_problem + "\n";
    for (const std::string& problem : cms.problems)
        text += problem + "\n";
    for (const ModificationFinding& finding : modifications)
        if (!finding.allowed)
            text += finding.en + "\n";
    return text;
}

namespace {

// "Nguyễn Thanh Bình", else the signature field's name, for the progress text.
std::string signature_label(const ScannedSignature& sig) { return sig.name.empty() ? sig.field_name : sig.name; }

// The genTime of the earliest verified document time-stamp whose ranges run past `signed_end`
// (they start at 0, so they hold that signature's whole revision); none when there is none.
std::optional<std::time_t> earliest_covering_timestamp(const std::vector<SignatureVerdict>& verdicts,
                                                       size_t signed_end) {
    std::optional<std::time_t> earliest;
    for (const SignatureVerdict& stamp : verdicts)
        if (stamp.document_timestamp && stamp.pdf.byte_range_ok && stamp.pdf.signed_end > signed_end &&
            stamp.cms.valid() && stamp.cms.proven_time && (!earliest || *stamp.cms.proven_time < *earliest))
            earliest = stamp.cms.proven_time;
    return earliest;
}

} // namespace

VerifyReport verify_pdf(const std::string& path, const TrustStore& trust, VerifyDepth depth,
                        const ProgressSink& progress) {
    PdfSignatureScan scan = scan_signatures(path);
    VerifyReport report;
    report.path = path;
    report.file_size = scan.file_size;
    report.revisions = scan.revision_ends.size();
    // Steps: each signature (its digest reads the whole signed part), the revision analysis
    // (parses every revision), the long-term validation data.
    bool analyse = depth == VerifyDepth::Full && !scan.signatures.empty();
    size_t count = scan.signatures.size(), total = count + (analyse ? 1 : 0) + 1, done = 0;
    size_t last_end = 0;
    for (ScannedSignature& sig : scan.signatures) {
        SignatureVerdict verdict;
        verdict.pdf = std::move(sig);
        if (verdict.pdf.byte_range_ok) {
            last_end = std::max(last_end, verdict.pdf.signed_end);
            verdict.covers_whole_file = verdict.pdf.signed_end == scan.file_size;
            auto revision = std::lower_bound(scan.revision_ends.begin(), scan.revision_ends.end(), verdict.pdf.signed_end);
            verdict.revision = static_cast<int>(revision - scan.revision_ends.begin()) + 1;
            // A document time-stamp is told by its SubFilter: its /Contents is a bare RFC 3161 token.
            verdict.document_timestamp = verdict.pdf.sub_filter == "ETSI.RFC3161";
        } else {
            verdict.cms.problems.push_back("not checked further: the byte range is not valid");
        }
        report.signatures.push_back(std::move(verdict));
    }
    // Document time-stamps first: each one that verifies proves when everything before it existed.
    auto check = [&](SignatureVerdict& verdict) {
        std::string which = std::to_string(done + 1) + "/" + std::to_string(count) + ": " + signature_label(verdict.pdf);
        report_progress(progress, {done++, total, "Kiểm tra chữ ký " + which, "Checking signature " + which});
        if (!verdict.pdf.byte_range_ok)
            return;
        std::vector<long long> ranges = verdict.pdf.byte_range;
        RangeDigester digester = [&](const EVP_MD* md) { return digest_file_ranges(path, ranges, md); };
        if (verdict.document_timestamp) {
            verdict.cms = check_document_timestamp(verdict.pdf.contents, digester, trust);
            return;
        }
        verdict.cms = check_cms(verdict.pdf.contents, digester, trust, parse_pdf_date(verdict.pdf.signing_time),
                                earliest_covering_timestamp(report.signatures, verdict.pdf.signed_end));
    };
    for (SignatureVerdict& verdict : report.signatures)
        if (verdict.document_timestamp)
            check(verdict);
    for (SignatureVerdict& verdict : report.signatures)
        if (!verdict.document_timestamp)
            check(verdict);
    report.unsigned_tail_bytes = report.signatures.empty() ? 0 : scan.file_size - last_end;

    // What each later revision changed, judged per signature (from the revision before the
    // first signed one, so that each signature's own revision is checked too).
    int first = 0;
    for (const SignatureVerdict& verdict : report.signatures)
        if (verdict.pdf.byte_range_ok && (first == 0 || verdict.revision < first))
            first = verdict.revision;
    if (analyse)
        report_progress(progress, {done++, total, "Phân tích các thay đổi sau khi ký…", "Analysing the changes after signing…"});
    if (first > 0 && analyse) {
        RevisionHistory history = diff_revisions(path, std::max(1, first - 1));
        for (SignatureVerdict& verdict : report.signatures)
            if (verdict.pdf.byte_range_ok)
                verdict.modifications = check_modifications(history, verdict.revision, verdict.pdf.signed_end,
                                                            verdict.pdf.field_name, verdict.pdf.certification);
    }

    // Long-term validation: the embedded DSS stands in for the network (kyso verifies offline).
    report_progress(progress, {done++, total, "Kiểm tra dữ liệu xác thực dài hạn…", "Checking the long-term validation data…"});
    // Without a /DSS in the catalog there is nothing to read (and no second parse of the file).
    DssContent dss;
    if (!report.signatures.empty() && scan.has_dss) {
        try {
            dss = read_dss(path);
        } catch (const Error&) {
            // The signatures were read; a DSS that cannot be read only means no B-LT.
        }
    }
    report.dss_certs = dss.certs.size();
    report.dss_ocsps = dss.ocsps.size();
    report.dss_crls = dss.crls.size();
    for (SignatureVerdict& verdict : report.signatures)
        assess_long_term(verdict, dss, trust);
    assess_archive_timestamps(report.signatures, path, report.file_size, dss, trust);
    for (SignatureVerdict& verdict : report.signatures)
        describe_form(verdict);
    if (progress)
        progress({total, total, "Đã kiểm tra xong.", "Verification finished."}); // nothing left to stop
    return report;
}

} // namespace kyso
