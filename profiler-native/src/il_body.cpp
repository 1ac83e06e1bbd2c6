#include "il_body.h"

namespace diagnose {

namespace {

constexpr uint8_t kFormatMask = 0x3;
constexpr uint8_t kTinyFormat = 0x2;
constexpr uint8_t kFatFormat = 0x3;
constexpr uint16_t kMoreSects = 0x8;
constexpr uint8_t kSectFatFormat = 0x40;
constexpr uint8_t kSectMoreSects = 0x80;

size_t AlignUp4(size_t value) { return (value + 3) & ~static_cast<size_t>(3); }

uint16_t ReadU16(const uint8_t* p) { return static_cast<uint16_t>(p[0] | (p[1] << 8)); }
uint32_t ReadU32(const uint8_t* p) {
    return static_cast<uint32_t>(p[0]) | (static_cast<uint32_t>(p[1]) << 8) | (static_cast<uint32_t>(p[2]) << 16) |
           (static_cast<uint32_t>(p[3]) << 24);
}

}  // namespace

std::optional<size_t> MeasureIlBody(const uint8_t* body, size_t available) {
    if (body == nullptr || available == 0) {
        return std::nullopt;
    }
    if ((body[0] & kFormatMask) == kTinyFormat) {
        const size_t total = 1 + (body[0] >> 2);
        return total <= available ? std::optional<size_t>(total) : std::nullopt;
    }
    if ((body[0] & kFormatMask) != kFatFormat || available < 12) {
        return std::nullopt;
    }
    // Fat header: Flags (12 bits) + Size in dwords (4 bits), MaxStack u16, CodeSize u32, LocalVarSigTok u32.
    const uint16_t flagsAndSize = ReadU16(body);
    const size_t headerSize = static_cast<size_t>(flagsAndSize >> 12) * 4;
    if (headerSize < 12) {
        return std::nullopt;
    }
    const size_t codeSize = ReadU32(body + 4);
    size_t end = headerSize + codeSize;
    if (end > available || end < headerSize) {
        return std::nullopt;
    }
    bool more = (flagsAndSize & kMoreSects) != 0;
    size_t section = AlignUp4(end);
    while (more) {
        if (section + 4 > available) {
            return std::nullopt;
        }
        const uint8_t kind = body[section];
        // Small sections hold their size (which includes this 4-byte header) in one byte, fat ones in three.
        const size_t dataSize = (kind & kSectFatFormat) != 0
                                    ? (static_cast<size_t>(body[section + 1]) | (static_cast<size_t>(body[section + 2]) << 8) |
                                       (static_cast<size_t>(body[section + 3]) << 16))
                                    : body[section + 1];
        if (dataSize < 4 || section + dataSize > available) {
            return std::nullopt;
        }
        end = section + dataSize;
        more = (kind & kSectMoreSects) != 0;
        section = AlignUp4(end);
    }
    return end;
}

}  // namespace diagnose
