#include "core/pdf/pdf_objects.hpp"

#include "core/error.hpp"

#include <algorithm>

namespace kyso::pdf {

using namespace PoDoFo;

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

PdfPage& page_at(PdfMemDocument& doc, int number, const std::string& path) {
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

int PageNumbers::of(const PdfReference& page) {
    if (!pages_) {
        std::vector<PdfReference> pages;
        for (int number = 1; number <= doc_.GetPageCount(); ++number)
            pages.push_back(page_at(doc_, number, path_).GetObject()->Reference());
        pages_ = std::move(pages);
    }
    auto found = std::find(pages_->begin(), pages_->end(), page);
    return found == pages_->end() ? 0 : static_cast<int>(found - pages_->begin()) + 1;
}

} // namespace kyso::pdf
