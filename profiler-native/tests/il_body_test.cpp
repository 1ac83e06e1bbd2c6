#include <gtest/gtest.h>

#include <vector>

#include "il_body.h"

using diagnose::MeasureIlBody;

namespace {

// Fat header (flags 0x3003 | extra flags, size 3 dwords), maxstack 8, code size, no locals.
std::vector<uint8_t> FatHeader(uint32_t codeSize, uint16_t extraFlags) {
    const uint16_t flags = static_cast<uint16_t>(0x3003 | extraFlags);
    return {static_cast<uint8_t>(flags & 0xFF), static_cast<uint8_t>(flags >> 8), 8, 0,
            static_cast<uint8_t>(codeSize), static_cast<uint8_t>(codeSize >> 8), 0, 0, 0, 0, 0, 0};
}

void Pad4(std::vector<uint8_t>* body) {
    while (body->size() % 4 != 0) {
        body->push_back(0);
    }
}

}  // namespace

TEST(IlBodyTest, TinyBodyIsOneByteHeaderPlusCode) {
    const uint8_t tiny[] = {(2 << 2) | 0x2, 0x17, 0x2A};  // ldc.i4.1; ret
    EXPECT_EQ(MeasureIlBody(tiny, sizeof(tiny)), 3u);
    EXPECT_EQ(MeasureIlBody(tiny, 2), std::nullopt);
}

TEST(IlBodyTest, FatBodyWithoutSections) {
    auto body = FatHeader(2, 0x10);
    body.push_back(0x18);
    body.push_back(0x2A);
    EXPECT_EQ(MeasureIlBody(body.data(), body.size()), 14u);
    EXPECT_EQ(MeasureIlBody(body.data(), 13), std::nullopt);
}

TEST(IlBodyTest, SmallEhSectionStartsAtTheNextFourByteBoundary) {
    auto body = FatHeader(5, 0x8 | 0x10);  // MoreSects
    body.insert(body.end(), {0x00, 0x00, 0x00, 0x00, 0x2A});  // 17 bytes so far: 3 bytes padding follow
    Pad4(&body);
    const std::vector<uint8_t> smallEh = {0x01, 16, 0, 0, /* one 12-byte clause */ 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
    body.insert(body.end(), smallEh.begin(), smallEh.end());
    ASSERT_EQ(body.size(), 36u);
    EXPECT_EQ(MeasureIlBody(body.data(), body.size()), 36u);
    // What the header, code and section add up to without the padding: too short.
    EXPECT_EQ(MeasureIlBody(body.data(), 12 + 5 + 16), std::nullopt);
}

TEST(IlBodyTest, SeveralFatSectionsAreWalked) {
    auto body = FatHeader(4, 0x8);
    body.insert(body.end(), {0x00, 0x00, 0x00, 0x2A});
    // Fat EH section (kind EHTable | FatFormat | MoreSects), 4 + 24 bytes.
    body.insert(body.end(), {0x01 | 0x40 | 0x80, 28, 0, 0});
    body.insert(body.end(), 24, 0);
    // A second fat section of another kind, 4 + 6 bytes, ends unaligned.
    body.insert(body.end(), {0x02 | 0x40, 10, 0, 0, 1, 2, 3, 4, 5, 6});
    EXPECT_EQ(MeasureIlBody(body.data(), body.size()), body.size());
    EXPECT_EQ(MeasureIlBody(body.data(), body.size() - 1), std::nullopt);
}

TEST(IlBodyTest, GarbageIsRejected) {
    const uint8_t notAHeader[] = {0x00, 0x00, 0x00};
    EXPECT_EQ(MeasureIlBody(notAHeader, sizeof(notAHeader)), std::nullopt);
    EXPECT_EQ(MeasureIlBody(nullptr, 10), std::nullopt);
    auto hugeCode = FatHeader(0xFFFF, 0);
    EXPECT_EQ(MeasureIlBody(hugeCode.data(), hugeCode.size()), std::nullopt);
    auto badSection = FatHeader(4, 0x8);
    badSection.insert(badSection.end(), {0x00, 0x00, 0x00, 0x2A, 0x01, 2, 0, 0});  // section smaller than its header
    EXPECT_EQ(MeasureIlBody(badSection.data(), badSection.size()), std::nullopt);
}
