// The skimmer that reads an object's references and page-tree keys from its bytes without
// PoDoFo (issue 13.4): it must find every reference PoDoFo finds (a missed one would hide a
// place a changed object is used from), and say "not reliable" wherever PoDoFo could read the
// bytes otherwise, so that the caller asks PoDoFo.
#include "core/pdf/object_skim.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace kyso::pdf {
namespace {

// The object's value after "N 0 obj".
SkimmedObject skim(const std::string& value) { return skim_object(value, 0); }

std::vector<unsigned> numbers(const SkimmedObject& object) {
    std::vector<unsigned> out;
    for (const SkimmedObject::Reference& reference : object.references)
        out.push_back(reference.number);
    return out;
}

TEST(ObjectSkim, FindsEveryReferenceAsPoDoFoTokenisesThem) {
    SkimmedObject page = skim(" << /Type /Page /Parent 2 0 R /Contents [4 0 R 5 0 R] /Resources << /Font << /F1 6 0 R >> >>"
                              " /Annots [7 %comment between the tokens\n 0\r\nR] /MediaBox [0 0 595.3 842] >>\nendobj");
    ASSERT_TRUE(page.reliable);
    EXPECT_EQ(numbers(page), (std::vector<unsigned>{2, 4, 5, 6, 7}));
    EXPECT_TRUE(page.references[0].top_level_parent);
    EXPECT_FALSE(page.references[3].top_level_parent);
    EXPECT_TRUE(page.dictionary);
    EXPECT_TRUE(page.type_is_name);
    EXPECT_EQ(page.type, "Page");
    EXPECT_FALSE(page.has_kids);
    EXPECT_TRUE(certainly_page_leaf(page));
}

TEST(ObjectSkim, StringsNamesAndNumbersAreNoReferences) {
    // "(a) 3 0 R" inside a string, "\)" escaped, nested balanced parentheses, a hex string, a
    // name made of digits, and "1 2 3 0 R": PoDoFo reads 1 and 2 as numbers, then 3 0 R.
    SkimmedObject object = skim("<< /A (x (3 0 R) \\) 4 0 R) /B <3 0 52> /C /9 /D [1 2 3 0 R] /E 8 0 R >> endobj");
    ASSERT_TRUE(object.reliable);
    EXPECT_EQ(numbers(object), (std::vector<unsigned>{3, 8}));
}

TEST(ObjectSkim, AStreamDictionaryEndsAtTheStreamKeywordAndKnowsItsLength) {
    SkimmedObject object = skim("<< /Length 9 0 R /Filter /FlateDecode >>\nstream\n1 0 R garbage (\nendstream\nendobj");
    ASSERT_TRUE(object.reliable);
    ASSERT_EQ(numbers(object), (std::vector<unsigned>{9}));
    EXPECT_TRUE(object.references[0].top_level_length);
    EXPECT_FALSE(skim("[1 0 R]\nstream\n").reliable); // only a dictionary has a stream
}

TEST(ObjectSkim, PageTreeNodesAndDoubtfulLeavesAreNoCertainLeaves) {
    EXPECT_FALSE(certainly_page_leaf(skim("<< /Type /Pages /Kids [3 0 R] /Count 1 >> endobj")));
    EXPECT_FALSE(certainly_page_leaf(skim("<< /Kids [3 0 R] >> endobj")));            // a node without /Type
    EXPECT_FALSE(certainly_page_leaf(skim("<< /Type /P#61ges >> endobj")));            // escaped: /Pages
    EXPECT_FALSE(certainly_page_leaf(skim("<< /Type (Pages) >> endobj")));             // text_of reads strings
    EXPECT_FALSE(certainly_page_leaf(skim("<< /Type 5 0 R >> endobj")));
    EXPECT_TRUE(certainly_page_leaf(skim("<< /MediaBox [0 0 1 1] >> endobj")));       // no /Type: a leaf
    EXPECT_TRUE(certainly_page_leaf(skim("<< /Sub << /Kids [1 0 R] >> /Type /Page >> endobj"))); // not its own /Kids
    EXPECT_FALSE(certainly_page_leaf(skim("[ /Type /Page ] endobj")));
}

TEST(ObjectSkim, WhatPoDoFoWouldReadOtherwiseIsNotReliable) {
    for (const std::string& value : {
             std::string("<< /A (unterminated >> endobj"),
             std::string("<< /A <41 >> endobj"),                // the hex string takes one '>': a lone '>' is left
             std::string("<< /A 1 0 R"),                        // no end
             std::string("<< /A 1 0 R >> trailer"),             // neither endobj nor stream after it
             std::string("<< /A endobj >> endobj"),             // a keyword where a value belongs
             std::string("<< 5 /A >> endobj"),                  // a key that is not a name
             std::string("<< /A /%comment\nB >> endobj"),       // PoDoFo reads the name on the next line
             std::string("<< /A ") + std::string(5000, '7') + " 0 R >> endobj", // split by PoDoFo's buffer
             std::string("<< /A . >> endobj"),                  // no real for PoDoFo
             std::string(300, '[') + std::string(300, ']') + " endobj",
         })
        EXPECT_FALSE(skim(value).reliable) << value;
    EXPECT_TRUE(skim("<< /A <41> >> endobj").reliable);
    EXPECT_TRUE(skim(" endobj").reliable); // an empty object
    EXPECT_TRUE(skim("nullx endobj").reliable); // PoDoFo compares the keyword's first letters
}

TEST(ObjectSkim, ObjectNumbersAreCastAsPoDoFoCastsThem) {
    EXPECT_EQ(numbers(skim("[-4294967295 0 R] endobj")), (std::vector<unsigned>{1}));
    EXPECT_EQ(numbers(skim("[+12 0 R] endobj")), (std::vector<unsigned>{12}));
    EXPECT_EQ(numbers(skim("[99999999999999999999999 0 R] endobj")), (std::vector<unsigned>{0xFFFFFFFFu}));
}

} // namespace
} // namespace kyso::pdf
