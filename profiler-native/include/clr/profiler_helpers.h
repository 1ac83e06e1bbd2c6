// Small helper interfaces the runtime hands a profiler: the ReJIT function control and the module enumerator.
#pragma once

#include "clr/unknwn.h"

struct COR_IL_MAP {
    ULONG32 oldOffset;
    ULONG32 newOffset;
    BOOL fAccurate;
};

class ICorProfilerFunctionControl : public IUnknown {
public:
    virtual HRESULT STDMETHODCALLTYPE SetCodegenFlags(DWORD flags) = 0;                                       // 3
    virtual HRESULT STDMETHODCALLTYPE SetILFunctionBody(ULONG cbNewILMethodHeader, LPCBYTE pbNewILMethodHeader) = 0;  // 4
    virtual HRESULT STDMETHODCALLTYPE SetILInstrumentedCodeMap(ULONG cILMapEntries, COR_IL_MAP rgILMapEntries[]) = 0;  // 5
};

class ICorProfilerModuleEnum : public IUnknown {
public:
    virtual HRESULT STDMETHODCALLTYPE Skip(ULONG celt) = 0;                                      // 3
    virtual HRESULT STDMETHODCALLTYPE Reset() = 0;                                               // 4
    virtual HRESULT STDMETHODCALLTYPE Clone(ICorProfilerModuleEnum** ppEnum) = 0;                // 5
    virtual HRESULT STDMETHODCALLTYPE GetCount(ULONG* pcelt) = 0;                                // 6
    virtual HRESULT STDMETHODCALLTYPE Next(ULONG celt, ModuleID ids[], ULONG* pceltFetched) = 0;  // 7
};
