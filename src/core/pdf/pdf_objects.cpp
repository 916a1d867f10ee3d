#include "core/pdf/pdf_objects.hpp"

#include "core/error.hpp"
#include "core/pdf/object_skim.hpp"

#include <algorithm>
#include <atomic>
#include <fstream>

namespace kyso::pdf {

using namespace PoDoFo;

namespace {
std::atomic<unsigned long long> pages_visited_total{0};
std::atomic<unsigned long long> pages_parsed_total{0};
} // namespace

PdfObject* resolve(PdfMemDocument& doc, PdfObject* value) {
    if (value && value->IsReference())
        return doc.GetObjects().GetObject(value->GetReference());
    return value;
}

double number_of(const PdfObject& value) {
    if (value.IsNumber())
        return static_cast<double>(value.GetNumber());
    return value.IsReal() ? value.GetReal() : 0.0;
}

std::string text_of(const PdfObject* value) {
    if (!value)
        return {};
    if (value->IsName())
        return value->GetName().GetName();
    if (value->IsString() || value->IsHexString())
        return value->GetString().GetStringUtf8();
    return {};
}

std::string filtered_stream(PdfObject& object) {
    if (!object.HasStream())
        return {};
    char* buffer = nullptr;
    pdf_long length = 0;
    object.GetStream()->GetFilteredCopy(&buffer, &length);
    std::string bytes(buffer ? buffer : "", buffer ? static_cast<size_t>(length) : 0);
    podofo_free(buffer);
    return bytes;
}

PdfPage& page_at(PdfMemDocument& doc, int number, const std::string& path) {
    pages_visited_total += static_cast<unsigned>(std::max(number, 0)); // GetPage walks the /Kids before it
    // Found by fuzz/ (fuzz/regressions/null-page-broken-kids.pdf): was a SIGSEGV.
    PdfPage* page = doc.GetPage(number - 1);
    if (!page || !page->GetObject())
        throw Error(ErrorCode::InputNotPdf,
                    "Không đọc được trang " + std::to_string(number) + " của tệp \"" + path +
                        "\": cây trang bị hỏng. Hãy xuất lại PDF từ văn bản gốc.",
                    "Cannot read page " + std::to_string(number) + " of \"" + path +
                        "\": the page tree is damaged. Export the PDF again from the source document.");
    return *page;
}

namespace {

constexpr int kMaxPageTreeDepth = 256;

unsigned long long key_of(const PdfReference& ref) {
    return static_cast<unsigned long long>(ref.ObjectNumber()) << 16 | ref.GenerationNumber();
}

std::string type_of(const PdfObject* node) {
    return node->GetIndirectKeyAsName(PdfName("Type")).GetName();
}

// /Count as PoDoFo reads it (GetChildCount): a number, else 0.
long long count_of(const PdfObject* node) {
    const PdfObject* count = node->GetIndirectKey("Count");
    return count && count->IsNumber() ? count->GetNumber() : 0;
}

} // namespace

// The file's bytes around an offset, read in blocks: skimming the page objects one after the
// other reads the file a block at a time, not a page at a time.
class PageNumbers::FileWindow {
public:
    explicit FileWindow(const std::string& path) : file_(path, std::ios::binary) {}

    /// The bytes from `offset` to the end of the block holding it (empty when unreadable).
    std::string_view from(size_t offset) {
        constexpr size_t kBlock = 64 * 1024, kSlack = 4096;
        bool inside = offset >= start_ && offset < start_ + block_.size();
        if (!inside || (start_ + block_.size() - offset < kSlack && !at_end_)) {
            block_.assign(kBlock, '\0');
            file_.clear();
            file_.seekg(static_cast<std::streamoff>(offset));
            file_.read(block_.data(), static_cast<std::streamsize>(kBlock));
            block_.resize(static_cast<size_t>(std::max<std::streamsize>(file_.gcount(), 0)));
            at_end_ = block_.size() < kBlock;
            start_ = offset;
        }
        if (offset < start_ || offset >= start_ + block_.size())
            return {};
        return std::string_view(block_).substr(offset - start_);
    }

private:
    std::ifstream file_;
    std::string block_;
    size_t start_ = 0;
    bool at_end_ = false;
};

namespace {

// A kid that is a /Page for sure, told from the file's bytes: an object PoDoFo has not changed,
// whose skimmed dictionary has /Type /Page and nothing that could make PoDoFo read it otherwise.
// A value cut by the window's end is not reliable, and is then read by PoDoFo.
bool certainly_a_page(PdfObject* child, PageNumbers::FileWindow* window) {
    auto* parsed = dynamic_cast<PdfParserObject*>(child);
    if (!window || !parsed || parsed->GetOffset() < 0 || parsed->IsDirty())
        return false;
    SkimmedObject skimmed = skim_object(window->from(static_cast<size_t>(parsed->GetOffset())), 0);
    return skimmed.reliable && skimmed.dictionary && !skimmed.escaped_names && skimmed.type_is_name &&
           skimmed.type == "Page";
}

// Appends the pages below `node` in order. False when PoDoFo's count-driven GetPage(i) could
// number this subtree differently: a /Count that is not its number of leaves, a cycle, a kid
// that is not a reference to a /Page or /Pages dictionary, or a tree deeper than any real one.
bool walk_page_tree(PdfMemDocument& doc, PdfObject* node, int depth, std::vector<PdfObject*>& ancestors,
                    PageNumbers::FileWindow* window, std::vector<PdfObject*>& out) {
    if (depth > kMaxPageTreeDepth || !node->IsDictionary() || !node->GetDictionary().HasKey("Kids"))
        return false;
    const PdfObject* kids = node->GetIndirectKey("Kids");
    if (!kids || !kids->IsArray())
        return false;
    size_t before = out.size();
    ancestors.push_back(node);
    for (const PdfObject& kid : kids->GetArray()) {
        PdfObject* child = kid.IsReference() ? doc.GetObjects().GetObject(kid.GetReference()) : nullptr;
        if (!child)
            return false;
        if (certainly_a_page(child, window)) {
            out.push_back(child);
            continue;
        }
        ++pages_parsed_total;
        std::string type = type_of(child);
        if (type == "Pages") {
            if (std::find(ancestors.begin(), ancestors.end(), child) != ancestors.end() ||
                !walk_page_tree(doc, child, depth + 1, ancestors, window, out))
                return false;
        } else if (type == "Page") {
            out.push_back(child);
        } else {
            return false;
        }
    }
    ancestors.pop_back();
    return static_cast<long long>(out.size() - before) == count_of(node);
}

} // namespace

void PageNumbers::load() {
    int count = doc_.GetPageCount();
    std::vector<PdfObject*> pages;
    std::vector<PdfObject*> ancestors;
    PdfObject* root = count > 0 && doc_.GetPagesTree() ? doc_.GetPagesTree()->GetObject() : nullptr;
    FileWindow window(path_);
    if (root && walk_page_tree(doc_, root, 0, ancestors, &window, pages)) {
        pages_visited_total += pages.size();
    } else {
        pages.clear();
        for (int number = 1; number <= count; ++number)
            pages.push_back(page_at(doc_, number, path_).GetObject());
        pages_parsed_total += pages.size();
    }
    for (size_t i = 0; i < pages.size(); ++i)
        numbers_.emplace(key_of(pages[i]->Reference()), static_cast<int>(i) + 1); // a page listed twice is its first
    pages_ = std::move(pages);
}

const std::vector<PdfObject*>& PageNumbers::objects() {
    if (!pages_)
        load();
    return *pages_;
}

int PageNumbers::of(const PdfReference& page) {
    if (!pages_)
        load();
    auto found = numbers_.find(key_of(page));
    return found == numbers_.end() ? 0 : found->second;
}

unsigned long long PageNumbers::pages_visited() { return pages_visited_total; }
unsigned long long PageNumbers::pages_parsed() { return pages_parsed_total; }

} // namespace kyso::pdf
