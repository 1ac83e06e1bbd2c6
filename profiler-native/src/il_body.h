// Sizes of IL method bodies (ECMA-335 II.25.4): tiny or fat header, code, then (fat only, MoreSects) data
// sections that start at the next 4-byte boundary after the code, each again 4-byte aligned.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>

namespace diagnose {

// Total size (header + code + padding + every extra section) of the body at `body`, reading at most
// `available` bytes; nullopt when the bytes are not a well-formed body within that bound.
std::optional<size_t> MeasureIlBody(const uint8_t* body, size_t available);

}  // namespace diagnose
