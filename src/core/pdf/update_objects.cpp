#include "core/pdf/update_objects.hpp"

#include <cctype>
#include <cstring>

namespace kyso::pdf {

using namespace PoDoFo;

namespace {

constexpr size_t kTableRow = 20; // "oooooooooo ggggg n" and a two-byte end of line

bool is_space(char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == '\0'; }

// Reads an unsigned decimal at `at` (skipping white space first); false when there is none.
bool read_number(const std::string& bytes, size_t& at, unsigned long long& value) {
    while (at < bytes.size() && is_space(bytes[at]))
        ++at;
    size_t start = at;
    value = 0;
    while (at < bytes.size() && std::isdigit(static_cast<unsigned char>(bytes[at])) && at - start < 19)
        value = value * 10 + static_cast<unsigned>(bytes[at++] - '0');
    return at > start;
}

long long integer_at(const PdfArray& array, size_t i) {
    return i < array.size() && array[i].IsNumber() ? array[i].GetNumber() : -1;
}

} // namespace

UpdateObjects::UpdateObjects(std::string update, size_t base)
    : bytes_(std::move(update)), base_(base), owner_(std::make_unique<PdfVecObjects>()),
      device_(bytes_.data(), bytes_.size()), buffer_(PdfRefCountedBuffer(4096)) {
    try {
        parse();
    } catch (const PdfError& error) {
        problem_ = std::string("PoDoFo cannot read the update: ") + PdfError::ErrorMessage(error.GetError());
    }
}

UpdateObjects::~UpdateObjects() = default;

PdfObject* UpdateObjects::object(unsigned number) const {
    auto found = objects_.find(number);
    return found == objects_.end() ? nullptr : found->second;
}

const PdfDictionary* UpdateObjects::trailer() const {
    return trailer_ && trailer_->IsDictionary() ? &trailer_->GetDictionary() : nullptr;
}

std::unique_ptr<PdfParserObject> UpdateObjects::parse_at(size_t at, bool is_trailer) {
    auto object = std::make_unique<PdfParserObject>(owner_.get(), device_, buffer_, static_cast<pdf_long>(at));
    object->ParseFile(nullptr, is_trailer);
    return object;
}

void UpdateObjects::parse() {
    size_t mark = bytes_.rfind("startxref");
    unsigned long long startxref = 0;
    size_t at = mark == std::string::npos ? 0 : mark + 9;
    if (mark == std::string::npos || !read_number(bytes_, at, startxref)) {
        problem_ = "the update has no startxref";
        return;
    }
    if (startxref < base_ || startxref - base_ >= bytes_.size()) {
        problem_ = "startxref does not point into the update";
        return;
    }
    size_t section = static_cast<size_t>(startxref - base_);
    if (bytes_.compare(section, 4, "xref") == 0)
        read_table(section + 4);
    else
        read_stream(section);
    if (problem_.empty() && objects_.empty())
        problem_ = "the update's cross-reference section lists no object";
    if (problem_.empty() && !trailer())
        problem_ = "the update has no trailer dictionary";
}

void UpdateObjects::read_table(size_t at) {
    for (;;) {
        while (at < bytes_.size() && is_space(bytes_[at]))
            ++at;
        if (bytes_.compare(at, 7, "trailer") == 0) {
            trailer_ = parse_at(at + 7, true);
            return;
        }
        unsigned long long first = 0, count = 0;
        if (!read_number(bytes_, at, first) || !read_number(bytes_, at, count) || count > bytes_.size() / kTableRow) {
            problem_ = "the update's cross-reference table is malformed";
            return;
        }
        while (at < bytes_.size() && (bytes_[at] == ' ' || bytes_[at] == '\r' || bytes_[at] == '\n'))
            ++at;
        for (unsigned long long i = 0; i < count; ++i, at += kTableRow) {
            if (at + kTableRow > bytes_.size() || bytes_[at + 10] != ' ' || bytes_[at + 16] != ' ') {
                problem_ = "the update's cross-reference table is malformed";
                return;
            }
            size_t field = at;
            unsigned long long offset = 0, generation = 0;
            read_number(bytes_, field, offset);
            read_number(bytes_, field, generation);
            if (bytes_[at + 17] == 'n')
                add_entry(static_cast<unsigned>(first + i), static_cast<unsigned>(generation), offset);
            else if (bytes_[at + 17] != 'f')
                problem_ = "the update's cross-reference table has an entry of unknown type";
            if (!problem_.empty())
                return;
        }
    }
}

void UpdateObjects::read_stream(size_t at) {
    std::unique_ptr<PdfParserObject> xref = parse_at(at, false);
    if (!xref->IsDictionary() || !xref->HasStreamToParse() ||
        xref->GetDictionary().GetKeyAsName("Type") != PdfName("XRef")) {
        problem_ = "startxref names neither a cross-reference table nor a stream";
        return;
    }
    const PdfDictionary& dict = xref->GetDictionary();
    const PdfObject* w = dict.GetKey("W");
    long long size = dict.GetKeyAsLong("Size", -1);
    if (!w || !w->IsArray() || w->GetArray().size() != 3 || size < 0) {
        problem_ = "the cross-reference stream has no usable /W or /Size";
        return;
    }
    long long widths[3];
    for (size_t i = 0; i < 3; ++i) {
        widths[i] = integer_at(w->GetArray(), i);
        if (widths[i] < 0 || widths[i] > 8) {
            problem_ = "the cross-reference stream has no usable /W";
            return;
        }
    }
    PdfArray index;
    if (const PdfObject* given = dict.GetKey("Index"); given && given->IsArray())
        index = given->GetArray();
    else
    {
        index.push_back(PdfVariant(static_cast<pdf_int64>(0)));
        index.push_back(PdfVariant(static_cast<pdf_int64>(size)));
    }
    char* data = nullptr;
    pdf_long length = 0;
    xref->GetStream()->GetFilteredCopy(&data, &length);
    std::string rows(data, static_cast<size_t>(length));
    podofo_free(data);

    size_t row_size = static_cast<size_t>(widths[0] + widths[1] + widths[2]);
    size_t row = 0;
    auto field = [&](size_t start, long long width) {
        unsigned long long value = 0;
        for (long long i = 0; i < width; ++i)
            value = value << 8 | static_cast<unsigned char>(rows[start + static_cast<size_t>(i)]);
        return value;
    };
    for (size_t i = 0; i + 1 < index.size(); i += 2) {
        long long first = integer_at(index, i), count = integer_at(index, i + 1);
        if (first < 0 || count < 0 || row_size == 0 || static_cast<size_t>(count) > rows.size() / row_size) {
            problem_ = "the cross-reference stream's /Index is malformed";
            return;
        }
        for (long long n = 0; n < count; ++n, ++row) {
            size_t start = row * row_size;
            if (start + row_size > rows.size()) {
                problem_ = "the cross-reference stream is shorter than its /Index";
                return;
            }
            unsigned long long type = widths[0] == 0 ? 1 : field(start, widths[0]);
            unsigned long long second = field(start + static_cast<size_t>(widths[0]), widths[1]);
            unsigned long long third = field(start + static_cast<size_t>(widths[0] + widths[1]), widths[2]);
            if (type == 1)
                add_entry(static_cast<unsigned>(first + n), static_cast<unsigned>(third), second);
            else if (type != 0)
                problem_ = "the update puts an object in an object stream"; // kyso never does
            if (!problem_.empty())
                return;
        }
    }
    trailer_ = std::move(xref);
}

void UpdateObjects::add_entry(unsigned number, unsigned generation, size_t offset) {
    if (offset < base_ || offset - base_ >= bytes_.size()) {
        problem_ = "object " + std::to_string(number) + " is listed outside the update";
        return;
    }
    std::unique_ptr<PdfParserObject> object = parse_at(offset - base_, false);
    if (object->Reference() != PdfReference(number, static_cast<pdf_gennum>(generation))) {
        problem_ = "the entry for object " + std::to_string(number) + " " + std::to_string(generation) +
                   " points at object " + object->Reference().ToString();
        return;
    }
    if (object->HasStreamToParse())
        object->GetStream(); // reads the stream now: a bad /Length is this update's problem
    objects_[number] = object.get();
    parsed_[number] = std::move(object);
}

} // namespace kyso::pdf
