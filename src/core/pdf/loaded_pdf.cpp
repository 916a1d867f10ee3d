#include "core/pdf/loaded_pdf.hpp"

#include "core/error.hpp"
#include "core/pdf/pdf_library.hpp"
#include "core/pdf/xref_check.hpp"

#include <algorithm>
#include <fstream>

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

Error encrypted(const std::string& path, const std::string& cause) {
    return Error(ErrorCode::InputNotPdf,
                 "Tệp \"" + path + "\" được bảo vệ bằng mật khẩu (mã hoá). Hãy xuất lại PDF không đặt mật khẩu rồi ký.",
                 "\"" + path + "\" is password-protected (encrypted). Export it again without a password, then sign.",
                 cause);
}

// The trailer (or, in a linearized file, the first one) names /Encrypt: look at both ends.
bool mentions_encryption(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    constexpr std::streamoff kWindow = 64 * 1024;
    in.seekg(0, std::ios::end);
    std::streamoff size = in.tellg();
    for (std::streamoff start : {std::streamoff(0), std::max<std::streamoff>(0, size - kWindow)}) {
        std::string window(static_cast<size_t>(std::min(kWindow, size - start)), '\0');
        in.clear();
        in.seekg(start);
        in.read(window.data(), static_cast<std::streamsize>(window.size()));
        if (window.find("/Encrypt") != std::string::npos)
            return true;
    }
    return false;
}

} // namespace

LoadedPdf::LoadedPdf(const std::string& path) : tail_(read_pdf_tail(path)) {
    std::ifstream file(path, std::ios::binary);
    check_xref_tables(
        [&file](size_t offset, size_t length) {
            std::string bytes(length, '\0');
            file.clear();
            file.seekg(static_cast<std::streamoff>(offset));
            file.read(bytes.data(), static_cast<std::streamsize>(length));
            bytes.resize(static_cast<size_t>(file.gcount()));
            return bytes;
        },
        tail_.file_size, tail_.startxref, path);
    quiet_pdf_library();
    try {
        doc_ = std::make_unique<PdfMemDocument>();
        doc_->Load(path.c_str());
    } catch (const PdfError& error) {
        // PoDoFo fails on some encryption handlers (AES-128, RC4-40) with an unrelated error;
        // the trailer's /Encrypt says what the user needs to hear.
        if (mentions_encryption(path))
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

} // namespace kyso::pdf
