// Where OUString meets std::string: UTF-8 conversions, file URLs and the two-language messages.
// Everything past this adapter (kyso_core) speaks UTF-8 std::string and local paths.
#pragma once

#include <com/sun/star/uno/Sequence.hxx>
#include <rtl/ustring.hxx>

#include "core/token/secret.hpp"

#include <initializer_list>

#include <string>
#include <string_view>

namespace kyso::lo {

using ::rtl::OString;
using ::rtl::OUString;

/// A Sequence from a braced list (the SDK keeps that constructor internal).
template <class E>
css::uno::Sequence<E> seq(std::initializer_list<E> items) {
    return css::uno::Sequence<E>(items.begin(), static_cast<sal_Int32>(items.size()));
}

/// UTF-8 to OUString.
OUString ou(std::string_view utf8);
/// OUString to UTF-8.
std::string utf8(const OUString& text);

/// OUString to UTF-8 written straight into a Secret (no std::string or OString copy). The
/// OUString itself is immutable and shared: it cannot be wiped, so callers drop it at once.
Secret secret_utf8(const OUString& text);

/// file:// URL (or a plain absolute path) to a local path; throws kyso::Error otherwise.
std::string path_from_url(const OUString& url);
/// Absolute local path to a file:// URL.
OUString url_from_path(const std::string& path);

/// A message in both languages; the UI shows one of them.
struct Bilingual {
    std::string vi;
    std::string en;
    const std::string& pick(bool vietnamese) const { return vietnamese ? vi : en; }
};

} // namespace kyso::lo
