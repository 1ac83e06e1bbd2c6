// A method as the ReJIT API names it: the module it lives in and its MethodDef token.
#pragma once

#include <cstddef>
#include <functional>

#include "clr/types.h"

namespace diagnose {

struct MethodKey {
    ModuleID moduleId = 0;
    mdMethodDef methodDef = 0;

    bool operator==(const MethodKey& other) const {
        return moduleId == other.moduleId && methodDef == other.methodDef;
    }
};

struct MethodKeyHash {
    size_t operator()(const MethodKey& key) const {
        return std::hash<uintptr_t>()(key.moduleId) ^ (std::hash<uint32_t>()(key.methodDef) * 0x9E3779B97F4A7C15ull);
    }
};

}  // namespace diagnose
