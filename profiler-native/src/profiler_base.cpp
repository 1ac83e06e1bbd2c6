#include "profiler_base.h"

#include "clr/iids.h"

namespace diagnose {

HRESULT STDMETHODCALLTYPE ProfilerBase::QueryInterface(REFIID riid, void** ppvObject) {
    if (ppvObject == nullptr) {
        return E_POINTER;
    }
    const GUID* supported[] = {
        &clr::IID_IUnknown,               &clr::IID_ICorProfilerCallback,   &clr::IID_ICorProfilerCallback2,
        &clr::IID_ICorProfilerCallback3,  &clr::IID_ICorProfilerCallback4,  &clr::IID_ICorProfilerCallback5,
        &clr::IID_ICorProfilerCallback6,  &clr::IID_ICorProfilerCallback7,  &clr::IID_ICorProfilerCallback8,
        &clr::IID_ICorProfilerCallback9,  &clr::IID_ICorProfilerCallback10, &clr::IID_ICorProfilerCallback11,
    };
    for (const GUID* iid : supported) {
        if (riid == *iid) {
            // Single inheritance: one vtable serves IUnknown and every callback version.
            *ppvObject = static_cast<ICorProfilerCallback11*>(this);
            AddRef();
            return S_OK;
        }
    }
    *ppvObject = nullptr;
    return E_NOINTERFACE;
}

ULONG STDMETHODCALLTYPE ProfilerBase::AddRef() { return ++m_refCount; }

ULONG STDMETHODCALLTYPE ProfilerBase::Release() {
    const ULONG count = --m_refCount;
    if (count == 0) {
        delete this;
    }
    return count;
}

HRESULT STDMETHODCALLTYPE ProfilerBase::JITCachedFunctionSearchStarted(FunctionID, BOOL* pbUseCachedFunction) {
    if (pbUseCachedFunction != nullptr) {
        *pbUseCachedFunction = TRUE;  // always keep ReadyToRun code
    }
    return S_OK;
}

HRESULT STDMETHODCALLTYPE ProfilerBase::JITInlining(FunctionID, FunctionID, BOOL* pfShouldInline) {
    if (pfShouldInline != nullptr) {
        *pfShouldInline = TRUE;  // never restrict the JIT
    }
    return S_OK;
}

HRESULT STDMETHODCALLTYPE ProfilerBase::LoadAsNotificationOnly(BOOL* pbNotificationOnly) {
    if (pbNotificationOnly != nullptr) {
        *pbNotificationOnly = FALSE;  // Diagnose needs ReJIT: a full profiler
    }
    return S_OK;
}

}  // namespace diagnose
