// Which token certificate a CertificateQuery names (core/token matching_certificate), over the
// test token's own subjects, in the orders a token may list them.
#include "core/token/token.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace kyso {
namespace {

TokenCertificate cert(const char* label, const char* id, const char* uid, const char* cn) {
    TokenCertificate c;
    c.label = label;
    c.id_hex = id;
    c.subject = std::string("C=VN, O=kyso TEST, title=Chủ tịch, CN=") + cn + ", UID=CCCD:" + uid;
    c.common_name = cn;
    c.can_sign = true;
    return c;
}

// The extension asks for the chosen certificate by its id: "01" (binh) is also part of the
// subjects of binh-ec and binh-soon ("UID=CCCD:089000000001"), and whichever the token listed
// first was taken, so CertLabel=binh signed now and then with the EC or the soon-expiring
// certificate (seen in lo.gui: "Nguyễn Thanh Bình (EC)" on a signature asked of "binh"). Failed
// before for every order that lists another of the three first.
TEST(CertificateMatch, AnIdOrLabelIsNeverTakenForPartOfAnotherSubject) {
    std::vector<TokenCertificate> certs{cert("binh-ec", "03", "089000000001", "Nguyễn Thanh Bình (EC)"),
                                        cert("binh-soon", "07", "089000000001", "Nguyễn Thanh Bình"),
                                        cert("binh", "01", "089000000001", "Nguyễn Thanh Bình"),
                                        cert("ubnd", "02", "MST:1600000000-TEST", "Ủy ban nhân dân tỉnh An Giang")};
    std::sort(certs.begin(), certs.end(), [](const auto& a, const auto& b) { return a.label < b.label; });
    do {
        auto label_of = [&](const std::string& wanted) {
            size_t i = matching_certificate(certs, wanted);
            return i < certs.size() ? certs[i].label : std::string("none");
        };
        EXPECT_EQ(label_of("01"), "binh");
        EXPECT_EQ(label_of("binh"), "binh");
        EXPECT_EQ(label_of("07"), "binh-soon");
        EXPECT_EQ(label_of("MST:1600000000"), "ubnd") << "part of a subject, when no label or id is it";
        EXPECT_EQ(label_of("nobody"), "none");
    } while (std::next_permutation(certs.begin(), certs.end(),
                                   [](const auto& a, const auto& b) { return a.label < b.label; }));
}

} // namespace
} // namespace kyso
