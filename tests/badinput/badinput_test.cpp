// The bad-input catalogue (issue 5, part 4): named inputs that a signing tool on a USB token
// meets in the wild, each with the one answer kyso must give — a clear refusal (exit status,
// Vietnamese and English message) or a correct, verifying signature. Every case runs the real
// `kyso sign` on the SoftHSM2 test token, under a time limit, and every case also checks that
// nothing was overwritten or truncated: the input keeps its bytes, a file already at the output
// path keeps its bytes when signing fails, and no ".NAME.kyso-XXXXXX" temporary is left.
// The generated inputs stay in TEST_WORK/badinput (fuzz/run-fuzz.sh uses them as seeds).
// Cases already pinned by tests/cli_tests (random bytes, half a file, AES-256 encryption, a
// PNG renamed .pdf, a cut PNG) are not repeated.
#include "badinput/pdf_maker.hpp"
#include "support/files.hpp"
#include "support/process.hpp"
#include "support/test_env.hpp"

#include <gtest/gtest.h>
#include <png.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace kyso::test {
namespace {

namespace fs = std::filesystem;
using Strings = std::vector<std::string>;

constexpr int kOk = 0, kBadInput = 3, kBadImage = 4;
const char* const kSentinel = "an older file at the output path: must survive a refusal\n";

const TestEnv& env() { return TestEnv::get(); }
bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

/// One catalogue entry: how to make the input (and image), what kyso must answer.
struct Case {
    std::string name;
    std::function<std::string(const fs::path& dir)> make_pdf;        ///< returns the input path
    std::function<std::string(const fs::path& dir)> make_png = {};   ///< optional: --image path
    int status = kOk;
    Strings fragments = {};   ///< in stderr (failures) or stdout (success)
    Strings extra_args = {};
};

std::string corpus_bytes(const std::string& name) { return read_file(env().corpus(name)); }

std::string write_named(const fs::path& dir, const std::string& name, const std::string& bytes) {
    std::string path = (dir / name).string();
    write_file(path, bytes);
    return path;
}

// ------------------------------------------------------------------ PNG variants (libpng)

struct PngSpec {
    int color_type = PNG_COLOR_TYPE_RGBA;
    int bit_depth = 8;
    int interlace = PNG_INTERLACE_NONE;
    unsigned width = 120, height = 40;
};

/// Writes a PNG of any colour type, depth and interlace: a diagonal stroke on a clear ground.
void write_png_variant(const std::string& path, const PngSpec& spec) {
    FILE* file = std::fopen(path.c_str(), "wb");
    ASSERT_NE(file, nullptr);
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, nullptr, nullptr, nullptr);
    png_infop info = png_create_info_struct(png);
    png_init_io(png, file);
    png_set_IHDR(png, info, spec.width, spec.height, spec.bit_depth, spec.color_type, spec.interlace,
                 PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    if (spec.color_type == PNG_COLOR_TYPE_PALETTE) {
        png_color palette[2] = {{255, 255, 255}, {0, 0, 200}};
        png_byte alpha[2] = {0, 255};
        png_set_PLTE(png, info, palette, 2);
        png_set_tRNS(png, info, alpha, 2, nullptr);
    }
    png_write_info(png, info);
    if (spec.bit_depth == 16)
        png_set_swap(png); // rows below are little-endian 16-bit samples
    int channels = spec.color_type == PNG_COLOR_TYPE_RGBA ? 4 : spec.color_type == PNG_COLOR_TYPE_RGB ? 3
                   : spec.color_type == PNG_COLOR_TYPE_GRAY_ALPHA ? 2 : 1;
    size_t sample_bytes = spec.bit_depth == 16 ? 2 : 1;
    std::vector<png_byte> rows(spec.height * spec.width * channels * sample_bytes);
    for (unsigned y = 0; y < spec.height; ++y)
        for (unsigned x = 0; x < spec.width; ++x) {
            bool ink = (x / 3) == (y * spec.width / spec.height / 3);
            for (int c = 0; c < channels; ++c) {
                unsigned value = spec.color_type == PNG_COLOR_TYPE_PALETTE ? (ink ? 1 : 0)
                                 : (c == channels - 1 && (channels == 2 || channels == 4)) ? (ink ? 65535 : 0)
                                 : (ink ? 0 : 65535);
                size_t at = ((y * spec.width + x) * channels + c) * sample_bytes;
                if (sample_bytes == 2) {
                    rows[at] = value & 0xFF;
                    rows[at + 1] = value >> 8;
                } else {
                    rows[at] = spec.color_type == PNG_COLOR_TYPE_PALETTE ? value : value >> 8;
                }
            }
        }
    std::vector<png_bytep> pointers(spec.height);
    for (unsigned y = 0; y < spec.height; ++y)
        pointers[y] = rows.data() + y * spec.width * channels * sample_bytes;
    png_write_image(png, pointers.data()); // handles the interlace passes itself
    png_write_end(png, info);
    png_destroy_write_struct(&png, &info);
    std::fclose(file);
}

std::function<std::string(const fs::path&)> png_variant(const std::string& name, PngSpec spec) {
    return [name, spec](const fs::path& dir) {
        std::string path = (dir / name).string();
        write_png_variant(path, spec);
        return path;
    };
}

std::function<std::string(const fs::path&)> png_bytes(const std::string& name,
                                                      std::function<std::string(std::string good)> damage) {
    return [name, damage](const fs::path& dir) {
        std::string good = (dir / ("good-" + name)).string();
        write_png_variant(good, {});
        std::string path = (dir / name).string();
        write_file(path, damage(read_file(good)));
        fs::remove(good);
        return path;
    };
}

std::function<std::string(const fs::path&)> classic_input() {
    return [](const fs::path& dir) { return write_named(dir, "in.pdf", corpus_bytes("lo-classic.pdf")); };
}

// ------------------------------------------------------------------ PDF damage helpers

std::string without_last(const std::string& bytes, const std::string& what) {
    size_t at = bytes.rfind(what);
    return at == std::string::npos ? bytes : bytes.substr(0, at) + bytes.substr(at + what.size());
}

std::string replace_last(std::string bytes, const std::string& what, const std::string& with) {
    size_t at = bytes.rfind(what);
    if (at != std::string::npos)
        bytes.replace(at, what.size(), with);
    return bytes;
}

std::string qpdf_made(const fs::path& dir, const std::string& name, const Strings& options) {
    std::string out = (dir / name).string();
    Strings argv{"qpdf"};
    argv.insert(argv.end(), options.begin(), options.end());
    argv.push_back(env().corpus("lo-classic.pdf"));
    argv.push_back(out);
    RunResult r = run(argv);
    EXPECT_TRUE(r.status == 0 || r.status == 3) << r.err; // 3: warnings only
    return out;
}

/// A hybrid-reference file (PDF 1.5 §7.5.8.4): the classic table marks object 5 free, the
/// /XRefStm stream places it in object stream 6. Object 5 is the page's /Resources.
std::string hybrid_reference_pdf() {
    PdfMaker pdf = PdfMaker::one_page();
    pdf.set(3, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources 5 0 R /Contents 4 0 R >>");
    pdf.add("null"); // 5: free in the table (placeholder body, overwritten below as unlisted)
    std::string objstm_data = "5 0 << /ProcSet [/PDF] >>";
    pdf.add(stream_body(objstm_data, "/Type /ObjStm /N 1 /First 4"));                    // 6
    std::string entry{'\x02', '\x00', '\x06', '\x00'};                                     // type 2, in 6, index 0
    pdf.add(stream_body(entry, "/Type /XRef /W [1 2 1] /Index [5 1] /Size 8"));             // 7
    std::string bytes = pdf.build();
    // Object 5 must not exist as a plain object: mark it free in the table.
    size_t at = bytes.find("5 0 obj\nnull\nendobj\n");
    std::string xref_at_text = bytes.substr(bytes.rfind("startxref\n") + 10);
    size_t xref_at = std::stoul(xref_at_text);
    size_t entry5 = xref_at + std::string("xref\n0 8\n").size() + 5 * 20;
    bytes.replace(entry5, 20, "0000000000 00001 f \n");
    (void)at;
    // /XRefStm: the offset of object 7.
    size_t obj7 = bytes.find("7 0 obj\n");
    return replace_last(bytes, "/Root 1 0 R ", "/Root 1 0 R /XRefStm " + std::to_string(obj7) + " ");
}

std::string deep_nesting_pdf(int depth) {
    PdfMaker pdf = PdfMaker::one_page();
    std::string nested(depth, '[');
    nested += std::string(depth, ']');
    pdf.set(3, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Deep " + nested +
                   " >> /Contents 4 0 R >>");
    return pdf.build();
}

std::string acroform_pdf(const std::string& fields_objects_note, const std::vector<std::string>& fields,
                         const std::string& catalog_extra = {}) {
    (void)fields_objects_note;
    PdfMaker pdf = PdfMaker::one_page();
    std::string refs, annots;
    for (const std::string& field : fields) {
        int n = pdf.add(field);
        refs += std::to_string(n) + " 0 R ";
    }
    pdf.set(1, "<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [" + refs + "] >> " + catalog_extra + " >>");
    pdf.set(3, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << >> /Contents 4 0 R /Annots [" +
                   refs + "] >>");
    return pdf.build();
}

std::string field(const std::string& type, const std::string& name, const std::string& extra = {}) {
    return "<< /FT /" + type + " /T (" + name + ") /Type /Annot /Subtype /Widget /Rect [0 0 0 0] /P 3 0 R /F 132 " +
           extra + " >>";
}

/// A one-page document certified by field "Certify" (object 5) whose signature (object 6)
/// carries the DocMDP transform with `params` (e.g. "/P 1") and is named by /Perms /DocMDP.
std::string certified_pdf(const std::string& params) {
    PdfMaker pdf = PdfMaker::one_page();
    pdf.add(field("Sig", "Certify", "/V 6 0 R"));
    pdf.add("<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached /ByteRange [0 10 20 30] "
            "/Contents <00> /Reference [<< /Type /SigRef /TransformMethod /DocMDP /TransformParams "
            "<< /Type /TransformParams /V /1.2 " + params + " >> >>] >>");
    pdf.set(1, "<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [5 0 R] /SigFlags 3 >> "
               "/Perms << /DocMDP 6 0 R >> >>");
    pdf.set(3, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << >> /Contents 4 0 R "
               "/Annots [5 0 R] >>");
    return pdf.build();
}

std::vector<Case> catalogue() {
    const Strings invisible{};
    const Strings visible{"--page", "1", "--rect", "330,90,200,70", "--text", "Ký thử"};
    std::vector<Case> cases;
    auto refused = [&](std::string name, std::function<std::string(const fs::path&)> make, Strings fragments) {
        cases.push_back({std::move(name), std::move(make), {}, kBadInput, std::move(fragments)});
    };
    auto pdf = [](std::string file, std::function<std::string()> bytes) {
        return [file, bytes](const fs::path& dir) { return write_named(dir, file, bytes()); };
    };

    // Damaged structure.
    refused("empty-file", pdf("empty.pdf", [] { return std::string(); }),
            {"không phải PDF hợp lệ", "is not a valid PDF", "tệp rỗng", "the file is empty"});
    // The reason used to be "no %PDF- header" although the header is there.
    refused("header-only", pdf("header.pdf", [] { return std::string("%PDF-1.7\n"); }),
            {"không phải PDF hợp lệ", "is not a valid PDF", "bị cắt cụt hoặc rỗng", "truncated or empty"});
    refused("truncated-last-bytes", pdf("cut-end.pdf", [] {
                std::string b = corpus_bytes("lo-classic.pdf");
                return b.substr(0, b.size() - 12);
            }), {"không phải PDF hợp lệ", "is not a valid PDF", "truncated"});
    refused("no-eof-marker", pdf("no-eof.pdf", [] { return without_last(corpus_bytes("lo-classic.pdf"), "%%EOF"); }),
            {"không phải PDF hợp lệ", "is not a valid PDF", "%%EOF"});
    refused("startxref-beyond-end", pdf("startxref-far.pdf", [] {
                std::string b = corpus_bytes("lo-classic.pdf");
                size_t at = b.rfind("startxref") + 10;
                size_t end = b.find('\n', at);
                return b.substr(0, at) + "99999999" + b.substr(end);
            }), {"không phải PDF hợp lệ", "is not a valid PDF", "outside the file"});
    refused("startxref-not-at-xref", pdf("startxref-wrong.pdf", [] {
                std::string b = corpus_bytes("lo-classic.pdf");
                return replace_last(b, "startxref\n", "startxref\n1");  // prefixes a digit: points elsewhere
            }), {"không phải PDF hợp lệ", "is not a valid PDF"});
    refused("xref-missing", pdf("no-xref.pdf", [] {
                std::string b = corpus_bytes("lo-classic.pdf");
                size_t xref = b.rfind("\nxref") + 1, trailer = b.rfind("trailer");
                return b.substr(0, xref) + b.substr(trailer);
            }), {"không phải PDF hợp lệ", "is not a valid PDF", "cross-reference"});
    refused("no-root", pdf("no-root.pdf", [] {
                std::string b = PdfMaker::one_page().build();
                return replace_last(b, "/Root 1 0 R", "/Rot 1 0 R");
            }), {"tệp hỏng hoặc không phải PDF", "damaged or not a PDF"});
    // A cross-reference table whose offsets are all off by 7: readers rebuild it or refuse;
    // kyso must do one of the two cleanly (status -1: either, as long as it is clean).
    cases.push_back({"xref-offsets-shifted", pdf("shifted.pdf", [] {
                         std::string b = PdfMaker::one_page().build();
                         size_t body = b.find("1 0 obj");
                         return b.substr(0, body) + "%seven\n" + b.substr(body); // every offset now 7 short
                     }), {}, -1, {"PDF", "PDF"}, {}});

    // Encryption (AES-256 is covered by tests/cli_tests).
    cases.push_back({"encrypted-user-password-aes128", [](const fs::path& dir) {
                         return qpdf_made(dir, "enc-user.pdf", {"--encrypt", "user", "owner", "128", "--use-aes=y", "--"});
                     }, {}, kBadInput, {"mã hoá", "encrypted"}});
    cases.push_back({"encrypted-owner-only-rc4-40", [](const fs::path& dir) {
                         return qpdf_made(dir, "enc-owner.pdf", {"--allow-weak-crypto", "--encrypt", "", "owner", "40", "--"});
                     }, {}, kBadInput, {"mã hoá", "encrypted"}});

    // Valid but unusual files: a correct signature.
    cases.push_back({"linearized", [](const fs::path& dir) { return qpdf_made(dir, "linear.pdf", {"--linearize"}); },
                     {}, kOk, {}, visible});
    cases.push_back({"hybrid-reference", pdf("hybrid.pdf", hybrid_reference_pdf), {}, kOk, {}, visible});
    cases.push_back({"many-objects-20000", pdf("many.pdf", [] {
                         PdfMaker p = PdfMaker::one_page();
                         for (int i = 0; i < 20000; ++i)
                             p.add("<< /N " + std::to_string(i) + " >>");
                         return p.build();
                     }), {}, kOk, {}, invisible});
    // /Size and an xref subsection that claim 50 million objects in a 1 KB file.
    refused("huge-object-count-claimed", pdf("huge-count.pdf", [] {
                std::string b = PdfMaker::one_page().build();
                b = replace_last(b, "xref\n0 5\n", "xref\n0 50000000\n");
                return replace_last(b, "/Size 5", "/Size 50000000");
            }), {"bị hỏng: bảng tham chiếu", "far too many for a file of"});
    refused("deep-nesting-100000", pdf("deep.pdf", [] { return deep_nesting_pdf(100000); }), {"tệp hỏng hoặc không phải PDF", "damaged or not a PDF"});
    cases.push_back({"nesting-200", pdf("nest200.pdf", [] { return deep_nesting_pdf(200); }), {}, kOk, {}, visible});
    refused("page-tree-cycle", pdf("cycle.pdf", [] {
                PdfMaker p = PdfMaker::one_page();
                p.set(2, "<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>");
                return p.build();
            }), {"tệp hỏng hoặc không phải PDF", "damaged or not a PDF"});

    // Forms and certification.
    cases.push_back({"duplicate-field-names", pdf("dup-fields.pdf", [] {
                         return acroform_pdf("", {field("Tx", "HoTen"), field("Tx", "HoTen")});
                     }), {}, kOk, {}, invisible});
    cases.push_back({"existing-empty-field-named-Signature1", pdf("sig1-empty.pdf", [] {
                         return acroform_pdf("", {field("Sig", "Signature1")});
                     }), {}, kOk, {}, invisible});
    cases.push_back({"existing-text-field-named-like-ours", pdf("sig1-text.pdf", [] {
                         return acroform_pdf("", {field("Tx", "Signature1")});
                     }), {}, kOk, {}, invisible});
    // A document certified with "no changes allowed" (/Perms /DocMDP naming a signature whose
    // /Reference holds the DocMDP transform with P 1): any new signature breaks the
    // certification, so kyso refuses it before the PIN. (This case used to name an object 6
    // that did not exist, and kyso signed it.) The certifying signature's bytes are not real:
    // the refusal must not depend on them. A real certification is in cli_tests/certification_test.
    refused("docmdp-no-changes", pdf("docmdp.pdf", [] { return certified_pdf("/P 1"); }),
            {"đã được chứng thực (DocMDP P=1), không cho phép thay đổi hay ký thêm", "certified (DocMDP P=1)"});
    // Out-of-range P is read as the strictest.
    refused("docmdp-invalid-p", pdf("docmdp-p9.pdf", [] { return certified_pdf("/P 9"); }),
            {"đã được chứng thực (DocMDP, P không hợp lệ)", "certified (DocMDP with an invalid P)"});

    // Sizes.
    cases.push_back({"one-gigabyte-of-nothing", [](const fs::path& dir) {
                         std::string path = (dir / "1gb.pdf").string();
                         write_file(path, "%PDF-1.7\n");
                         fs::resize_file(path, 1ull << 30); // sparse: costs no disk
                         return path;
                     }, {}, kBadInput, {"không phải PDF hợp lệ", "is not a valid PDF"}});

    // Images (on lo-classic.pdf, visible signature).
    auto image_case = [&](std::string name, std::function<std::string(const fs::path&)> png, int status,
                          Strings fragments) {
        cases.push_back({std::move(name), classic_input(), std::move(png), status, std::move(fragments),
                         {"--page", "1", "--rect", "330,90,200,70"}});
    };
    image_case("png-zero-bytes", [](const fs::path& dir) { return write_named(dir, "zero.png", ""); }, kBadImage,
               {"không dùng được", "is unusable"});
    image_case("png-bad-crc", png_bytes("crc.png", [](std::string b) {
                   b[b.find("IDAT") + 6] ^= 0x55; // damage compressed data: CRC no longer matches
                   return b;
               }), kBadImage, {"không dùng được", "is unusable"});
    image_case("png-zero-width", png_bytes("w0.png", [](std::string b) {
                   b[16] = b[17] = b[18] = b[19] = 0; // IHDR width = 0
                   return b;
               }), kBadImage, {"không dùng được", "is unusable"});
    image_case("png-claims-100000x100000", png_bytes("huge.png", [](std::string b) {
                   std::string dims = {'\0', '\x01', '\x86', '\xA0', '\0', '\x01', '\x86', '\xA0'};
                   b.replace(16, 8, dims); // IHDR says 100000 x 100000; the CRC is now wrong too
                   return b;
               }), kBadImage, {"không dùng được", "is unusable"});
    image_case("png-16-bit-rgba", png_variant("rgba16.png", {PNG_COLOR_TYPE_RGBA, 16}), kOk, {});
    image_case("png-interlaced", png_variant("adam7.png", {PNG_COLOR_TYPE_RGBA, 8, PNG_INTERLACE_ADAM7}), kOk, {});
    image_case("png-palette-trns", png_variant("palette.png", {PNG_COLOR_TYPE_PALETTE, 8}), kOk, {});
    image_case("png-grey", png_variant("grey.png", {PNG_COLOR_TYPE_GRAY, 8}), kOk, {});
    image_case("png-grey-alpha-16", png_variant("grey-alpha16.png", {PNG_COLOR_TYPE_GRAY_ALPHA, 16}), kOk, {});
    // PNG has no CMYK: what users call a CMYK PNG is a CMYK JPEG renamed .png.
    image_case("cmyk-jpeg-named-png", [](const fs::path& dir) {
                   std::string jpeg = "\xFF\xD8\xFF\xEE\x00\x0E" "Adobe\x00\x64\x00\x00\x00\x00\x02";
                   return write_named(dir, "cmyk.png", jpeg + std::string(200, '\0'));
               }, kBadImage, {"không dùng được", "is unusable", "not a PNG"});
    return cases;
}

class BadInput : public ::testing::TestWithParam<Case> {};

// gtest prints a parameter's bytes otherwise.
void PrintTo(const Case& c, std::ostream* os) { *os << c.name; }

TEST_P(BadInput, AnswersClearlyAndWritesNothingWrong) {
    const Case& c = GetParam();
    fs::path dir = env().scratch();
    fs::path keep = env().work / "badinput";
    fs::create_directories(keep);
    std::string input = c.make_pdf(dir);
    Strings args{"timeout", "-s", "KILL", "120", env().kyso_bin, "sign", input, "-o", (dir / "out.pdf").string(),
                 "--token", env().token_label, "--cert", "binh", "--pin-env", "KYSO_TEST_USER_PIN",
                 "--module", env().softhsm_module};
    args.insert(args.end(), c.extra_args.begin(), c.extra_args.end());
    if (c.make_png)
        args.insert(args.end(), {"--image", c.make_png(dir)});
    if (c.status != kOk)
        write_file((dir / "out.pdf").string(), kSentinel);
    if (fs::file_size(input) < (64u << 20))
        fs::copy_file(input, keep / (c.name + ".pdf"), fs::copy_options::overwrite_existing);
    std::string before = fs::file_size(input) < (64u << 20) ? sha256_file(input) : "(large)";

    auto start = std::chrono::steady_clock::now();
    RunResult r = run(args);
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    RecordProperty("seconds", std::to_string(seconds));
    SCOPED_TRACE(c.name + ": exit " + std::to_string(r.status) + "\nstderr:\n" + r.err + "stdout:\n" + r.out);

    EXPECT_NE(r.status, 137) << "killed after 120 s: a hang";
    EXPECT_LT(r.status, 128) << "kyso crashed (signal " << r.status - 128 << ")";
    EXPECT_FALSE(contains(r.err, "lỗi nội bộ")) << "an internal error is not a clear message";
    if (c.status >= 0) {
        EXPECT_EQ(r.status, c.status);
    }
    if (before != "(large)") {
        EXPECT_EQ(sha256_file(input), before) << "the input was modified";
    } else {
        EXPECT_EQ(fs::file_size(input), 1ull << 30) << "the input was modified";
    }
    for (const auto& entry : fs::directory_iterator(dir))
        EXPECT_FALSE(contains(entry.path().filename().string(), ".kyso-")) << "temporary left: " << entry.path();

    if (r.status == kOk) {
        RunResult check = run({env().kyso_bin, "verify", (dir / "out.pdf").string(), "--trust", env().root_ca()});
        EXPECT_EQ(check.status, 0) << "the signed output does not verify:\n" << check.out << check.err;
        RunResult qpdf = run({"qpdf", "--check", (dir / "out.pdf").string()});
        EXPECT_TRUE(qpdf.status == 0 || qpdf.status == 3) << qpdf.out << qpdf.err;
    } else {
        EXPECT_EQ(read_file((dir / "out.pdf").string()), kSentinel) << "a refusal touched the existing output";
        for (const std::string& fragment : c.fragments)
            EXPECT_TRUE(contains(r.err, fragment)) << "missing \"" << fragment << "\"";
        // Both languages: a Vietnamese line (non-ASCII letters) besides the English fragments.
        EXPECT_NE(r.err.find_first_of("\xC3\xC4\xC6\xE1"), std::string::npos) << "no Vietnamese message";
        EXPECT_GE(c.fragments.size(), 2u) << "a refusal case names a Vietnamese and an English fragment";
    }
}

std::string case_name(const ::testing::TestParamInfo<Case>& info) {
    std::string name = info.param.name;
    for (char& ch : name)
        if (!std::isalnum(static_cast<unsigned char>(ch)))
            ch = '_';
    return name;
}

INSTANTIATE_TEST_SUITE_P(Catalogue, BadInput, ::testing::ValuesIn(catalogue()), case_name);

TEST(BadInputCatalogue, HasAtLeast25NamedInputs) { EXPECT_GE(catalogue().size(), 25u); }

} // namespace
} // namespace kyso::test
