#include "core/pdf/loaded_pdf.hpp"

#include "core/error.hpp"
#include "core/pdf/pdf_library.hpp"
#include "core/pdf/xref_check.hpp"

#include <algorithm>
#include <atomic>

namespace kyso::pdf {

using namespace PoDoFo;

void rethrow_podofo(const PdfError& error, const std::string& path) {
    std::string cause = std::string("PoDoFo: ") + PdfError::ErrorName(error.GetError());
    if (!error.GetCallstack().empty() && !error.GetCallstack().front().GetInformation().empty())
        cause += " (" + error.GetCallstack().front().GetInformation() + ")";
    switch (error.GetError()) {
    case ePdfError_InvalidPassword:
    case ePdfError_UnsupportedFilter:
        if (error.GetError() == ePdfError_InvalidPassword)
            throw Error(ErrorCode::InputNotPdf,
                        "Tệp \"" + path + "\" được bảo vệ bằng mật khẩu (mã hoá). Hãy xuất lại PDF không đặt mật khẩu rồi ký.",
                        "\"" + path + "\" is password-protected (encrypted). Export it again without a password, then sign.",
                        cause);
        [[fallthrough]];
    default:
        throw Error(ErrorCode::InputNotPdf,
                    "Không đọc được tệp PDF \"" + path + "\": tệp hỏng hoặc không phải PDF. Hãy xuất lại PDF từ văn bản gốc.",
                    "Cannot read the PDF \"" + path + "\": it is damaged or not a PDF. Export it again from the source document.",
                    cause);
    }
}

namespace {

std::atomic<unsigned long long> documents_loaded_total{0};

Error encrypted(const std::string& path, const std::string& cause) {
    return Error(ErrorCode::InputNotPdf,
                 "Tệp \"" + path + "\" được bảo vệ bằng mật khẩu (mã hoá). Hãy xuất lại PDF không đặt mật khẩu rồi ký.",
                 "\"" + path + "\" is password-protected (encrypted). Export it again without a password, then sign.",
                 cause);
}

// The trailer (or, in a linearized file, the first one) names /Encrypt: look at both ends.
bool mentions_encryption(int fd, size_t size) {
    constexpr size_t kWindow = 64 * 1024;
    for (size_t start : {size_t{0}, size > kWindow ? size - kWindow : size_t{0}})
        if (read_bytes_at(fd, start, std::min(kWindow, size - start)).find("/Encrypt") != std::string::npos)
            return true;
    return false;
}

} // namespace

LoadedPdf::LoadedPdf(const std::string& path) : LoadedPdf(std::make_unique<InputFile>(path)) {}

LoadedPdf::LoadedPdf(std::unique_ptr<InputFile> input) : LoadedPdf(*input) { owned_input_ = std::move(input); }

LoadedPdf::LoadedPdf(const InputFile& input) : tail_(read_pdf_tail(input.fd(), input.path())) {
    const std::string& path = input.path();
    int fd = input.fd();
    check_xref_tables([fd](size_t offset, size_t length) { return read_bytes_at(fd, offset, length); },
                      tail_.file_size, tail_.startxref, path);
    quiet_pdf_library();
    try {
        stream_ = std::make_unique<DescriptorStream>(fd, static_cast<off_t>(tail_.file_size));
        doc_ = std::make_unique<PdfMemDocument>();
        ++documents_loaded_total;
        doc_->LoadFromDevice(PdfRefCountedInputDevice(new PdfInputDevice(stream_.get())));
    } catch (const PdfError& error) {
        // PoDoFo fails on some encryption handlers (AES-128, RC4-40) with an unrelated error;
        // the trailer's /Encrypt says what the user needs to hear.
        if (mentions_encryption(fd, tail_.file_size))
            throw encrypted(path, std::string("PoDoFo: ") + PdfError::ErrorName(error.GetError()));
        rethrow_podofo(error, path);
    }
    if (doc_->GetEncrypted())
        throw encrypted(path, "");

    const PdfObject* trailer = doc_->GetTrailer();
    const PdfDictionary& dict = trailer->GetDictionary();
    const PdfObject* size = dict.GetKey("Size");
    if (!size || !size->IsNumber() || size->GetNumber() <= 0)
        throw Error(ErrorCode::InputNotPdf, "Tệp \"" + path + "\" thiếu /Size trong trailer.",
                    "\"" + path + "\" has no valid trailer /Size.");
    first_new_object_ = static_cast<unsigned>(size->GetNumber());
    root_ = dict.GetKey("Root");
    // PoDoFo invents an /Info dictionary when the file has none, possibly on a freed object
    // number; only one read from the file (a parser object) is carried over.
    info_ = dict.GetKey("Info");
    if (info_ && (!info_->IsReference() ||
                  !dynamic_cast<PdfParserObject*>(doc_->GetObjects().GetObject(info_->GetReference()))))
        info_ = nullptr;
    id_ = dict.GetKey("ID");
    if (!root_ || !root_->IsReference())
        throw Error(ErrorCode::InputNotPdf, "Tệp \"" + path + "\" thiếu mục lục gốc (/Root).",
                    "\"" + path + "\" has no document catalog (/Root).");

    // New objects get numbers from /Size up, never a reused free number.
    PdfVecObjects& objects = doc_->GetObjects();
    objects.SetCanReuseObjectNumbers(false);
    objects.SetObjectCount(PdfReference(first_new_object_ - 1, 0));
    if (objects.GetObjectCount() > first_new_object_)
        first_new_object_ = static_cast<unsigned>(objects.GetObjectCount());
}

unsigned long long LoadedPdf::documents_loaded() { return documents_loaded_total; }

} // namespace kyso::pdf
