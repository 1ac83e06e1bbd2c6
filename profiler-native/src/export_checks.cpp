#include "export_checks.h"

#include "il_body.h"

namespace diagnose {

bool IsMethodDefToken(uint32_t token) { return TypeFromToken(token) == mdtMethodDef && (token & 0x00FFFFFF) != 0; }

bool IsSortedILMap(const ILMapEntry* map, uint32_t count) {
    if (count == 0) {
        return true;
    }
    if (map == nullptr) {
        return false;
    }
    for (uint32_t i = 1; i < count; ++i) {
        if (map[i].oldOffset < map[i - 1].oldOffset || map[i].newOffset < map[i - 1].newOffset) {
            return false;
        }
    }
    return true;
}

HRESULT CheckMethodBodies(uint32_t count, const MethodBody* methods) {
    if (methods == nullptr) {
        return E_POINTER;
    }
    if (count == 0) {
        return E_INVALIDARG;
    }
    for (uint32_t i = 0; i < count; ++i) {
        const MethodBody& method = methods[i];
        if (method.moduleId == 0 || !IsMethodDefToken(method.methodDef)) {
            return E_INVALIDARG;
        }
        if (method.il == nullptr) {
            if (method.ilSize != 0 || method.mapCount != 0) {
                return E_INVALIDARG;
            }
            continue;
        }
        if (method.ilSize == 0 || !MeasureIlBody(method.il, method.ilSize)) {
            return E_INVALIDARG;
        }
        if (!IsSortedILMap(method.map, method.mapCount)) {
            return E_INVALIDARG;
        }
    }
    return S_OK;
}

HRESULT CheckMethodRefs(uint32_t count, const MethodRef* methods) {
    if (methods == nullptr) {
        return E_POINTER;
    }
    if (count == 0) {
        return E_INVALIDARG;
    }
    for (uint32_t i = 0; i < count; ++i) {
        if (methods[i].moduleId == 0 || !IsMethodDefToken(methods[i].methodDef)) {
            return E_INVALIDARG;
        }
    }
    return S_OK;
}

}  // namespace diagnose
