#include "uno/strings.hpp"

#include "core/error.hpp"

#include <osl/file.hxx>

namespace kyso::lo {

OUString ou(std::string_view utf8) {
    return OUString(utf8.data(), static_cast<sal_Int32>(utf8.size()), RTL_TEXTENCODING_UTF8);
}

std::string utf8(const OUString& text) {
    OString bytes = OUStringToOString(text, RTL_TEXTENCODING_UTF8);
    return std::string(bytes.getStr(), static_cast<size_t>(bytes.getLength()));
}

Secret secret_utf8(const OUString& text) {
    Secret secret;
    bool fits = true;
    auto put = [&](sal_uInt32 byte) { fits = secret.push_back(static_cast<char>(byte)) && fits; };
    for (sal_Int32 i = 0; i < text.getLength();) {
        sal_uInt32 c = text.iterateCodePoints(&i); // pairs surrogates
        if (c < 0x80) {
            put(c);
        } else if (c < 0x800) {
            put(0xC0 | (c >> 6));
            put(0x80 | (c & 0x3F));
        } else if (c < 0x10000) {
            put(0xE0 | (c >> 12));
            put(0x80 | ((c >> 6) & 0x3F));
            put(0x80 | (c & 0x3F));
        } else {
            put(0xF0 | (c >> 18));
            put(0x80 | ((c >> 12) & 0x3F));
            put(0x80 | ((c >> 6) & 0x3F));
            put(0x80 | (c & 0x3F));
        }
    }
    if (!fits)
        throw pin_too_long_error();
    return secret;
}

std::string path_from_url(const OUString& url) {
    if (url.startsWith("/"))
        return utf8(url); // automation may pass a path where a URL is expected
    OUString path;
    if (!url.startsWithIgnoreAsciiCase("file:") ||
        osl::FileBase::getSystemPathFromFileURL(url, path) != osl::FileBase::E_None)
        throw Error(ErrorCode::BadArguments, "Không phải đường dẫn tệp trên máy: " + utf8(url),
                    "Not a local file URL: " + utf8(url));
    return utf8(path);
}

OUString url_from_path(const std::string& path) {
    OUString url;
    if (osl::FileBase::getFileURLFromSystemPath(ou(path), url) != osl::FileBase::E_None)
        throw Error(ErrorCode::BadArguments, "Đường dẫn không hợp lệ: " + path, "Invalid path: " + path);
    return url;
}

} // namespace kyso::lo
