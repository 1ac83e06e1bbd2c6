// Argument checks of the C exports that need no running profiler (so they are the same, and testable,
// whether or not the library is active).
#pragma once

#include "diagnose/exports.h"

namespace diagnose {

bool IsMethodDefToken(uint32_t token);

// E_POINTER for a null array, E_INVALIDARG for count 0, a zero module, a token that is not a MethodDef, or a
// body that is not a complete IL method body (tiny or fat header + code + sections) within ilSize bytes.
HRESULT CheckMethodBodies(uint32_t count, const MethodBody* methods);
HRESULT CheckMethodRefs(uint32_t count, const MethodRef* methods);

}  // namespace diagnose
