// IUnknown and IClassFactory, declared as g++ lays out COM interfaces on Linux: plain abstract classes,
// declaration order = vtable order, no virtual destructor (it would add slots).
#pragma once

#include "clr/types.h"

class IUnknown {
public:
    virtual HRESULT STDMETHODCALLTYPE QueryInterface(REFIID riid, void** ppvObject) = 0;  // slot 0
    virtual ULONG STDMETHODCALLTYPE AddRef() = 0;                                        // slot 1
    virtual ULONG STDMETHODCALLTYPE Release() = 0;                                       // slot 2
};

class IClassFactory : public IUnknown {
public:
    virtual HRESULT STDMETHODCALLTYPE CreateInstance(IUnknown* pUnkOuter, REFIID riid, void** ppvObject) = 0;  // 3
    virtual HRESULT STDMETHODCALLTYPE LockServer(BOOL fLock) = 0;                                             // 4
};
