#include "class_factory.h"

#include "clr/iids.h"
#include "guard.h"
#include "profiler.h"

namespace diagnose {

HRESULT STDMETHODCALLTYPE ClassFactory::QueryInterface(REFIID riid, void** ppvObject) {
    if (ppvObject == nullptr) {
        return E_POINTER;
    }
    if (riid == clr::IID_IUnknown || riid == clr::IID_IClassFactory) {
        *ppvObject = static_cast<IClassFactory*>(this);
        AddRef();
        return S_OK;
    }
    *ppvObject = nullptr;
    return E_NOINTERFACE;
}

ULONG STDMETHODCALLTYPE ClassFactory::AddRef() { return ++m_refCount; }

ULONG STDMETHODCALLTYPE ClassFactory::Release() {
    const ULONG count = --m_refCount;
    if (count == 0) {
        delete this;
    }
    return count;
}

HRESULT STDMETHODCALLTYPE ClassFactory::CreateInstance(IUnknown* pUnkOuter, REFIID riid, void** ppvObject) {
    return Guard(nullptr, "CreateInstance", [&]() -> HRESULT {
        if (ppvObject == nullptr) {
            return E_POINTER;
        }
        *ppvObject = nullptr;
        if (pUnkOuter != nullptr) {
            return CLASS_E_NOAGGREGATION;
        }
        auto* profiler = new Profiler();
        const HRESULT hr = profiler->QueryInterface(riid, ppvObject);
        profiler->Release();  // the caller's reference (if any) keeps it alive
        return hr;
    });
}

HRESULT STDMETHODCALLTYPE ClassFactory::LockServer(BOOL) { return S_OK; }

}  // namespace diagnose

extern "C" __attribute__((visibility("default"))) HRESULT DllGetClassObject(REFCLSID rclsid, REFIID riid,
                                                                             void** ppv) {
    return diagnose::Guard(nullptr, "DllGetClassObject", [&]() -> HRESULT {
        if (ppv == nullptr) {
            return E_POINTER;
        }
        *ppv = nullptr;
        if (rclsid != diagnose::CLSID_DiagnoseProfiler) {
            return CLASS_E_CLASSNOTAVAILABLE;
        }
        auto* factory = new diagnose::ClassFactory();
        const HRESULT hr = factory->QueryInterface(riid, ppv);
        factory->Release();
        return hr;
    });
}
