#include "uno/writer_export.hpp"

#include "core/error.hpp"
#include "uno/documents.hpp"

#include <com/sun/star/beans/PropertyValue.hpp>
#include <com/sun/star/container/XEnumeration.hpp>
#include <com/sun/star/container/XEnumerationAccess.hpp>
#include <com/sun/star/container/XIndexAccess.hpp>
#include <com/sun/star/container/XNamed.hpp>
#include <com/sun/star/frame/XController.hpp>
#include <com/sun/star/frame/XStorable.hpp>
#include <com/sun/star/lang/XMultiServiceFactory.hpp>
#include <com/sun/star/lang/XServiceInfo.hpp>
#include <com/sun/star/text/XBookmarksSupplier.hpp>
#include <com/sun/star/text/XText.hpp>
#include <com/sun/star/text/XTextContent.hpp>
#include <com/sun/star/text/XTextCursor.hpp>
#include <com/sun/star/text/XTextDocument.hpp>
#include <com/sun/star/text/XTextRange.hpp>
#include <com/sun/star/text/XTextTable.hpp>
#include <com/sun/star/view/XSelectionSupplier.hpp>

namespace kyso::lo {
namespace {

using namespace css::uno;
using css::text::XTextRange;

css::beans::PropertyValue prop(const char* name, Any value) {
    css::beans::PropertyValue p;
    p.Name = OUString::createFromAscii(name);
    p.Value = std::move(value);
    return p;
}

// Paragraphs of a text in reading order, descending into table cells (Decree 30 headers and
// signer blocks are two-column tables).
void collect_paragraphs(const Reference<css::text::XText>& text, std::vector<Reference<XTextRange>>& out) {
    Reference<css::container::XEnumerationAccess> access(text, UNO_QUERY);
    if (!access.is())
        return;
    Reference<css::container::XEnumeration> items = access->createEnumeration();
    while (items->hasMoreElements()) {
        Any item = items->nextElement();
        if (Reference<css::text::XTextTable> table{item, UNO_QUERY}; table.is()) {
            for (const OUString& cell : table->getCellNames())
                collect_paragraphs(Reference<css::text::XText>(table->getCellByName(cell), UNO_QUERY), out);
        } else if (Reference<XTextRange> paragraph{item, UNO_QUERY}; paragraph.is()) {
            out.push_back(paragraph);
        }
    }
}

// Splits each paragraph at its line breaks (getString gives them as '\n').
std::vector<PlainLine> lines_of(const std::vector<Reference<XTextRange>>& paragraphs) {
    std::vector<PlainLine> lines;
    for (size_t p = 0; p < paragraphs.size(); ++p) {
        OUString text = paragraphs[p]->getString();
        std::u16string all(text.getStr(), text.getStr() + text.getLength());
        size_t start = 0;
        for (;;) {
            size_t brk = all.find(u'\n', start);
            lines.push_back({p, start, all.substr(start, brk == std::u16string::npos ? std::u16string::npos : brk - start)});
            if (brk == std::u16string::npos)
                break;
            start = brk + 1;
        }
    }
    return lines;
}

std::set<std::string> bookmark_names(const Reference<css::frame::XModel>& document) {
    std::set<std::string> names;
    Reference<css::text::XBookmarksSupplier> supplier(document, UNO_QUERY);
    if (supplier.is())
        for (const OUString& name : supplier->getBookmarks()->getElementNames())
            names.insert(utf8(name));
    return names;
}

void remove_bookmark(const Reference<css::frame::XModel>& document, const OUString& name) {
    Reference<css::container::XNameAccess> bookmarks =
        Reference<css::text::XBookmarksSupplier>(document, UNO_QUERY_THROW)->getBookmarks();
    if (!bookmarks->hasByName(name))
        return;
    Reference<css::text::XTextContent> mark(bookmarks->getByName(name), UNO_QUERY_THROW);
    mark->getAnchor()->getText()->removeTextContent(mark);
}

// A point bookmark named `name` at `where`.
void insert_bookmark(const Reference<css::frame::XModel>& document, const Reference<XTextRange>& where,
                     const OUString& name) {
    remove_bookmark(document, name);
    Reference<css::text::XTextContent> mark(
        Reference<css::lang::XMultiServiceFactory>(document, UNO_QUERY_THROW)->createInstance("com.sun.star.text.Bookmark"),
        UNO_QUERY_THROW);
    Reference<css::container::XNamed>(mark, UNO_QUERY_THROW)->setName(name);
    where->getText()->insertTextContent(where, mark, false);
}

} // namespace

std::vector<Place> export_writer_pdf(const Env& env, const Reference<css::frame::XModel>& document,
                                     const std::string& pdf_path, bool pdfa) {
    TempDir temp;
    OUString copy_url = url_from_path(temp.file("copy.odt"));

    // 1. A copy in ODF, whatever the user's format (DOCX too): the original is not touched.
    Reference<css::frame::XStorable>(document, UNO_QUERY_THROW)
        ->storeToURL(copy_url, seq({prop("FilterName", Any(OUString("writer8")))}));

    // 2. Open the copy hidden and find the places.
    HiddenDocument copy(env.context, copy_url, false);
    Reference<css::text::XTextDocument> text(copy.model(), UNO_QUERY_THROW);
    std::vector<Reference<XTextRange>> paragraphs;
    collect_paragraphs(text->getText(), paragraphs);
    PlaceSearch search = find_places_in_lines(lines_of(paragraphs), bookmark_names(copy.model()));
    if (!search.missing.empty())
        return search.missing;

    // 3. One point bookmark per anchor.
    for (const Anchor& anchor : search.anchors) {
        const Reference<XTextRange>& paragraph = paragraphs.at(anchor.paragraph);
        Reference<css::text::XTextCursor> cursor = paragraph->getText()->createTextCursorByRange(paragraph->getStart());
        for (size_t left = anchor.offset; left > 0;) {
            sal_Int16 step = static_cast<sal_Int16>(std::min<size_t>(left, 0x7fff));
            cursor->goRight(step, false);
            left -= static_cast<size_t>(step);
        }
        insert_bookmark(copy.model(), Reference<XTextRange>(cursor, UNO_QUERY_THROW), ou(anchor.bookmark));
    }

    // 4. Export; the bookmarks become named destinations.
    Sequence<css::beans::PropertyValue> filter_data = seq({
        prop("ExportBookmarksToPDFDestination", Any(true)),
        prop("ExportBookmarks", Any(true)),
        prop("SelectPdfVersion", Any(sal_Int32(pdfa ? 2 : 0))), // 2: PDF/A-2b
    });
    // The hidden copy has no window: the export's page-by-page progress goes to the user's one.
    Sequence<css::beans::PropertyValue> descriptor = seq({prop("FilterName", Any(OUString("writer_pdf_Export"))),
                                                          prop("FilterData", Any(filter_data))});
    if (Reference<css::task::XStatusIndicator> indicator = new_status_indicator(env); indicator.is()) {
        descriptor.realloc(descriptor.getLength() + 1);
        descriptor.getArray()[descriptor.getLength() - 1] = prop("StatusIndicator", Any(indicator));
    }
    Reference<css::frame::XStorable>(copy.model(), UNO_QUERY_THROW)->storeToURL(url_from_path(pdf_path), descriptor);
    return {};
}

bool mark_place_from_selection(const Reference<css::frame::XModel>& document, Place place) {
    Reference<css::view::XSelectionSupplier> selection(document->getCurrentController(), UNO_QUERY);
    if (!selection.is())
        return false;
    Reference<css::container::XIndexAccess> ranges(selection->getSelection(), UNO_QUERY);
    if (!ranges.is() || ranges->getCount() < 1)
        return false;
    Reference<XTextRange> range(ranges->getByIndex(0), UNO_QUERY);
    if (!range.is())
        return false;
    std::vector<std::string> names = bookmarks_of(place);
    if (names.size() == 2) {
        if (range->getString().isEmpty())
            return false; // a gap needs its extent selected
        insert_bookmark(document, range->getStart(), ou(names[0]));
        insert_bookmark(document, range->getEnd(), ou(names[1]));
    } else {
        insert_bookmark(document, place == Place::Title ? range->getEnd() : range->getStart(), ou(names[0]));
    }
    return true;
}

} // namespace kyso::lo
