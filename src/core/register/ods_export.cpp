#include "core/register/ods_export.hpp"

#include "core/io/atomic_output.hpp"
#include "core/register/zip_writer.hpp"

namespace kyso {
namespace {

constexpr const char* kNamespaces =
    R"( xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0")"
    R"( xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0")"
    R"( xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0")"
    R"( xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0")"
    R"( xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0")"
    R"( office:version="1.3")";

// Decree 30's columns (with their widths in cm), then kyso's.
struct Column {
    const char* heading;
    const char* width;
};
const Column kColumns[] = {
    {"Số, ký hiệu văn bản", "3.2cm"}, {"Ngày tháng văn bản", "2.4cm"}, {"Tên loại và trích yếu nội dung văn bản", "7cm"},
    {"Người ký", "3.5cm"}, {"Nơi nhận văn bản", "3.5cm"}, {"Đơn vị, người nhận bản lưu", "3cm"},
    {"Số lượng bản", "1.8cm"}, {"Ngày chuyển", "2.2cm"}, {"Ký nhận", "2.2cm"}, {"Ghi chú", "4cm"},
    // kyso's evidence
    {"Sổ", "2cm"}, {"Trạng thái", "2.4cm"}, {"SHA-256 của tệp phát hành", "5cm"}, {"Số sê-ri chứng thư số", "5cm"},
    {"Tệp", "4cm"}, {"Người thao tác", "3cm"}, {"Thời điểm (UTC)", "3.6cm"},
};

std::string escaped(const std::string& text) {
    std::string out;
    for (char c : text) {
        switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        default:
            if (static_cast<unsigned char>(c) >= 0x20 || c == '\t' || c == '\n')
                out += c;
        }
    }
    return out;
}

std::string cell(const std::string& text, const char* style = "body") {
    if (text.empty())
        return std::string("<table:table-cell table:style-name=\"") + style + "\"/>";
    return std::string("<table:table-cell table:style-name=\"") + style + "\" office:value-type=\"string\"><text:p>" +
           escaped(text) + "</text:p></table:table-cell>";
}

std::string two_digits(int n) { return (n < 10 ? "0" : "") + std::to_string(n); }

// YYYY-MM-DD → DD/MM/YYYY, as the register is written by hand.
std::string vietnamese_date(const std::string& iso) {
    return iso.size() == 10 ? iso.substr(8, 2) + "/" + iso.substr(5, 2) + "/" + iso.substr(0, 4) : iso;
}

std::string first_of(const std::string& list) { return list.substr(0, list.find("; ")); }

std::string note(const RegisterEntry& e) {
    if (e.state == EntryState::Void)
        return "Số đã huỷ: " + e.void_reason;
    if (e.state == EntryState::Reserved)
        return "Đang giữ số, chưa phát hành";
    return {};
}

std::string state_vi(EntryState state) {
    return state == EntryState::Confirmed ? "đã phát hành" : state == EntryState::Void ? "đã huỷ" : "đang giữ số";
}

std::string row(const RegisterEntry& e) {
    std::string number = e.number_text.empty() ? two_digits(e.number) + "/" + std::to_string(e.year) : e.number_text;
    std::string out = "<table:table-row>";
    out += cell(number) + cell(vietnamese_date(e.date)) + cell(e.summary) + cell(first_of(e.signers)) + cell("") +
           cell("") + cell(e.state == EntryState::Confirmed ? "1 (điện tử)" : "") + cell("") + cell("") + cell(note(e));
    out += cell(e.book) + cell(state_vi(e.state)) + cell(e.sha256) + cell(e.cert_serials) + cell(e.file) +
           cell(e.os_user + "@" + e.host) + cell(e.confirmed_at.empty() ? e.reserved_at : e.confirmed_at);
    return out + "</table:table-row>";
}

constexpr const char* kStyles =
    R"(<office:automatic-styles>)"
    R"(<style:style style:name="title" style:family="table-cell"><style:text-properties fo:font-weight="bold" fo:font-size="14pt"/></style:style>)"
    R"(<style:style style:name="head" style:family="table-cell"><style:table-cell-properties fo:border="0.5pt solid #000000" fo:wrap-option="wrap" style:vertical-align="middle"/><style:paragraph-properties fo:text-align="center"/><style:text-properties fo:font-weight="bold"/></style:style>)"
    R"(<style:style style:name="body" style:family="table-cell"><style:table-cell-properties fo:border="0.5pt solid #000000" fo:wrap-option="wrap" style:vertical-align="top"/></style:style>)";

std::string body(const std::vector<RegisterEntry>& entries, const std::string& title) {
    std::string out = "<office:body><office:spreadsheet><table:table table:name=\"So van ban di\">";
    for (size_t i = 0; i < std::size(kColumns); ++i)
        out += "<table:table-column table:style-name=\"col" + std::to_string(i) + "\"/>";
    out += "<table:table-row>" + cell("SỔ ĐĂNG KÝ VĂN BẢN ĐI", "title") + "</table:table-row>";
    out += "<table:table-row>" + cell(title, "title") + "</table:table-row>";
    out += "<table:table-row>";
    for (const Column& c : kColumns)
        out += cell(c.heading, "head");
    out += "</table:table-row><table:table-row>";
    for (int n = 1; n <= static_cast<int>(std::size(kColumns)); ++n) // the numbered row under the headings
        out += cell("(" + std::to_string(n) + ")", "head");
    out += "</table:table-row>";
    for (const RegisterEntry& e : entries)
        out += row(e);
    return out + "</table:table></office:spreadsheet></office:body>";
}

std::string column_styles() {
    std::string out;
    int i = 0;
    for (const Column& c : kColumns)
        out += "<style:style style:name=\"col" + std::to_string(i++) +
               "\" style:family=\"table-column\"><style:table-column-properties style:column-width=\"" + c.width +
               "\"/></style:style>";
    return out;
}

} // namespace

std::string register_content_xml(const std::vector<RegisterEntry>& entries, const std::string& title) {
    return std::string("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<office:document-content") + kNamespaces + ">" +
           kStyles + column_styles() + "</office:automatic-styles>" + body(entries, title) + "</office:document-content>";
}

void export_register_ods(const std::vector<RegisterEntry>& entries, const std::string& title, const std::string& path) {
    std::string data;
    if (path.size() > 5 && path.compare(path.size() - 5, 5, ".fods") == 0) {
        data = std::string("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<office:document") + kNamespaces +
               " office:mimetype=\"application/vnd.oasis.opendocument.spreadsheet\">" + kStyles + column_styles() +
               "</office:automatic-styles>" + body(entries, title) + "</office:document>";
    } else {
        ZipWriter zip;
        zip.add("mimetype", "application/vnd.oasis.opendocument.spreadsheet"); // first and stored (ODF 1.3 §3.3)
        zip.add("content.xml", register_content_xml(entries, title));
        zip.add("META-INF/manifest.xml",
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                "<manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\" manifest:version=\"1.3\">"
                "<manifest:file-entry manifest:full-path=\"/\" manifest:media-type=\"application/vnd.oasis.opendocument.spreadsheet\"/>"
                "<manifest:file-entry manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\"/>"
                "</manifest:manifest>");
        data = zip.bytes();
    }
    AtomicOutput out(path);
    out.write(data.data(), data.size());
    out.commit();
}

} // namespace kyso
