// Argument checks of the C exports that need no running profiler (so they are the same, and testable,
// whether or not the library is active).
#pragma once

#include "diagnose/exports.h"

namespace diagnose {

bool IsMethodDefToken(uint32_t token);

// True for an empty map, or a non-null one sorted by oldOffset and by newOffset (both non-decreasing), which is
// the order the runtime's instrumented-code map needs (it rounds an offset down to the entry before it).
bool IsSortedILMap(const ILMapEntry* map, uint32_t count);

// E_POINTER for a null array, E_INVALIDARG for count 0, a zero module, a token that is not a MethodDef, a
// body that is not a complete IL method body (tiny or fat header + code + sections) within ilSize bytes, a
// map that is not sorted (or null with a count), or a map given with the original IL.
HRESULT CheckMethodBodies(uint32_t count, const MethodBody* methods);
HRESULT CheckMethodRefs(uint32_t count, const MethodRef* methods);

}  // namespace diagnose
