// The COM class factory the runtime asks DllGetClassObject for: creates Profiler instances.
#pragma once

#include <atomic>

#include "clr/unknwn.h"

namespace diagnose {

// {8A3E5F21-4C7D-4E2B-9B1A-D1A6C0F3E742} (README.md, CORECLR_PROFILER).
inline constexpr GUID CLSID_DiagnoseProfiler = {
    0x8A3E5F21, 0x4C7D, 0x4E2B, {0x9B, 0x1A, 0xD1, 0xA6, 0xC0, 0xF3, 0xE7, 0x42}};

class ClassFactory final : public IClassFactory {
public:
    ClassFactory() = default;
    virtual ~ClassFactory() = default;

    HRESULT STDMETHODCALLTYPE QueryInterface(REFIID riid, void** ppvObject) override;
    ULONG STDMETHODCALLTYPE AddRef() override;
    ULONG STDMETHODCALLTYPE Release() override;
    HRESULT STDMETHODCALLTYPE CreateInstance(IUnknown* pUnkOuter, REFIID riid, void** ppvObject) override;
    HRESULT STDMETHODCALLTYPE LockServer(BOOL fLock) override;

private:
    std::atomic<ULONG> m_refCount{1};
};

}  // namespace diagnose

// The library's COM entry point (the runtime looks it up by name).
extern "C" __attribute__((visibility("default"))) HRESULT DllGetClassObject(REFCLSID rclsid, REFIID riid, void** ppv);
