#include "core/pdf/shown_text.hpp"

#include "core/error.hpp"
#include "core/pdf/content_lexer.hpp"
#include "core/pdf/font_text.hpp"
#include "core/pdf/loaded_pdf.hpp"
#include "core/pdf/pdf_objects.hpp"

#include <deque>
#include <unordered_map>
#include <vector>

namespace kyso {

using namespace PoDoFo;
using pdf::ContentLexer;
using pdf::ContentToken;
using pdf::FontText;
using pdf::resolve;

namespace {

constexpr int kDeepestForm = 12;       // form XObjects inside form XObjects
constexpr int kDeepestInheritance = 64; // page-tree levels searched for /Resources
constexpr size_t kFontsKept = 256;      // decoded fonts cached at once

// The operands of the operator being read, reusing their strings from one operator to the next.
class Operands {
public:
    void push(ContentToken& token) {
        if (count_ == tokens_.size())
            tokens_.emplace_back();
        ContentToken& slot = tokens_[count_++];
        slot.kind = token.kind;
        if (token.text.empty()) // numbers and brackets, most of a TJ array: nothing to move
            slot.text.clear();
        else
            slot.text.swap(token.text);
    }
    void clear() { count_ = 0; }
    size_t size() const { return count_; }
    const ContentToken& operator[](size_t i) const { return tokens_[i]; }

private:
    std::vector<ContentToken> tokens_;
    size_t count_ = 0;
};

PdfDictionary* dictionary(PdfMemDocument& doc, PdfObject* value) {
    PdfObject* object = resolve(doc, value);
    return object && object->IsDictionary() ? &object->GetDictionary() : nullptr;
}

// resources[category][name], e.g. /Font /F1.
PdfObject* resource(PdfMemDocument& doc, PdfDictionary* resources, const char* category, const std::string& name) {
    PdfDictionary* group = resources ? dictionary(doc, resources->GetKey(category)) : nullptr;
    return group ? resolve(doc, group->GetKey(PdfName(name))) : nullptr;
}

// The operators the skim acts on; every other one only ends its operands.
enum class Op { Other, Operand, SetFont, Show, ShowEach, Save, Restore, Draw, MarkedContent, GraphicsState, InlineImage };

Op op_of(const std::string& word) {
    switch (word.size()) {
    case 1:
        switch (word[0]) {
        case 'q': return Op::Save;
        case 'Q': return Op::Restore;
        case '\'': case '"': return Op::Show;
        default: return Op::Other;
        }
    case 2:
        if (word[0] == 'T')
            return word[1] == 'f' ? Op::SetFont : word[1] == 'j' ? Op::Show : word[1] == 'J' ? Op::ShowEach : Op::Other;
        if (word == "Do")
            return Op::Draw;
        if (word == "DP")
            return Op::MarkedContent;
        if (word == "gs")
            return Op::GraphicsState;
        if (word == "BI" || word == "ID")
            return Op::InlineImage;
        return Op::Other;
    case 3: return word == "BDC" ? Op::MarkedContent : Op::Other;
    case 4: return word == "true" || word == "null" ? Op::Operand : Op::Other;
    case 5: return word == "false" ? Op::Operand : Op::Other;
    default: return Op::Other;
    }
}

bool has_text_value(PdfMemDocument& doc, PdfObject* field) {
    for (int depth = 0; field && field->IsDictionary() && depth < kDeepestInheritance; ++depth) {
        PdfDictionary& d = field->GetDictionary();
        // a text or choice value, or a button's state; a signature's dictionary draws nothing
        if (PdfObject* value = resolve(doc, d.GetKey("V")))
            return ((value->IsString() || value->IsHexString()) && value->GetString().GetLength() > 0) ||
                   value->IsName() || value->IsArray();
        field = resolve(doc, d.GetKey("Parent"));
    }
    return false;
}

} // namespace

struct ShownText::Impl {
    explicit Impl(const std::string& path) : path(path), pdf(path), numbers(pdf.doc(), path) {}

    std::string path;
    pdf::LoadedPdf pdf;
    pdf::PageNumbers numbers;
    std::unordered_map<const PdfObject*, FontText> fonts; // indirect ones, which stay loaded
    std::deque<FontText> direct_fonts; // fonts written inside a page's resources, for that page
    std::vector<const PdfObject*> open_forms; // the forms being shown, against cycles

    PdfMemDocument& doc() { return pdf.doc(); }

    const FontText& font(const PdfObject* object) {
        if (!object->Reference().IsIndirect()) { // freed with its page: never a key
            direct_fonts.push_back(FontText::of(doc(), *object));
            return direct_fonts.back();
        }
        auto found = fonts.find(object);
        if (found == fonts.end())
            found = fonts.emplace(object, FontText::of(doc(), *object)).first;
        return found->second;
    }

    bool show_form(PdfObject* form, PdfDictionary* outer_resources, const FontText* font, int depth, std::string& out);
    bool show_content(std::string_view content, PdfDictionary* resources, const FontText* font, int depth,
                      std::string& out);
    bool show_annotations(PdfObject* page, std::string& out);
};

// One content stream: the text its show operators draw, appended to `out`. The text state's font
// is saved by q and restored by Q, as poppler's graphics state is; a form starts with the font
// of the stream that draws it.
bool ShownText::Impl::show_content(std::string_view content, PdfDictionary* resources, const FontText* font,
                                   int depth, std::string& out) {
    using Kind = ContentToken::Kind;
    ContentLexer lexer(content);
    ContentToken token;
    Operands operands;
    std::vector<const FontText*> saved;
    int nesting = 0; // inside an array or dictionary operand
    while (lexer.next(token)) {
        if (token.kind == Kind::ArrayOpen || token.kind == Kind::DictOpen)
            ++nesting;
        else if ((token.kind == Kind::ArrayClose || token.kind == Kind::DictClose) && nesting > 0)
            --nesting;
        Op op = token.kind == Kind::Word && nesting == 0 ? op_of(token.text) : Op::Operand;
        if (op == Op::Operand) {
            operands.push(token);
            continue;
        }
        auto show = [&](const ContentToken& operand) {
            return operand.kind != Kind::String || (font && font->append(operand.text, out));
        };
        if (op == Op::SetFont) {
            font = nullptr;
            if (operands.size() >= 1 && operands[0].kind == Kind::Name)
                if (PdfObject* f = resource(doc(), resources, "Font", operands[0].text); f && f->IsDictionary())
                    font = &this->font(f);
        } else if (op == Op::Show) {
            if (operands.size() == 0 || !show(operands[operands.size() - 1]))
                return false;
        } else if (op == Op::ShowEach) {
            for (size_t i = 0; i < operands.size(); ++i)
                if (!show(operands[i]))
                    return false;
        } else if (op == Op::Save) {
            saved.push_back(font);
        } else if (op == Op::Restore) {
            if (!saved.empty()) {
                font = saved.back();
                saved.pop_back();
            }
        } else if (op == Op::Draw) {
            if (operands.size() >= 1 && operands[0].kind == Kind::Name)
                if (PdfObject* x = resource(doc(), resources, "XObject", operands[0].text))
                    if (!show_form(x, resources, font, depth + 1, out))
                        return false;
        } else if (op == Op::MarkedContent) {
            // /ActualText replaces the text shown inside the span in poppler's extraction
            for (size_t i = 0; i < operands.size(); ++i)
                if (operands[i].kind == Kind::Name && operands[i].text == "ActualText")
                    return false;
            if (operands.size() == 2 && operands[1].kind == Kind::Name) {
                PdfDictionary* properties = dictionary(doc(), resource(doc(), resources, "Properties", operands[1].text));
                if (properties && properties->HasKey("ActualText"))
                    return false;
            }
        } else if (op == Op::GraphicsState) {
            if (operands.size() >= 1 && operands[0].kind == Kind::Name) {
                PdfDictionary* state = dictionary(doc(), resource(doc(), resources, "ExtGState", operands[0].text));
                if (state && state->HasKey("Font"))
                    return false; // a font set by a graphics state: not followed
            }
        } else if (op == Op::InlineImage) {
            return false; // an inline image's bytes are not tokens; skipping them is not sure
        }
        operands.clear();
    }
    return token.kind != Kind::Bad;
}

// A form XObject drawn by Do or as an appearance: its content with its own resources (or the
// drawing stream's). Images and other XObjects show no text.
bool ShownText::Impl::show_form(PdfObject* form, PdfDictionary* outer_resources, const FontText* font, int depth,
                                std::string& out) {
    if (!form || !form->IsDictionary() || !form->HasStream())
        return true;
    PdfDictionary& dict = form->GetDictionary();
    PdfObject* subtype = resolve(doc(), dict.GetKey("Subtype"));
    if (subtype && subtype->IsName() && subtype->GetName().GetName() != "Form")
        return true;
    if (depth > kDeepestForm)
        return false;
    for (const PdfObject* open : open_forms)
        if (open == form)
            return false; // a cycle: poppler stops somewhere, not modelled
    PdfDictionary* resources = dictionary(doc(), dict.GetKey("Resources"));
    std::string content = pdf::filtered_stream(*form);
    open_forms.push_back(form);
    bool sure = show_content(content, resources ? resources : outer_resources, font, depth, out);
    open_forms.pop_back();
    return sure;
}

// poppler draws the annotations after the page (their normal appearances; a widget without one
// gets an appearance made from its value). Every appearance state is read: it can only add text.
bool ShownText::Impl::show_annotations(PdfObject* page, std::string& out) {
    PdfObject* annots = resolve(doc(), page->GetDictionary().GetKey("Annots"));
    if (!annots || !annots->IsArray())
        return true;
    for (PdfObject& item : annots->GetArray()) {
        PdfObject* annot = resolve(doc(), &item);
        if (!annot || !annot->IsDictionary())
            continue;
        PdfDictionary& a = annot->GetDictionary();
        PdfDictionary* appearances = dictionary(doc(), a.GetKey("AP"));
        PdfObject* normal = appearances ? resolve(doc(), appearances->GetKey("N")) : nullptr;
        if (normal && normal->HasStream()) {
            if (!show_form(normal, nullptr, nullptr, 1, out))
                return false;
        } else if (normal && normal->IsDictionary()) {
            for (const auto& [state, value] : normal->GetDictionary().GetKeys())
                if (!show_form(resolve(doc(), value), nullptr, nullptr, 1, out))
                    return false;
        } else {
            std::string subtype = pdf::text_of(resolve(doc(), a.GetKey("Subtype")));
            if (subtype == "Link" || subtype == "Popup")
                continue;
            if (subtype != "Widget" || has_text_value(doc(), annot))
                return false;
        }
    }
    return true;
}

ShownText::ShownText(const std::string& path) : impl_(std::make_unique<Impl>(path)) {}
ShownText::~ShownText() = default;

int ShownText::page_count() {
    try {
        return static_cast<int>(impl_->numbers.objects().size());
    } catch (const PdfError& error) {
        pdf::rethrow_podofo(error, impl_->path);
    }
}

// The page's own objects (the page, its content streams) are let go once read: PoDoFo keeps
// every object it parsed, which would make the memory grow with the page count.
class ReleasedAfterUse {
public:
    void add(PdfObject* object) {
        if (auto* parsed = dynamic_cast<PdfParserObject*>(object))
            objects_.push_back(parsed);
    }
    ~ReleasedAfterUse() {
        for (PdfParserObject* object : objects_)
            object->FreeObjectMemory(); // read again from the file if asked for later
    }

private:
    std::vector<PdfParserObject*> objects_;
};

std::optional<std::string> ShownText::page(int number) {
    Impl& s = *impl_;
    if (s.fonts.size() >= kFontsKept)
        s.fonts.clear(); // bounded memory on documents with fonts of their own on every page
    s.direct_fonts.clear();
    ReleasedAfterUse release;
    try {
        const std::vector<PdfObject*>& pages = s.numbers.objects();
        if (number < 1 || number > static_cast<int>(pages.size()))
            return std::nullopt;
        PdfObject* page = pages[static_cast<size_t>(number - 1)];
        release.add(page);
        if (!page->IsDictionary())
            return std::nullopt;
        PdfDictionary* resources = nullptr;
        PdfObject* node = page;
        for (int depth = 0; node && node->IsDictionary() && !resources && depth < kDeepestInheritance; ++depth) {
            resources = dictionary(s.doc(), node->GetDictionary().GetKey("Resources"));
            node = resolve(s.doc(), node->GetDictionary().GetKey("Parent"));
        }
        std::string content;
        PdfObject* contents = resolve(s.doc(), page->GetDictionary().GetKey("Contents"));
        if (contents && contents->HasStream()) {
            release.add(contents);
            content = pdf::filtered_stream(*contents);
        } else if (contents && contents->IsArray()) {
            for (PdfObject& part : contents->GetArray()) {
                PdfObject* stream = resolve(s.doc(), &part);
                if (!stream || !stream->HasStream())
                    return std::nullopt;
                release.add(stream);
                content += pdf::filtered_stream(*stream);
                content += '\n'; // the streams are one content, tokens never span two
            }
        } else if (contents && !contents->IsNull()) {
            return std::nullopt;
        }
        std::string text;
        if (!s.show_content(content, resources, nullptr, 0, text) || !s.show_annotations(page, text))
            return std::nullopt;
        return text;
    } catch (const PdfError&) {
        return std::nullopt; // left to poppler, which repairs more
    } catch (const Error&) {
        return std::nullopt; // a damaged page tree (PageNumbers)
    }
}

} // namespace kyso
