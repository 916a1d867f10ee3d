#include "core/pdf/revision_diff.hpp"

#include "core/error.hpp"
#include "core/pdf/pdf_library.hpp"
#include "core/pdf/pdf_objects.hpp"
#include "core/pdf/pdf_tail.hpp"
#include "core/pdf/reference_index.hpp"
#include "core/pdf/xref_check.hpp"

#include <podofo/podofo.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <iterator>
#include <memory>
#include <set>
#include <sstream>
#include <unordered_map>
#include <unordered_set>

namespace kyso {

using namespace PoDoFo;

namespace {

constexpr int kMaxDepth = 64;
// Distinct places recorded per object: pages are walked first, so an object many pages share
// is known as a page resource long before the cap; the cap keeps a shared font linear.
constexpr size_t kMaxUsesPerObject = 8;
const std::string kPathSeparator = " \u203a ";

// The path one key further down: a resource's name is written "/Name" after its kind
// ("Resources › XObject /Fm1"), any other key as a step of its own.
std::string child_path(const std::string& path, const std::string& key) {
    static const std::set<std::string> kinds = {"XObject", "Font",       "Pattern",   "Shading",
                                                "ExtGState", "ColorSpace", "Properties"};
    size_t cut = path.rfind(kPathSeparator);
    std::string last = cut == std::string::npos ? path : path.substr(cut + kPathSeparator.size());
    if (kinds.count(last))
        return path + " /" + key;
    return path.empty() ? key : path + kPathSeparator + key;
}

// Objects with rules of their own (their changed keys are judged): a reference to them from
// elsewhere (an outline's destination page, a signature's /Data catalog) is not a use.
bool judged_by_keys(ObjectRole role) {
    return role == ObjectRole::Catalog || role == ObjectRole::PageTree || role == ObjectRole::Page ||
           role == ObjectRole::PageAnnots || role == ObjectRole::Field || role == ObjectRole::AcroForm;
}

/// Where an object is used, in one revision.
struct Use {
    Use(ObjectRole r = ObjectRole::Unreferenced, int p = 0, std::string f = {}, std::string d = {})
        : role(r), page(p), field(std::move(f)), detail(std::move(d)) {}
    ObjectRole role;
    int page;
    std::string field;
    std::string detail;
};

std::string serialised(const PdfObject& object) {
    std::string text;
    object.ToString(text, ePdfWriteMode_Compact);
    return text;
}

std::string stream_bytes(const PdfObject& object) {
    if (!object.HasStream())
        return {};
    char* buffer = nullptr;
    pdf_long length = 0;
    const_cast<PdfObject&>(object).GetStream()->GetCopy(&buffer, &length);
    std::string bytes(buffer ? buffer : "", buffer ? static_cast<size_t>(length) : 0);
    podofo_free(buffer);
    return bytes;
}

using pdf::text_of;

/// What a model reads of its revision. Without `relevant`, every object reachable from the
/// trailer is walked. With it, the walk goes down only references to the objects listed (those
/// changed and every object that reaches one of them): what it records for those is what the
/// whole walk records, in the same order, since no other object leads to them. Pages it does not
/// go down still count for the numbering: `page_leaf` tells a leaf without PoDoFo reading it.
struct ModelScope {
    const std::unordered_set<unsigned>* relevant = nullptr;
    std::function<bool(const PdfObject& kid)> page_leaf;
    std::unordered_set<const PdfObject*>* read = nullptr; ///< every object the model resolved
};

/// Every object of one revision (or those in its scope), with what uses it and its form fields.
class RevisionModel {
public:
    RevisionModel(PdfMemDocument& doc, ModelScope scope) : doc_(doc), scope_(std::move(scope)) {
        PdfObject* catalog = doc.GetCatalog();
        if (!catalog || !catalog->IsDictionary())
            return;
        name_fields(catalog);
        set(catalog->Reference().ObjectNumber(), {ObjectRole::Catalog});
        PdfDictionary& cat = catalog->GetDictionary();
        // Pages first: a shared object used by a page counts as page content.
        int page_number = 0;
        walk_pages(cat.GetKey("Pages"), page_number, 0);
        walk_annotations();
        walk_form(cat.GetKey("AcroForm"));
        for (const auto& [key, value] : cat.GetKeys()) {
            const std::string name = key.GetName();
            if (name == "Pages" || name == "AcroForm")
                continue;
            ObjectRole role = name == "DSS" ? ObjectRole::Dss : name == "Metadata" ? ObjectRole::Metadata : ObjectRole::Other;
            mark(value, {role, 0, {}, name}, 0, name);
        }
        if (const PdfObject* info = doc.GetTrailer()->GetDictionary().GetKey("Info"))
            mark(info, {ObjectRole::Info}, 0, "Info");
        scope_.relevant = nullptr; // the caller's set: only the walk above needs it
        scope_.page_leaf = nullptr;
    }

    const Use* use(unsigned number) const {
        auto it = uses_.find(number);
        return it == uses_.end() ? nullptr : &it->second;
    }
    /// Every distinct place the revision reaches `number` from (empty when none).
    std::vector<ObjectUse> uses_of(unsigned number) const {
        auto it = all_uses_.find(number);
        return it == all_uses_.end() ? std::vector<ObjectUse>{} : it->second;
    }
    const std::map<std::string, FieldState>& fields() const { return fields_; }

    /// Object numbers of the annotations listed by a page or an /Annots array.
    std::set<unsigned> annotations_of(PdfObject* holder) {
        std::set<unsigned> refs;
        PdfObject* annots = holder;
        if (holder && holder->IsDictionary())
            annots = resolve(holder->GetDictionary().GetKey("Annots"));
        if (annots && annots->IsArray())
            for (const PdfObject& entry : annots->GetArray())
                if (entry.IsReference())
                    refs.insert(entry.GetReference().ObjectNumber());
        return refs;
    }

private:
    PdfObject* resolve(const PdfObject* value) {
        PdfObject* object = pdf::resolve(doc_, const_cast<PdfObject*>(value));
        if (object && scope_.read && value->IsReference())
            scope_.read->insert(object);
        return object;
    }

    // Whether the walk goes down `value` (a reference to an object outside the scope leads to
    // no object the analysis asks about).
    bool follows(const PdfObject* value) const {
        return !scope_.relevant || !value->IsReference() || scope_.relevant->count(value->GetReference().ObjectNumber());
    }

    // The first use of an object is its role; every use is recorded as a place.
    bool set(unsigned number, Use use, const std::string& path = {}) {
        record(number, use, path);
        return uses_.emplace(number, std::move(use)).second;
    }

    // Records `use` as a place of `number`; true when it is a new one (the walk goes on below).
    bool record(unsigned number, const Use& use, const std::string& path) {
        std::vector<ObjectUse>& all = all_uses_[number];
        for (const ObjectUse& known : all)
            if (known.role == use.role && known.field == use.field && (known.page == use.page || use.page == 0))
                return false; // a page's own use says more than the page tree's inherited one
        if (all.size() >= kMaxUsesPerObject)
            return false;
        all.push_back({use.role, use.page, use.field, path});
        return true;
    }

    // Marks every object `value` reaches (not climbing back through /Parent or /P), each with
    // the keys followed to it. An object reached again from another place is walked again, so
    // that what it reaches knows that place too.
    void mark(const PdfObject* value, const Use& use, int depth, const std::string& path = {}) {
        if (!value || depth > kMaxDepth)
            return;
        if (value->IsReference()) {
            if (!follows(value))
                return;
            unsigned number = value->GetReference().ObjectNumber();
            auto first = uses_.find(number);
            if (first != uses_.end() && judged_by_keys(first->second.role))
                return;
            uses_.emplace(number, use);
            if (!record(number, use, path))
                return;
            value = resolve(value);
            if (!value)
                return;
        }
        if (value->IsDictionary()) {
            for (const auto& [key, child] : value->GetDictionary().GetKeys())
                if (key != PdfName("Parent") && key != PdfName("P") && (child->IsReference() || child->IsDictionary() || child->IsArray()))
                    mark(child, use, depth + 1, child_path(path, key.GetName()));
        } else if (value->IsArray()) {
            size_t i = 0;
            for (const PdfObject& child : value->GetArray()) {
                if (child.IsReference() || child.IsDictionary() || child.IsArray())
                    mark(&child, use, depth + 1, path + "[" + std::to_string(i) + "]");
                ++i;
            }
        }
    }

    void walk_pages(const PdfObject* node_ref, int& page_number, int depth) {
        if (node_ref && !follows(node_ref) && depth <= kMaxDepth) {
            // A leaf outside the scope: numbered as the walk below would number it, not read.
            PdfObject* kid = doc_.GetObjects().GetObject(node_ref->GetReference());
            if (kid && scope_.page_leaf && scope_.page_leaf(*kid)) {
                ++page_number;
                if (uses_.emplace(node_ref->GetReference().ObjectNumber(), Use{ObjectRole::Page, page_number}).second)
                    ++distinct_pages_;
                return;
            }
        }
        PdfObject* node = resolve(node_ref);
        if (!node || !node->IsDictionary() || depth > kMaxDepth)
            return;
        PdfDictionary& dict = node->GetDictionary();
        if (text_of(dict.GetKey("Type")) == "Pages" || dict.HasKey("Kids")) {
            if (node_ref && node_ref->IsReference() && !set(node_ref->GetReference().ObjectNumber(), {ObjectRole::PageTree}))
                return;
            PdfObject* kids = resolve(dict.GetKey("Kids"));
            if (const PdfObject* ref = dict.GetKey("Kids"); ref && ref->IsReference())
                set(ref->GetReference().ObjectNumber(), {ObjectRole::PageTree});
            if (kids && kids->IsArray())
                for (const PdfObject& kid : kids->GetArray())
                    walk_pages(&kid, page_number, depth + 1);
            // Inherited entries (/Resources, /MediaBox) are drawn by every page below the node.
            for (const auto& [key, value] : dict.GetKeys())
                if (key != PdfName("Kids") && key != PdfName("Parent"))
                    mark(value, {ObjectRole::PageResource, 0}, 0, "Pages" + kPathSeparator + key.GetName());
            return;
        }
        ++page_number;
        if (node_ref && node_ref->IsReference() && !set(node_ref->GetReference().ObjectNumber(), {ObjectRole::Page, page_number}))
            return;
        pages_.push_back({node, ++distinct_pages_});
        mark(dict.GetKey("Contents"), {ObjectRole::PageContent, page_number}, 0, "Contents");
        if (const PdfObject* annots = dict.GetKey("Annots"); annots && annots->IsReference())
            set(annots->GetReference().ObjectNumber(), {ObjectRole::PageAnnots, page_number});
        for (const auto& [key, value] : dict.GetKeys())
            if (key != PdfName("Contents") && key != PdfName("Annots") && key != PdfName("Parent"))
                mark(value, {ObjectRole::PageResource, page_number}, 0, key.GetName());
    }

    void walk_annotations() {
        for (const auto& [page_object, page] : pages_) {
            const PdfObject* annots_value = page_object->GetDictionary().GetKey("Annots");
            if (annots_value && !follows(annots_value))
                continue;
            PdfObject* annots = resolve(annots_value);
            if (!annots || !annots->IsArray())
                continue;
            for (const PdfObject& entry : annots->GetArray()) {
                if (!follows(&entry))
                    continue;
                PdfObject* annot = resolve(&entry);
                if (!entry.IsReference() || !annot || !annot->IsDictionary())
                    continue;
                unsigned number = entry.GetReference().ObjectNumber();
                auto named = field_of_.find(number);
                if (named != field_of_.end())
                    mark_field(&entry, named->second, page);
                else
                    mark(&entry, {ObjectRole::Annotation, page, {}, text_of(annot->GetDictionary().GetKey("Subtype"))}, 0,
                         "Annots");
            }
        }
    }

    // A field or widget: its appearance and signature value get roles of their own.
    void mark_field(const PdfObject* ref, const std::string& name, int page) {
        if (!follows(ref) || !set(ref->GetReference().ObjectNumber(), {ObjectRole::Field, page, name}))
            return;
        PdfObject* field = resolve(ref);
        if (!field || !field->IsDictionary())
            return;
        for (const auto& [key, value] : field->GetDictionary().GetKeys()) {
            if (key == PdfName("Parent") || key == PdfName("P") || key == PdfName("Kids"))
                continue;
            ObjectRole role = key == PdfName("AP") ? ObjectRole::FieldAppearance
                              : key == PdfName("V") && fields_[name].type == "Sig" ? ObjectRole::SignatureValue
                                                                                   : ObjectRole::Field;
            mark(value, {role, page, name}, 0, key.GetName());
        }
    }

    void walk_form(const PdfObject* form_ref) {
        if (form_ref && !follows(form_ref))
            return;
        PdfObject* form = resolve(form_ref);
        if (!form || !form->IsDictionary())
            return;
        if (form_ref->IsReference())
            set(form_ref->GetReference().ObjectNumber(), {ObjectRole::AcroForm});
        for (const auto& [key, value] : form->GetDictionary().GetKeys()) {
            if (key == PdfName("Fields")) {
                if (!follows(value))
                    continue;
                if (value->IsReference())
                    set(value->GetReference().ObjectNumber(), {ObjectRole::AcroForm});
                walk_fields(resolve(value), 0);
            } else {
                mark(value, {key == PdfName("DR") ? ObjectRole::FormResource : ObjectRole::Other, 0, {},
                              "AcroForm/" + key.GetName()},
                     0, "AcroForm" + kPathSeparator + key.GetName());
            }
        }
    }

    void walk_fields(const PdfObject* fields, int depth) {
        if (!fields || !fields->IsArray() || depth > kMaxDepth)
            return;
        for (const PdfObject& entry : fields->GetArray()) {
            auto named = entry.IsReference() ? field_of_.find(entry.GetReference().ObjectNumber()) : field_of_.end();
            if (named == field_of_.end() || !follows(&entry))
                continue;
            mark_field(&entry, named->second, 0);
            if (PdfObject* field = resolve(&entry); field && field->IsDictionary())
                walk_fields(resolve(field->GetDictionary().GetKey("Kids")), depth + 1);
        }
    }

    // Names every field and widget reachable from /AcroForm /Fields ("parent.child"), with its
    // inherited type, value and rectangle.
    void name_fields(PdfObject* catalog) {
        PdfObject* form = resolve(catalog->GetDictionary().GetKey("AcroForm"));
        if (form && form->IsDictionary())
            name_kids(resolve(form->GetDictionary().GetKey("Fields")), "", "", 0);
    }

    void name_kids(PdfObject* kids, const std::string& parent, const std::string& parent_type, int depth) {
        if (!kids || !kids->IsArray() || depth > kMaxDepth)
            return;
        for (const PdfObject& entry : kids->GetArray()) {
            PdfObject* field = resolve(&entry);
            if (!entry.IsReference() || !field || !field->IsDictionary() ||
                field_of_.count(entry.GetReference().ObjectNumber()))
                continue;
            PdfDictionary& dict = field->GetDictionary();
            std::string name = parent;
            if (const PdfObject* t = dict.GetKey("T"); t && (t->IsString() || t->IsHexString()))
                name = parent.empty() ? text_of(t) : parent + "." + text_of(t);
            std::string type = dict.HasKey("FT") ? text_of(dict.GetKey("FT")) : parent_type;
            field_of_[entry.GetReference().ObjectNumber()] = name;
            FieldState& state = fields_[name];
            state.type = type;
            state.has_value = state.has_value || dict.HasKey("V");
            if (const PdfObject* rect = dict.GetKey("Rect"); rect && state.rect.empty())
                state.rect = serialised(*rect);
            name_kids(resolve(dict.GetKey("Kids")), name, type, depth + 1);
        }
    }

    PdfMemDocument& doc_;
    ModelScope scope_;
    std::map<unsigned, Use> uses_;
    std::map<unsigned, std::vector<ObjectUse>> all_uses_;
    std::map<unsigned, std::string> field_of_;
    std::map<std::string, FieldState> fields_;
    std::vector<std::pair<PdfObject*, int>> pages_; // the pages walked, each with its place among distinct pages
    int distinct_pages_ = 0;
};

// A read-only stream over bytes already in memory. PdfMemDocument::LoadFromBuffer copies its
// buffer: one full copy of the file per revision parsed (two alive at a time, 120 MB more for a
// 60 MB file); objects are loaded on demand from here instead.
class MemoryBuffer : public std::streambuf {
public:
    MemoryBuffer(const char* data, size_t size) {
        char* begin = const_cast<char*>(data); // only ever read
        setg(begin, begin, begin + size);
    }

protected:
    pos_type seekoff(off_type offset, std::ios_base::seekdir dir, std::ios_base::openmode) override {
        off_type base = dir == std::ios_base::beg ? 0 : dir == std::ios_base::cur ? gptr() - eback() : egptr() - eback();
        off_type target = base + offset;
        if (target < 0 || target > egptr() - eback())
            return pos_type(off_type(-1));
        setg(eback(), eback() + target, egptr());
        return pos_type(target);
    }
    pos_type seekpos(pos_type position, std::ios_base::openmode which) override {
        return seekoff(off_type(position), std::ios_base::beg, which);
    }
};

/// One revision parsed from the file's prefix. Objects and streams are read from `bytes` on
/// demand, so the buffer and stream outlive the document (declared first). Its model is built
/// before any of its streams is read: PoDoFo rewrites an indirect /Length as a number when it
/// reads the stream, and the model must see the reference the file holds.
struct ParsedRevision {
    std::unique_ptr<MemoryBuffer> buffer;
    std::unique_ptr<std::istream> stream;
    std::unique_ptr<PdfMemDocument> doc;
    std::unique_ptr<RevisionModel> model;
    unsigned invented_info = 0; ///< the /Info PoDoFo made up on load (0: none)
    std::string problem;        ///< why it cannot be read (then there is no document or no model)
    bool usable() const { return doc && model; }
};

unsigned invented_info(PdfMemDocument& doc);

ParsedRevision parse_prefix(const std::string& bytes, size_t end) {
    ParsedRevision parsed;
    // A table pointing outside the revision is damage PoDoFo would take very long to find.
    try {
        check_xref_tables(std::string_view(bytes.data(), end), "");
    } catch (const Error&) {
        throw PdfError(ePdfError_InvalidXRef, __FILE__, __LINE__, "an in-use entry points outside the revision");
    }
    parsed.buffer = std::make_unique<MemoryBuffer>(bytes.data(), end);
    parsed.stream = std::make_unique<std::istream>(parsed.buffer.get());
    parsed.doc = std::make_unique<PdfMemDocument>();
    // The device does not own the stream; the counted device owns the device.
    parsed.doc->LoadFromDevice(PdfRefCountedInputDevice(new PdfInputDevice(parsed.stream.get())));
    parsed.invented_info = invented_info(*parsed.doc);
    return parsed;
}

// The same definition in both revisions: both read from the same offset of the bytes the two
// revisions share, so they are equal without being compared — and a large image stream is
// never loaded. Not for a stream whose /Length is a reference: that object may have been
// redefined, and the stream would then read differently.
bool same_definition(PdfObject* before, PdfObject* after) {
    auto* a = dynamic_cast<PdfParserObject*>(before);
    auto* b = dynamic_cast<PdfParserObject*>(after);
    if (!a || !b || a->GetOffset() < 0 || a->GetOffset() != b->GetOffset())
        return false;
    const PdfObject* length = b->IsDictionary() ? b->GetDictionary().GetKey("Length") : nullptr;
    return !(length && length->IsReference());
}

bool structural(const PdfObject& object) {
    if (!object.IsDictionary())
        return false;
    std::string type = text_of(object.GetDictionary().GetKey("Type"));
    return type == "XRef" || type == "ObjStm";
}

std::vector<std::string> changed_keys(const PdfObject& before, const PdfObject& after) {
    std::vector<std::string> keys;
    if (!before.IsDictionary() || !after.IsDictionary())
        return keys;
    std::set<PdfName> all;
    for (const auto& entry : before.GetDictionary().GetKeys())
        all.insert(entry.first);
    for (const auto& entry : after.GetDictionary().GetKeys())
        all.insert(entry.first);
    for (const PdfName& key : all) {
        const PdfObject* a = before.GetDictionary().GetKey(key);
        const PdfObject* b = after.GetDictionary().GetKey(key);
        if (a && b && serialised(*a) == serialised(*b))
            continue;
        if (a && b && a->IsDictionary() && b->IsDictionary()) {
            for (const std::string& sub : changed_keys(*a, *b))
                keys.push_back(key.GetName() + "/" + sub);
        } else {
            keys.push_back(key.GetName());
        }
    }
    return keys;
}

// The classic cross-reference table at `offset`: object number -> offset of in-use entries.
// Empty (and `ok` false) when there is no table there (a cross-reference stream).
std::map<unsigned, size_t> xref_table(const std::string& bytes, size_t offset, bool& ok) {
    std::map<unsigned, size_t> entries;
    ok = bytes.compare(offset, 4, "xref") == 0;
    if (!ok)
        return entries;
    std::istringstream in(bytes.substr(offset + 4, std::min<size_t>(bytes.size() - offset - 4, 20 * 1000000)));
    std::string token;
    while (in >> token && token != "trailer") {
        unsigned first = static_cast<unsigned>(std::strtoul(token.c_str(), nullptr, 10));
        size_t count = 0;
        if (!(in >> count))
            break;
        for (size_t i = 0; i < count; ++i) {
            std::string at, generation, used;
            if (!(in >> at >> generation >> used))
                return entries;
            if (used == "n")
                entries[first + static_cast<unsigned>(i)] = std::strtoull(at.c_str(), nullptr, 10);
        }
    }
    return entries;
}

// "N G obj" headers in [start, end) that the revision's own xref table does not point at: a
// second definition that only a reader rebuilding the xref from the bytes would use. A section
// without a startxref of its own, or whose startxref names an earlier section, has no table of
// its own: every header in it is stray.
std::vector<unsigned> stray_definitions(const std::string& bytes, size_t start, size_t end) {
    std::vector<unsigned> stray;
    size_t keyword = bytes.rfind("startxref", end);
    size_t xref_at = keyword == std::string::npos || keyword < start
                         ? 0
                         : std::strtoull(bytes.c_str() + keyword + 9, nullptr, 10);
    bool own = xref_at >= start && xref_at < bytes.size();
    bool classic = false;
    std::map<unsigned, size_t> xref = own ? xref_table(bytes, xref_at, classic) : xref;
    if (own && !classic)
        return stray; // cross-reference streams: not checked here
    size_t p = start;
    while (p < end) {
        bool line_start = p == 0 || bytes[p - 1] == '\n' || bytes[p - 1] == '\r';
        if (!line_start || !std::isdigit(static_cast<unsigned char>(bytes[p]))) {
            ++p;
            continue;
        }
        char* after = nullptr;
        unsigned long number = std::strtoul(bytes.c_str() + p, &after, 10);
        size_t q = static_cast<size_t>(after - bytes.c_str());
        bool header = q < end && bytes[q] == ' ';
        if (header) {
            std::strtoul(bytes.c_str() + q, &after, 10);
            size_t r = static_cast<size_t>(after - bytes.c_str());
            header = r > q + 1 && bytes.compare(r, 4, " obj") == 0;
        }
        if (!header) {
            ++p;
            continue;
        }
        auto entry = xref.find(static_cast<unsigned>(number));
        bool used = entry != xref.end() && entry->second <= p &&
                    bytes.find_first_not_of(" \t\r\n", entry->second) == p;
        if (!used)
            stray.push_back(static_cast<unsigned>(number));
        size_t close = bytes.find("endobj", p);
        p = close == std::string::npos ? end : close + 6;
    }
    return stray;
}

// PoDoFo gives a revision without /Info one of its own on load, numbered with the first free
// number — a freed object's or the next new one. It is not in the file: compared, it would
// turn a freed object into a "changed" one and a new object into a change of /Info.
unsigned invented_info(PdfMemDocument& doc) {
    const PdfObject* info = doc.GetTrailer()->GetDictionary().GetKey("Info");
    if (!info || !info->IsReference())
        return 0;
    PdfObject* object = doc.GetObjects().GetObject(info->GetReference());
    if (!object || dynamic_cast<PdfParserObject*>(object) || !object->IsDictionary())
        return 0;
    std::string producer = text_of(object->GetDictionary().GetKey("Producer"));
    return producer.find("PoDoFo") != std::string::npos ? info->GetReference().ObjectNumber() : 0;
}

bool same_offset(const PdfObject& before, const PdfObject& after) {
    auto* a = dynamic_cast<const PdfParserObject*>(&before);
    auto* b = dynamic_cast<const PdfParserObject*>(&after);
    return a && b && a->GetOffset() >= 0 && a->GetOffset() == b->GetOffset();
}

/// The objects two revisions are compared by, and those their models must walk to.
struct Plan {
    bool everything = false;
    std::set<unsigned> compared;           ///< numbers whose object may differ
    std::unordered_set<unsigned> relevant; ///< those and every object that reaches one of them
};

/// The whole analysis of one file: its bytes, the references between its objects (built as the
/// revisions are parsed, only when the analysis reads changed objects alone), what was read.
struct Analysis {
    const std::string& bytes;
    DiffScope scope;
    pdf::ReferenceIndex index;
    std::unordered_set<const PdfObject*> read;
};

// An object read from the same offset in both revisions is the same bytes, hence the same
// object (same_definition), unless it is a stream whose /Length names an object that changed.
// Everything else is compared; the models walk only to those objects and what reaches them.
Plan plan_comparison(ParsedRevision& before, ParsedRevision& after, Analysis& analysis) {
    Plan plan;
    if (analysis.scope == DiffScope::Everything) {
        plan.everything = true;
        return plan;
    }
    std::unordered_map<unsigned, PdfObject*> unmatched;
    for (PdfObject* object : before.doc->GetObjects())
        if (object->Reference().ObjectNumber() != before.invented_info || before.invented_info == 0)
            unmatched.emplace(object->Reference().ObjectNumber(), object);
    for (PdfObject* object : after.doc->GetObjects()) {
        unsigned number = object->Reference().ObjectNumber();
        if (after.invented_info != 0 && number == after.invented_info)
            continue;
        auto old = unmatched.find(number);
        if (old == unmatched.end() || !same_offset(*old->second, *object))
            plan.compared.insert(number);
        if (old != unmatched.end())
            unmatched.erase(old);
    }
    for (const auto& [number, object] : unmatched)
        plan.compared.insert(number); // freed
    std::vector<unsigned> changed(plan.compared.begin(), plan.compared.end());
    for (unsigned number : changed)
        for (unsigned stream : analysis.index.lengths_from(number))
            plan.compared.insert(stream);
    // A dictionary's own /Parent is walked only from the catalog and the form.
    std::set<unsigned> parent_followed;
    for (PdfMemDocument* doc : {before.doc.get(), after.doc.get()}) {
        PdfObject* catalog = doc->GetCatalog();
        if (!catalog)
            continue;
        parent_followed.insert(catalog->Reference().ObjectNumber());
        if (catalog->IsDictionary())
            if (const PdfObject* form = catalog->GetDictionary().GetKey("AcroForm"); form && form->IsReference())
                parent_followed.insert(form->GetReference().ObjectNumber());
    }
    plan.relevant = analysis.index.reaching(plan.compared, parent_followed);
    return plan;
}

// Objects outside plan.compared are equal (plan_comparison); the others are compared as
// every object once was.
RevisionDiff compare(ParsedRevision& before, ParsedRevision& after, const Plan& plan, Analysis& analysis) {
    RevisionDiff diff;
    diff.fields_before = before.model->fields();
    diff.fields_after = after.model->fields();
    auto compared = [&plan](const PdfObject* object) {
        return plan.everything || plan.compared.count(object->Reference().ObjectNumber()) > 0;
    };
    std::map<unsigned, PdfObject*> old_objects;
    const unsigned invented_before = before.invented_info, invented_after = after.invented_info;
    for (PdfObject* object : before.doc->GetObjects()) {
        if (!compared(object))
            continue;
        analysis.read.insert(object);
        if (!structural(*object) && (invented_before == 0 || object->Reference().ObjectNumber() != invented_before))
            old_objects[object->Reference().ObjectNumber()] = object;
    }
    for (PdfObject* object : after.doc->GetObjects()) {
        if (!compared(object))
            continue;
        analysis.read.insert(object);
        if (structural(*object))
            continue;
        unsigned number = object->Reference().ObjectNumber();
        if (invented_after != 0 && number == invented_after)
            continue;
        ObjectChange change;
        change.number = number;
        if (const Use* use = after.model->use(number)) {
            change.role = use->role;
            change.page = use->page;
            change.field = use->field;
            change.detail = use->detail;
        }
        auto old = old_objects.find(number);
        if (old == old_objects.end()) {
            change.kind = ChangeKind::Added;
        } else {
            PdfObject* previous = old->second;
            old_objects.erase(old);
            if (same_definition(previous, object))
                continue;
            // Streams first: loading one may rewrite its dictionary's /Length (indirect -> direct).
            change.stream_changed = stream_bytes(*previous) != stream_bytes(*object);
            bool same_dict = serialised(*previous) == serialised(*object);
            if (same_dict && !change.stream_changed)
                continue;
            change.kind = ChangeKind::Changed;
            change.changed_keys = changed_keys(*previous, *object);
            change.old_uses = before.model->uses_of(number);
            if (const Use* use = before.model->use(number)) {
                change.old_role = use->role;
                change.old_field = use->field;
            }
            if (change.role == ObjectRole::Page || change.role == ObjectRole::PageAnnots) {
                std::set<unsigned> was = before.model->annotations_of(previous);
                std::set<unsigned> now = after.model->annotations_of(object);
                for (unsigned ref : was)
                    change.annotations_removed += !now.count(ref);
            }
        }
        diff.objects.push_back(std::move(change));
    }
    for (const auto& [number, previous] : old_objects) {
        ObjectChange change;
        change.number = number;
        change.kind = ChangeKind::Removed;
        if (const Use* use = before.model->use(number)) {
            change.old_role = use->role;
            change.page = use->page;
            change.old_field = use->field;
        }
        change.old_uses = before.model->uses_of(number);
        diff.objects.push_back(std::move(change));
    }
    // A trailer pointing at another catalog (one prepared before signing, say) changes no
    // object at all, yet the whole document reads differently.
    for (const char* key : {"Root", "Encrypt"}) {
        const PdfObject* was = before.doc->GetTrailer()->GetDictionary().GetKey(key);
        const PdfObject* now = after.doc->GetTrailer()->GetDictionary().GetKey(key);
        if ((was == nullptr) != (now == nullptr) || (was && serialised(*was) != serialised(*now)))
            diff.trailer_changes.push_back(key);
    }
    return diff;
}

std::string podofo_reason(const PdfError& error) {
    return std::string("PoDoFo: ") + PdfError::ErrorName(error.GetError());
}

} // namespace

RevisionHistory diff_revisions(const std::string& path, int first_revision, DiffScope scope) {
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw Error(ErrorCode::InputUnreadable, "Không đọc được tệp \"" + path + "\".", "Cannot read \"" + path + "\".");
    // One read of the known size: growing a string char by char cost more than all the parsing.
    in.seekg(0, std::ios::end);
    std::string bytes(static_cast<size_t>(std::max<std::streamoff>(in.tellg(), 0)), '\0');
    in.seekg(0);
    in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    bytes.resize(static_cast<size_t>(in.gcount()));
    RevisionHistory history;
    history.revision_ends = revision_ends(path);
    const std::vector<size_t>& ends = history.revision_ends;
    size_t last_end = ends.empty() ? 0 : ends.back();
    if (bytes.find_first_not_of(" \t\r\n\f", last_end) != std::string::npos)
        history.trailing_bytes = bytes.size() - last_end;
    if (first_revision < 1 || static_cast<size_t>(first_revision) >= ends.size())
        return history;

    pdf::quiet_pdf_library();
    Analysis analysis{bytes, scope, {}, {}};
    auto parse = [&](size_t k) {
        ParsedRevision parsed;
        try {
            parsed = parse_prefix(bytes, ends[k]);
            if (scope == DiffScope::TouchedObjects)
                analysis.index.add_document(*parsed.doc, bytes);
        } catch (const PdfError& error) {
            parsed.doc.reset();
            parsed.problem = podofo_reason(error);
        }
        return parsed;
    };
    // Plans of the diffs ending at k and k + 1: what the model of revision k must walk to.
    auto plan_for = [&](ParsedRevision& before, ParsedRevision& after, std::string& problem) {
        Plan plan;
        if (before.doc && after.doc) {
            try {
                plan = plan_comparison(before, after, analysis);
            } catch (const PdfError& error) {
                problem = podofo_reason(error);
            }
        }
        return plan;
    };
    auto build_model = [&](ParsedRevision& revision, const Plan& one, const Plan* other) {
        if (!revision.doc)
            return;
        ModelScope model_scope;
        model_scope.read = &analysis.read;
        std::unordered_set<unsigned> relevant = one.relevant;
        if (other)
            relevant.insert(other->relevant.begin(), other->relevant.end());
        if (scope == DiffScope::TouchedObjects) {
            model_scope.relevant = &relevant;
            model_scope.page_leaf = [&analysis](const PdfObject& kid) {
                return analysis.index.certainly_page_leaf(kid, analysis.bytes);
            };
        }
        try {
            revision.model = std::make_unique<RevisionModel>(*revision.doc, model_scope);
        } catch (const PdfError& error) {
            revision.model.reset();
            revision.problem = podofo_reason(error);
        }
    };

    // Every revision's model is built before either comparison it takes part in reads a stream.
    size_t k = static_cast<size_t>(first_revision);
    ParsedRevision previous = parse(k - 1);
    ParsedRevision current = parse(k);
    std::string plan_problem;
    Plan plan = plan_for(previous, current, plan_problem);
    build_model(previous, plan, nullptr);
    std::string previous_problem = previous.problem;
    for (; k < ends.size(); ++k) {
        ParsedRevision next;
        std::string next_plan_problem;
        Plan next_plan;
        if (k + 1 < ends.size()) {
            next = parse(k + 1);
            next_plan = plan_for(current, next, next_plan_problem);
        }
        build_model(current, plan, k + 1 < ends.size() ? &next_plan : nullptr);

        RevisionDiff diff;
        try {
            if (!current.usable()) {
                diff.readable = false;
                diff.unreadable_reason = current.problem;
                previous_problem = current.problem;
            } else if (!previous.usable()) {
                diff.readable = false;
                diff.unreadable_reason = "the revision before it cannot be read (" + previous_problem + ")";
            } else if (!plan_problem.empty()) {
                diff.readable = false;
                diff.unreadable_reason = plan_problem;
                previous_problem = plan_problem;
            } else {
                diff = compare(previous, current, plan, analysis);
            }
        } catch (const PdfError& error) {
            diff.readable = false;
            diff.unreadable_reason = podofo_reason(error);
            previous_problem = diff.unreadable_reason;
        }
        diff.revision = static_cast<int>(k) + 1;
        diff.start = ends[k - 1];
        diff.end = ends[k];
        diff.stray_definitions = stray_definitions(bytes, diff.start, diff.end);
        history.diffs.push_back(std::move(diff));
        previous = std::move(current);
        current = std::move(next);
        plan = std::move(next_plan);
        plan_problem = std::move(next_plan_problem);
    }
    history.objects_read = analysis.read.size() + analysis.index.read_by_podofo();
    return history;
}

} // namespace kyso
