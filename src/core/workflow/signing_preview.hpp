// The preview shown before the PIN (issue 16.3): the page a signing changes, rendered as it
// will look once signed, with the signature image (or the seal, number and date) where the
// signing will put them. No token is touched: the same revision the signing would write is
// built from the same plan (role_plans.hpp), with an empty /Contents, and read by poppler.
#pragma once

#include "core/notice.hpp"
#include "core/pdftext/page_picture.hpp"
#include "core/workflow/roles.hpp"
#include "core/workflow/sign_document.hpp"

#include <string>
#include <vector>

namespace kyso {

/// Fine enough to read the number and the date, small enough for a dialog (A4: 661 × 935).
constexpr double kPreviewDpi = 80;

/// Another page the same revision writes on: page 1 with the number and date when the seal goes
/// on the signer block's page 2.
struct FilledPage {
    PagePicture picture;
    std::string png_path;        ///< preview_png_of(png_path, page)
    std::vector<PixelBox> boxes; ///< the fields filled and notes added on it
};

struct SigningPreview {
    PagePicture picture; ///< the page, written to the PNG the caller named
    PixelBox image_box;  ///< where the signature image or the seal lies on it
    std::vector<FilledPage> filled_pages; ///< in page order; none when everything is on `picture`'s page
};

/// Where the picture of another page goes: "X.png" → "X-trang-2.png", beside it.
std::string preview_png_of(const std::string& png_path, int page);

/// The page `sign.visible` is on, as sign_pdf would leave it, into `png_path`, and each other
/// page whose fields the same revision fills, into preview_png_of(png_path, page). The unsigned
/// copy poppler reads is a scratch file beside `png_path`, removed before returning; the input
/// is only read, and when one page fails no picture is left. Throws kyso::Error as sign_pdf
/// does about the request, and as render_page_png does about a page.
SigningPreview preview_signature(const SignOptions& sign, const std::string& png_path, double dpi = kPreviewDpi);

/// Box 7c as sign_official will sign it (the draft prepared first when it needs to be).
SigningPreview preview_official_signature(const OfficialSignOptions& options, const std::string& png_path,
                                          const NoticeSink& notices = {}, double dpi = kPreviewDpi);

/// Box 8 as issue_document will sign it with `options.number` (a joint document's own number
/// when it already carries one); refuses what the issuance refuses before the token (R1, R2,
/// the seal), so a preview is only offered for an issuance that can go ahead.
SigningPreview preview_issue_signature(const IssueOptions& options, const std::string& png_path,
                                       const NoticeSink& notices = {}, double dpi = kPreviewDpi);

} // namespace kyso
