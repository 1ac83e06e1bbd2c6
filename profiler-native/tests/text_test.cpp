#include <gtest/gtest.h>

#include "text.h"

using namespace diagnose;

TEST(TextTest, Utf16ToUtf8HandlesBmpAndSurrogatePairs) {
    const std::u16string text = u"/tmp/\u00e9t\u00e9/\U0001F600.dll";
    EXPECT_EQ(Utf16ToUtf8(text.c_str()), "/tmp/\xC3\xA9t\xC3\xA9/\xF0\x9F\x98\x80.dll");
    EXPECT_EQ(Utf16ToUtf8(text.data(), 4), "/tmp");
    EXPECT_EQ(Utf16ToUtf8(nullptr), "");
}

TEST(TextTest, LoneSurrogatesBecomeReplacementCharacters) {
    const char16_t lone[] = {u'a', 0xD800, u'b', 0};
    EXPECT_EQ(Utf16ToUtf8(lone), "a\xEF\xBF\xBD" "b");
}

TEST(TextTest, Utf8ToUtf16RoundTripsAndReplacesInvalidBytes) {
    const std::string text = "DIAGNOSE_\xC3\xA9=\xF0\x9F\x98\x80";
    EXPECT_EQ(Utf16ToUtf8(Utf8ToUtf16(text).c_str()), text);
    EXPECT_EQ(Utf8ToUtf16("a\xFF" "b"), u"a\uFFFDb");
    EXPECT_EQ(Utf8ToUtf16("\xE2\x82"), u"\uFFFD\uFFFD");  // truncated sequence
}

TEST(TextTest, HresultsAndGuidsArePrintable) {
    EXPECT_EQ(FormatHr(static_cast<HRESULT>(0x80131363)), "0x80131363");
    EXPECT_EQ(FormatHr(S_OK), "0x00000000");
    const GUID guid = {0x8A3E5F21, 0x4C7D, 0x4E2B, {0x9B, 0x1A, 0xD1, 0xA6, 0xC0, 0xF3, 0xE7, 0x42}};
    EXPECT_EQ(FormatGuid(guid), "8a3e5f21-4c7d-4e2b-9b1a-d1a6c0f3e742");
}
