#include "core/workflow/problem_text.hpp"

namespace kyso {
namespace {

/// What follows a rule's phrase: nothing worth showing, a detail kept as it is, or a detail
/// that is itself translated (a chain error, a nested problem, a time, a digest's weakness).
enum class Detail { None, Keep, Translate };

struct Rule {
    const char* en; ///< the phrase the line starts with
    const char* vi;
    Detail detail;
};

// First match wins: a phrase that starts another one comes after it.
constexpr Rule kRules[] = {
    // The byte ranges (core/pdf/signature_scan.cpp, core/workflow/verify_document.cpp).
    // The read-back after writing (core/pdf/signature_scan.cpp read_back_signature).
    {"the written file cannot be read back", "Không đọc lại được tệp vừa ghi", Detail::None},
    {"the written file does not have the size meant: ", "Tệp vừa ghi không có kích thước như dự định: ", Detail::Keep},
    {"the update on disk differs from the bytes written", "Bản cập nhật trên đĩa khác với dữ liệu đã ghi", Detail::None},
    {"the update written does not parse: ", "Không đọc được bản cập nhật vừa ghi: ", Detail::Keep},
    {"the update holds no signature dictionary", "Bản cập nhật không chứa từ điển chữ ký", Detail::None},
    {"no field of the update has the signature as its value",
     "Không trường nào của bản cập nhật nhận chữ ký làm giá trị", Detail::None},
    {"the signature field has another name than the one meant: ", "Trường chữ ký mang tên khác với tên dự định: ",
     Detail::Keep},
    {"the new signature field is listed by no object of the update",
     "Trường chữ ký mới không được đối tượng nào của bản cập nhật liệt kê", Detail::None},
    {"/ByteRange on disk is not the one digested", "/ByteRange trên đĩa không phải vùng đã băm", Detail::None},
    {"/ByteRange does not have 4 numbers", "/ByteRange không có đúng 4 số", Detail::None},
    {"/ByteRange has a negative number", "/ByteRange có số âm", Detail::None},
    {"/ByteRange does not start at 0", "/ByteRange không bắt đầu từ byte 0", Detail::None},
    {"/ByteRange points outside the file or overlaps itself", "/ByteRange trỏ ra ngoài tệp hoặc tự chồng lên nhau",
     Detail::None},
    {"the gap in /ByteRange is not exactly the /Contents hex string",
     "Khoảng hở giữa hai vùng /ByteRange không đúng bằng chuỗi hex /Contents", Detail::None},
    {"the gap in /ByteRange is not a hex string", "Khoảng hở giữa hai vùng /ByteRange không phải chuỗi hex", Detail::None},
    {"the gap in /ByteRange holds other bytes than this signature's /Contents",
     "Khoảng hở giữa hai vùng /ByteRange chứa dữ liệu khác với /Contents của chữ ký này", Detail::None},
    {"not checked further: the byte range is not valid", "Không kiểm tra tiếp vì vùng dữ liệu được ký không hợp lệ",
     Detail::None},

    // The signature's CMS (core/crypto/cms_check.cpp).
    {"/Contents is not a CMS SignedData", "Dữ liệu chữ ký (/Contents) không phải CMS SignedData đọc được: ", Detail::Keep},
    {"the CMS carries encapsulated content",
     "CMS chứa nội dung bên trong, trong khi chữ ký PDF phải tách rời (detached)", Detail::None},
    {"the CMS holds no SignerInfo", "CMS không có SignerInfo nào (không có người ký)", Detail::None},
    {"another signer of the CMS does not verify", "Một người ký khác trong CMS không kiểm tra được: ", Detail::Keep},
    {"digest algorithm mismatch", "Thuật toán băm không khớp nhau: ", Detail::Keep},
    {"wrong content type", "Kiểu nội dung được ký sai (chữ ký PDF ký dữ liệu id-data): ", Detail::Keep},
    {"unknown signature algorithm", "Thuật toán chữ ký không xác định: ", Detail::Keep},
    {"unreadable RSASSA-PSS parameters", "Không đọc được tham số RSASSA-PSS của chữ ký", Detail::None},
    {"signature algorithm does not fit the signer's key",
     "Thuật toán chữ ký không khớp với khoá của chứng thư người ký: ", Detail::Keep},
    {"the signer's certificate holds no readable public key",
     "Chứng thư của người ký không có khoá công khai đọc được", Detail::None},
    {"the signed attributes have no messageDigest", "Thuộc tính được ký không có mã băm (messageDigest)", Detail::None},
    {"the signature over the content digest",
     "Chữ ký trên mã băm nội dung (không có thuộc tính được ký) không đúng: nội dung đã ký bị sửa hoặc chữ ký hỏng",
     Detail::None},
    {"the signer's certificate is not inside the CMS", "Tệp không kèm chứng thư số của người ký (không có trong CMS)",
     Detail::None},
    {"unknown digest algorithm in the time-stamp's message imprint",
     "Thuật toán băm trong dấu thời gian không xác định", Detail::None},
    {"unknown digest algorithm", "Thuật toán băm không xác định: ", Detail::Keep},
    {"the signed bytes were changed", "Nội dung đã ký bị sửa (mã băm không khớp)", Detail::None},
    {"the CMS signature does not verify", "Chữ ký số không đúng về mặt toán học: ", Detail::Keep},
    {"signingCertificateV2 does not match the signer certificate",
     "Thuộc tính signingCertificateV2 không khớp với chứng thư của người ký", Detail::None},
    {"the signing time /M is later than the time-stamp that proves the signature existed",
     "Thời điểm ký /M muộn hơn dấu thời gian chứng minh chữ ký đã có", Detail::None},
    {"the signature uses ", "Chữ ký dùng ", Detail::Translate},
    {"certificate not yet valid ", "Chứng thư số chưa có hiệu lực ", Detail::Translate},
    {"certificate expired ", "Chứng thư số đã hết hạn ", Detail::Translate},
    {"certificate key usage allows neither",
     "Chứng thư số không được phép dùng để ký (keyUsage không có digitalSignature hay nonRepudiation)", Detail::None},
    {"cannot set up chain check", "Không kiểm tra được chuỗi chứng thư: ", Detail::Keep},
    {"chain: ", "Chuỗi chứng thư: ", Detail::Translate},
    {"signature time-stamp: ", "Dấu thời gian của chữ ký: ", Detail::Translate},

    // Time-stamp tokens (core/crypto/timestamp_check.cpp).
    {"/Contents is not an RFC 3161 time-stamp token", "Dữ liệu không phải dấu thời gian RFC 3161 đọc được: ", Detail::Keep},
    {"the time-stamp token must hold one TSTInfo and exactly one SignerInfo",
     "Dấu thời gian phải có một TSTInfo và đúng một SignerInfo", Detail::None},
    {"the TSA certificate is not inside the time-stamp token",
     "Dấu thời gian không kèm chứng thư của máy chủ dấu thời gian", Detail::None},
    {"the time-stamped bytes were changed", "Nội dung được đóng dấu thời gian bị sửa (mã băm không khớp)", Detail::None},
    {"the time-stamp uses ", "Dấu thời gian dùng ", Detail::Translate},
    {"the TSA's signature on the time-stamp does not verify",
     "Chữ ký của máy chủ dấu thời gian trên dấu thời gian không đúng: ", Detail::Keep},
    {"the time-stamp token does not bind the TSA certificate",
     "Dấu thời gian không gắn với chứng thư của máy chủ dấu thời gian (thiếu hoặc sai ESS signing-certificate)",
     Detail::None},
    {"the TSA certificate was not valid", "Chứng thư của máy chủ dấu thời gian không có hiệu lực tại thời điểm đóng dấu",
     Detail::None},
    {"the TSA certificate lacks a critical extended key usage",
     "Chứng thư của máy chủ dấu thời gian thiếu extendedKeyUsage timeStamping (critical, duy nhất)", Detail::None},
    {"cannot set up the TSA chain check", "Không kiểm tra được chuỗi chứng thư của máy chủ dấu thời gian: ", Detail::Keep},
    {"TSA chain: ", "Chuỗi chứng thư của máy chủ dấu thời gian: ", Detail::Translate},

    // The embedded validation data (core/workflow/ltv.cpp).
    {"certificate revoked according to the embedded data", "Chứng thư số đã bị thu hồi (theo dữ liệu kèm trong tệp): ",
     Detail::Keep},
};

// Details that are translated: OpenSSL's chain errors (X509_verify_cert_error_string), the
// moment a certificate was judged at, a digest's weakness. A leading ", " marks a suffix.
struct Phrase {
    const char* en;
    const char* vi;
};
constexpr Phrase kDetails[] = {
    {"at the time-stamp's time", "tại thời điểm của dấu thời gian"},
    {"now (no time-stamp proves an earlier time)", "tại thời điểm hiện tại (không có dấu thời gian chứng minh thời điểm sớm hơn)"},
    {", a broken digest that never protects a signature", ", thuật toán băm đã bị phá, không bao giờ bảo vệ được chữ ký"},
    {"SHA1, a digest accepted only with a proof of existence from before 2017",
     "SHA1, thuật toán băm chỉ được chấp nhận khi có bằng chứng chữ ký đã có trước năm 2017"},
    {"unable to get local issuer certificate", "không tìm thấy chứng thư CA phát hành trong danh sách tin cậy"},
    {"unable to get issuer certificate", "không tìm thấy chứng thư của CA phát hành"},
    {"self-signed certificate in certificate chain", "chuỗi kết thúc ở một chứng thư gốc không có trong danh sách tin cậy"},
    {"self-signed certificate", "chứng thư tự ký không có trong danh sách tin cậy"},
    {"unable to verify the first certificate", "không xác minh được chứng thư đầu tiên (thiếu CA phát hành)"},
    {"certificate has expired", "có chứng thư đã hết hạn"},
    {"certificate is not yet valid", "có chứng thư chưa có hiệu lực"},
    {"certificate signature failure", "chữ ký trên một chứng thư của chuỗi không đúng"},
    {"unable to decode issuer public key", "không đọc được khóa công khai của CA phát hành"},
    {"certificate chain too long", "chuỗi chứng thư quá dài"},
    {"certificate revoked", "có chứng thư đã bị thu hồi"},
    {"path length constraint exceeded", "chuỗi vượt quá độ dài CA cho phép (pathLen)"},
    {"unsuitable certificate purpose", "chứng thư không dành cho mục đích này"},
    {"certificate not trusted", "chứng thư không được tin cậy"},
    {"certificate rejected", "chứng thư bị từ chối"},
    {"invalid CA certificate", "chứng thư CA không hợp lệ"},
    {"invalid non-CA certificate (has CA markings)", "chứng thư không phải CA nhưng mang dấu hiệu CA"},
    {"key usage does not include certificate signing", "chứng thư CA không được phép ký chứng thư (keyUsage)"},
    {"unhandled critical extension", "có phần mở rộng critical không xử lý được"},
    {"format error in certificate's notBefore field", "trường notBefore của chứng thư sai định dạng"},
    {"format error in certificate's notAfter field", "trường notAfter của chứng thư sai định dạng"},
    {"unspecified certificate verification error", "lỗi kiểm tra chứng thư không xác định"},
};

bool starts_with(const std::string& text, const std::string& prefix) { return text.compare(0, prefix.size(), prefix) == 0; }

std::string translate_line(const std::string& problem);

std::string translate_detail(const std::string& detail) {
    for (const Phrase& phrase : kDetails) {
        std::string en = phrase.en;
        if (detail == en)
            return phrase.vi;
        if (starts_with(en, ", ") && detail.size() > en.size() && detail.compare(detail.size() - en.size(), en.size(), en) == 0)
            return detail.substr(0, detail.size() - en.size()) + phrase.vi;
    }
    return translate_line(detail); // a nested problem ("signature time-stamp: …"), else kept
}

std::string translate_line(const std::string& problem) {
    for (const Rule& rule : kRules) {
        if (!starts_with(problem, rule.en))
            continue;
        std::string detail = problem.substr(std::string(rule.en).size());
        size_t start = detail.find_first_not_of(": ");
        detail = start == std::string::npos ? std::string() : detail.substr(start);
        std::string vi = rule.vi;
        switch (rule.detail) {
        case Detail::None: return vi;
        case Detail::Keep:
            // A translation ending in ": " carries the detail; without one it stands alone.
            if (detail.empty())
                return vi.size() >= 2 && vi.compare(vi.size() - 2, 2, ": ") == 0 ? vi.substr(0, vi.size() - 2) : vi;
            return vi + detail;
        case Detail::Translate: return vi + translate_detail(detail);
        }
    }
    return problem;
}

} // namespace

std::string problem_text(const std::string& problem, bool vietnamese) {
    return vietnamese ? translate_line(problem) : problem;
}

std::string problem_text_bilingual(const std::string& problem) {
    std::string vi = translate_line(problem);
    return vi == problem ? problem : vi + " / " + problem;
}

} // namespace kyso
