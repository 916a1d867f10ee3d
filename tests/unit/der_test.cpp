#include "core/crypto/der.hpp"

#include <gtest/gtest.h>
#include <openssl/objects.h>

namespace kyso {
namespace {

TEST(Der, OidMatchesOpenSsl) {
    der::Bytes ours = der::oid("1.2.840.113549.1.9.16.2.47");
    ASN1_OBJECT* object = OBJ_txt2obj("1.2.840.113549.1.9.16.2.47", 1);
    unsigned char* theirs = nullptr;
    int len = i2d_ASN1_OBJECT(object, &theirs);
    EXPECT_EQ(ours, der::Bytes(theirs, theirs + len));
    OPENSSL_free(theirs);
    ASN1_OBJECT_free(object);
}

TEST(Der, LongLengthsUseTheMinimalForm) {
    EXPECT_EQ(der::tlv(0x04, der::Bytes(127, 0)).size(), 2u + 127);
    der::Bytes two_octets = der::tlv(0x04, der::Bytes(300, 0));
    EXPECT_EQ(two_octets[1], 0x82);
    EXPECT_EQ(two_octets[2], 0x01);
    EXPECT_EQ(two_octets[3], 0x2C);
}

TEST(Der, SetOfSortsItsElements) {
    der::Bytes set = der::set_of({der::small_integer(5), der::small_integer(1)});
    EXPECT_EQ(set, (der::Bytes{0x31, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x05}));
}

TEST(Der, IntegersStayNonNegative) {
    EXPECT_EQ(der::small_integer(0x80), (der::Bytes{0x02, 0x02, 0x00, 0x80}));
    EXPECT_EQ(der::small_integer(0), (der::Bytes{0x02, 0x01, 0x00}));
}

} // namespace
} // namespace kyso
