#include "core/pdf/font_text.hpp"

#include "core/pdf/content_lexer.hpp"
#include "core/pdf/pdf_objects.hpp"
#include "core/pdf/pdf_text.hpp"

#include <cstdlib>
#include <vector>

namespace kyso::pdf {

using namespace PoDoFo;

namespace {

constexpr uint32_t kWidestRange = 0x10000; // one CMap range never maps more codes than this

uint32_t code_of(std::string_view bytes) {
    uint32_t code = 0;
    for (char c : bytes)
        code = code << 8 | static_cast<unsigned char>(c);
    return code;
}

// A bfchar/bfrange destination (UTF-16BE) with `offset` added to its last unit, as UTF-8.
std::string utf8_of(std::string utf16, uint32_t offset) {
    if (offset) {
        size_t n = utf16.size();
        uint32_t last = (static_cast<unsigned char>(utf16[n - 2]) << 8 | static_cast<unsigned char>(utf16[n - 1])) + offset;
        utf16[n - 2] = static_cast<char>((last >> 8) & 0xFF);
        utf16[n - 1] = static_cast<char>(last & 0xFF);
    }
    return pdf_text_to_utf8("\xFE\xFF" + utf16);
}

// The text of a glyph name (/Differences): the letters, digits and common punctuation by
// their Adobe Glyph List names, and "uniXXXX"; nullopt for any other name.
std::optional<std::string> glyph_text(const std::string& name) {
    if (name.size() == 1 && ((name[0] >= 'a' && name[0] <= 'z') || (name[0] >= 'A' && name[0] <= 'Z')))
        return name;
    static const std::unordered_map<std::string, std::string> kNames = {
        {"space", " "},     {"period", "."},     {"comma", ","},      {"colon", ":"},       {"semicolon", ";"},
        {"hyphen", "-"},    {"parenleft", "("},  {"parenright", ")"}, {"slash", "/"},       {"underscore", "_"},
        {"zero", "0"},      {"one", "1"},        {"two", "2"},        {"three", "3"},       {"four", "4"},
        {"five", "5"},      {"six", "6"},        {"seven", "7"},      {"eight", "8"},       {"nine", "9"},
        {"quotesingle", "'"}, {"quotedbl", "\""}, {"quoteright", "'"}, {"quoteleft", "'"}, {"ellipsis", "..."},
    };
    if (auto known = kNames.find(name); known != kNames.end())
        return known->second;
    if (name.size() == 7 && name.rfind("uni", 0) == 0) {
        char* end = nullptr;
        unsigned long unit = std::strtoul(name.c_str() + 3, &end, 16);
        if (end == name.c_str() + 7 && (unit < 0xD800 || unit > 0xDFFF)) {
            std::string utf16{static_cast<char>(unit >> 8), static_cast<char>(unit & 0xFF)};
            return utf8_of(utf16, 0);
        }
    }
    return std::nullopt;
}

bool is_standard_encoding(const PdfObject* name) {
    if (!name || !name->IsName())
        return false;
    const std::string& n = name->GetName().GetName();
    return n == "WinAnsiEncoding" || n == "MacRomanEncoding" || n == "StandardEncoding";
}

// A simple font without a font program of its own (one of the standard 14 other than the
// symbol fonts) reads its codes through the standard encoding when it names none.
bool uses_standard_encoding_by_default(PdfMemDocument& doc, PdfDictionary& font) {
    PdfObject* descriptor = resolve(doc, font.GetKey("FontDescriptor"));
    if (descriptor && descriptor->IsDictionary()) {
        PdfDictionary& d = descriptor->GetDictionary();
        if (d.HasKey("FontFile") || d.HasKey("FontFile2") || d.HasKey("FontFile3"))
            return false;
        if (PdfObject* flags = d.GetKey("Flags"); flags && flags->IsNumber() && (flags->GetNumber() & 4))
            return false; // symbolic
    }
    std::string base = text_of(resolve(doc, font.GetKey("BaseFont")));
    return !base.empty() && base.find("Symbol") == std::string::npos && base.find("Dingbats") == std::string::npos;
}

} // namespace

std::optional<ToUnicodeMap> parse_to_unicode(std::string_view cmap) {
    using Kind = ContentToken::Kind;
    ToUnicodeMap map;
    ContentLexer lexer(cmap);
    ContentToken token;
    enum class Section { None, Char, Range } section = Section::None;
    std::vector<ContentToken> operands; // of the entry being read
    while (lexer.next(token)) {
        if (token.kind == Kind::Word) {
            if (token.text == "usecmap")
                return std::nullopt;
            if (token.text == "beginbfchar")
                section = Section::Char;
            else if (token.text == "beginbfrange")
                section = Section::Range;
            else if (token.text == "endbfchar" || token.text == "endbfrange")
                section = Section::None;
            operands.clear();
            continue;
        }
        if (section == Section::None)
            continue;
        if (section == Section::Range && token.kind == Kind::ArrayOpen) {
            // <lo> <hi> [<dst> <dst> ...]: one destination per code
            if (operands.size() != 2)
                return std::nullopt;
            uint32_t code = code_of(operands[0].text);
            while (lexer.next(token) && token.kind == Kind::String) {
                if (token.text.size() < 2 || token.text.size() % 2)
                    return std::nullopt;
                map[code++] = utf8_of(token.text, 0);
            }
            if (token.kind != Kind::ArrayClose)
                return std::nullopt;
            operands.clear();
            continue;
        }
        if (token.kind != Kind::String)
            return std::nullopt; // a glyph-name destination, or garbage: not guessed
        operands.push_back(token);
        size_t needed = section == Section::Char ? 2 : 3;
        if (operands.size() < needed)
            continue;
        const std::string& dst = operands.back().text;
        if (dst.size() < 2 || dst.size() % 2)
            return std::nullopt;
        uint32_t lo = code_of(operands[0].text);
        uint32_t hi = section == Section::Char ? lo : code_of(operands[1].text);
        if (hi < lo || hi - lo >= kWidestRange)
            return std::nullopt;
        for (uint32_t code = lo; code <= hi; ++code)
            map[code] = utf8_of(dst, code - lo);
        operands.clear();
    }
    if (token.kind == Kind::Bad)
        return std::nullopt;
    return map;
}

FontText FontText::of(PdfMemDocument& doc, const PdfObject& font_object) {
    FontText font;
    if (!font_object.IsDictionary())
        return font;
    PdfDictionary& dict = const_cast<PdfObject&>(font_object).GetDictionary();
    std::string subtype = text_of(resolve(doc, dict.GetKey("Subtype")));
    PdfObject* encoding = resolve(doc, dict.GetKey("Encoding"));
    if (PdfObject* to_unicode = resolve(doc, dict.GetKey("ToUnicode")); to_unicode && to_unicode->HasStream()) {
        std::optional<ToUnicodeMap> map = parse_to_unicode(filtered_stream(*to_unicode));
        if (!map)
            return font;
        font.to_unicode_ = std::move(*map);
    } else if (to_unicode && !to_unicode->IsNull()) {
        return font; // a name (/Identity-H) or garbage: poppler's reading is not modelled
    }

    if (subtype == "Type0") {
        // Identity-H/V: two bytes a code; only the ToUnicode CMap says what they stand for.
        std::string name = text_of(encoding);
        if ((name != "Identity-H" && name != "Identity-V") || font.to_unicode_.empty())
            return font;
        font.code_bytes_ = 2;
        font.usable_ = true;
        return font;
    }
    if (subtype != "Type1" && subtype != "MMType1" && subtype != "TrueType")
        return font; // Type3 (glyphs drawn by procedures) and anything unknown

    PdfObject* base = encoding;
    if (encoding && encoding->IsDictionary()) {
        PdfDictionary& e = encoding->GetDictionary();
        base = resolve(doc, e.GetKey("BaseEncoding"));
        if (PdfObject* differences = resolve(doc, e.GetKey("Differences")); differences && differences->IsArray()) {
            uint32_t code = 0;
            for (const PdfObject& item : differences->GetArray()) {
                if (item.IsNumber()) {
                    code = static_cast<uint32_t>(item.GetNumber());
                } else if (item.IsName()) {
                    font.renamed_.insert(code);
                    if (std::optional<std::string> text = glyph_text(item.GetName().GetName()))
                        font.from_encoding_[code] = *text;
                    ++code;
                }
            }
        }
    }
    if (base)
        font.standard_ascii_ = is_standard_encoding(base);
    else if (!encoding || encoding->IsDictionary())
        font.standard_ascii_ = uses_standard_encoding_by_default(doc, dict);
    font.usable_ = true;
    // A simple font shows one byte a code: its 256 codes looked up once, not at every code.
    font.one_byte_.resize(256);
    for (uint32_t code = 0; code < 256; ++code)
        if (const std::string* text = font.code_text(code))
            font.one_byte_[code] = *text;
    return font;
}

const std::string* FontText::code_text(uint32_t code) const {
    static const std::vector<std::string> kAscii = [] {
        std::vector<std::string> ascii(0x80);
        for (int c = 0; c < 0x80; ++c)
            ascii[static_cast<size_t>(c)] = std::string(1, static_cast<char>(c));
        return ascii;
    }();
    if (auto mapped = to_unicode_.find(code); mapped != to_unicode_.end())
        return &mapped->second;
    if (auto named = from_encoding_.find(code); named != from_encoding_.end())
        return &named->second;
    if (standard_ascii_ && code_bytes_ == 1 && !renamed_.count(code) && code >= 0x20 && code <= 0x7E)
        return &kAscii[code];
    return nullptr;
}

bool FontText::append(std::string_view shown, std::string& out) const {
    if (!usable_)
        return false;
    if (!one_byte_.empty()) {
        for (char c : shown) {
            const std::optional<std::string>& text = one_byte_[static_cast<unsigned char>(c)];
            if (!text)
                return false;
            out += *text;
        }
        return true;
    }
    if (shown.size() % static_cast<size_t>(code_bytes_))
        return false;
    for (size_t i = 0; i < shown.size(); i += static_cast<size_t>(code_bytes_)) {
        const std::string* text = code_text(code_of(shown.substr(i, static_cast<size_t>(code_bytes_))));
        if (!text)
            return false;
        out += *text;
    }
    return true;
}

} // namespace kyso::pdf
