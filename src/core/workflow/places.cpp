#include "core/workflow/places.hpp"

#include "core/error.hpp"
#include "core/pdf/form_edits.hpp"
#include "core/pdf/shown_text.hpp"
#include "core/pdftext/page_text.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

namespace kyso {
namespace {

using Destinations = std::map<std::string, NamedDestination>;
using MarkedPages = std::map<int, PageText>; // the pages kyso's bookmarks point into

// The text line a destination points into: the line on its page whose vertical extent holds
// the destination's top, or else the nearest one.
const TextLine* line_at(const MarkedPages& pages, const NamedDestination& dest) {
    const TextLine* best = nullptr;
    double best_distance = 1e9;
    if (auto page = pages.find(dest.page); page != pages.end()) {
        for (const TextLine& line : page->second.lines) {
            double probe = dest.top - 1; // just under the top of the line the cursor was in
            double distance = probe >= line.box.y && probe <= line.box.top() ? 0 : std::min(std::abs(probe - line.box.y), std::abs(probe - line.box.top()));
            distance += std::abs(dest.left - std::clamp(dest.left, line.box.x, line.box.right())) / 100;
            if (distance < best_distance) {
                best_distance = distance;
                best = &line;
            }
        }
    }
    return best_distance < 14 ? best : nullptr; // farther than a line away: not this line
}

double font_size_of(const TextLine& line) {
    std::vector<double> sizes;
    for (const TextWord& word : line.words)
        if (word.font_size > 0)
            sizes.push_back(word.font_size);
    if (sizes.empty())
        return line.box.height / 1.15;
    std::nth_element(sizes.begin(), sizes.begin() + static_cast<long>(sizes.size() / 2), sizes.end());
    return sizes[sizes.size() / 2];
}

std::optional<Gap> gap_between(const MarkedPages& pages, const Destinations& dests, const char* start,
                               const char* end) {
    auto a = dests.find(start), b = dests.find(end);
    if (a == dests.end() || b == dests.end() || a->second.page != b->second.page || b->second.left <= a->second.left)
        return std::nullopt;
    const TextLine* line = line_at(pages, a->second);
    if (!line)
        return std::nullopt;
    return Gap{a->second.page, {a->second.left, line->box.y, b->second.left - a->second.left, line->box.height},
               font_size_of(*line)};
}

std::optional<SignerBlock> signer_from(const MarkedPages& pages, const Destinations& dests) {
    auto title = dests.find(anchors::kTitleEnd), name = dests.find(anchors::kNameStart);
    if (title == dests.end() || name == dests.end() || title->second.page != name->second.page)
        return std::nullopt;
    const TextLine* title_line = line_at(pages, title->second);
    const TextLine* name_line = line_at(pages, name->second);
    if (!title_line || !name_line || name_line->box.top() >= title_line->box.y)
        return std::nullopt;
    SignerBlock block;
    block.page = title->second.page;
    block.title_lines = {title_line->text()};
    block.last_title_line = title_line->box;
    block.name = name_line->text();
    block.name_line = name_line->box;
    double left = std::min(title_line->box.x, name_line->box.x);
    double right = std::max(title_line->box.right(), name_line->box.right());
    block.column = {left, name_line->box.y, right - left, title_line->box.top() - name_line->box.y};
    return block;
}

// The references the export bookmarked (kysoKemTheo1SoStart …), in their order.
std::vector<OwnReference> references_from(const MarkedPages& pages, const Destinations& dests) {
    std::vector<OwnReference> found;
    for (size_t i = 1;; ++i) {
        auto gap = [&](const char* start, const char* end) {
            return gap_between(pages, dests, anchors::reference(start, i).c_str(), anchors::reference(end, i).c_str());
        };
        if (!dests.count(anchors::reference(anchors::kNumberStart, i)))
            return found;
        std::optional<Gap> number = gap(anchors::kNumberStart, anchors::kNumberEnd);
        if (!number)
            continue;
        OwnReference reference{*number, gap(anchors::kDayStart, anchors::kDayEnd),
                               gap(anchors::kMonthStart, anchors::kMonthEnd), gap(anchors::kYearStart, anchors::kYearEnd)};
        if (!reference.day || !reference.month)
            reference.day = reference.month = std::nullopt;
        found.push_back(reference);
    }
}

bool same_row(const Gap& a, const Gap& b) {
    return a.page == b.page && std::min(a.rect.top(), b.rect.top()) - std::max(a.rect.y, b.rect.y) >
                                   0.5 * std::min(a.rect.height, b.rect.height);
}

// The bookmarked references take the place of the page text's reading of the same heading
// (matched by the number blank's row); a blank the bookmarks lack (a year the Writer text
// could not bound) stays as the text found it. Others of either are kept.
void prefer_marked_references(std::vector<OwnReference>& references, const std::vector<OwnReference>& marked) {
    for (const OwnReference& m : marked) {
        auto same = std::find_if(references.begin(), references.end(),
                                 [&](const OwnReference& r) { return same_row(r.number, m.number); });
        if (same == references.end()) {
            references.push_back(m);
            continue;
        }
        OwnReference merged = m;
        if (!merged.day && same->day) {
            merged.day = same->day;
            merged.month = same->month;
        }
        if (!merged.year && merged.day && same->year)
            merged.year = same->year;
        *same = merged;
    }
}

// ShownText, opened on first use (a short draft is settled on its first pages and never needs
// it) and not used when PoDoFo cannot read the file or counts its pages otherwise than poppler.
class PageSkim {
public:
    PageSkim(const std::string& path, int pages) : path_(path), pages_(pages) {}

    std::optional<std::string> page(int number) {
        if (!tried_) {
            tried_ = true;
            try {
                text_.emplace(path_);
                if (text_->page_count() != pages_)
                    text_.reset();
            } catch (const Error&) {
                text_.reset();
            }
        }
        return text_ ? text_->page(number) : std::nullopt;
    }

private:
    std::string path_;
    int pages_;
    bool tried_ = false;
    std::optional<ShownText> text_;
};

} // namespace

DocumentPlaces locate_places(const std::string& path) {
    Destinations dests;
    std::set<int> marked;
    for (auto& [name, dest] : read_named_destinations(path))
        if (name.rfind("kyso", 0) == 0) {
            marked.insert(dest.page);
            dests.emplace(name, dest);
        }

    // Page by page, each page's text let go before the next unless a bookmark points into it:
    // the memory does not grow with the page count. Once the finder no longer needs whole
    // pages, a page is first skimmed (the text its content shows, without laying it out) and
    // laid out by poppler only when that text may hold what the finder still looks for.
    PdfPageText pdf(path);
    PlaceFinder finder;
    MarkedPages pages;
    DocumentPlaces located;
    located.pages = pdf.page_count();
    PageSkim skim(path, located.pages);
    for (int number = 1; number <= located.pages; ++number) {
        bool keep = marked.count(number) > 0;
        if (!keep && !finder.needs_whole_page())
            if (std::optional<std::string> shown = skim.page(number); shown && !finder.may_want_page(*shown))
                continue;
        PageText page = pdf.read(number);
        if (!keep && !finder.needs_whole_page() && !finder.wants_page(page_letters(page)))
            continue;
        finder.add_page(page);
        if (keep)
            pages.emplace(number, std::move(page));
    }
    located.pages_read = pdf.pages_read();
    TextPlaces& places = located.places;
    places = finder.result();
    auto prefer = [&located](std::optional<Gap>& place, std::optional<Gap> marked) {
        if (marked) {
            place = marked;
            located.from_bookmarks = true;
        }
    };
    prefer(places.number, gap_between(pages, dests, anchors::kNumberStart, anchors::kNumberEnd));
    prefer(places.day, gap_between(pages, dests, anchors::kDayStart, anchors::kDayEnd));
    prefer(places.month, gap_between(pages, dests, anchors::kMonthStart, anchors::kMonthEnd));
    prefer(places.year, gap_between(pages, dests, anchors::kYearStart, anchors::kYearEnd));
    if (auto signer = signer_from(pages, dests)) {
        places.signer = signer;
        // The marked block comes first, replacing the page text's reading of it (wherever it stood
        // among a joint document's blocks), else the block the text took for the signer's.
        auto same = std::find_if(places.signers.begin(), places.signers.end(),
                                 [&](const SignerBlock& b) { return b.name == signer->name; });
        if (same != places.signers.end())
            places.signers.erase(same);
        else if (!places.signers.empty())
            places.signers.erase(places.signers.begin());
        places.signers.insert(places.signers.begin(), *signer);
        located.from_bookmarks = true;
    }

    if (std::vector<OwnReference> marked = references_from(pages, dests); !marked.empty()) {
        prefer_marked_references(places.references, marked);
        located.from_bookmarks = true;
    }

    // Name what is still missing, with how to mark it (the extension sets these bookmarks).
    places.missing.clear();
    auto missing = [&places](bool found, const std::string& vi, const std::string& en) {
        if (!found)
            places.missing.push_back(vi + " / " + en);
    };
    missing(places.number.has_value(),
            "Không thấy chỗ ghi số văn bản (\"Số: …/…\"); hãy đánh dấu bằng bookmark kysoSoStart và kysoSoEnd",
            "number gap not found (\"Số: …/…\"); mark it with bookmarks kysoSoStart and kysoSoEnd");
    missing(places.day.has_value(),
            "Không thấy chỗ ghi ngày (\"ngày … tháng\"); hãy đánh dấu bằng bookmark kysoNgayStart và kysoNgayEnd",
            "day gap not found (\"ngày … tháng\"); mark it with bookmarks kysoNgayStart and kysoNgayEnd");
    missing(places.month.has_value(),
            "Không thấy chỗ ghi tháng (\"tháng … năm\"); hãy đánh dấu bằng bookmark kysoThangStart và kysoThangEnd",
            "month gap not found (\"tháng … năm\"); mark it with bookmarks kysoThangStart and kysoThangEnd");
    missing(places.signer.has_value(),
            "Không thấy khối chữ ký (chức vụ và họ tên người ký); hãy đánh dấu bằng bookmark kysoChucVuEnd và kysoHoTenStart",
            "signer block not found (title and full name); mark it with bookmarks kysoChucVuEnd and kysoHoTenStart");
    return located;
}

} // namespace kyso
