// The runtime services the worker thread and the ReJIT machinery call, behind one small interface:
// ICorProfilerInfo11 in the profiler (InfoRuntimeApi), a fake in the tests.
#pragma once

#include "clr/metadata.h"
#include "clr/profiler_info.h"

namespace diagnose {

class RuntimeApi {
public:
    virtual ~RuntimeApi() = default;
    virtual HRESULT InitializeCurrentThread() = 0;
    // IMetaDataEmit of the module opened read+write (not allowed on managed threads outside callbacks).
    virtual HRESULT OpenMetadataForWrite(ModuleID moduleId, IUnknown** emit) = 0;
    virtual HRESULT ApplyMetaData(ModuleID moduleId) = 0;
    virtual HRESULT RequestReJITWithInliners(DWORD flags, ULONG count, ModuleID modules[], mdMethodDef methods[]) = 0;
    virtual HRESULT RequestRevert(ULONG count, ModuleID modules[], mdMethodDef methods[], HRESULT statuses[]) = 0;
};

class InfoRuntimeApi final : public RuntimeApi {
public:
    explicit InfoRuntimeApi(ICorProfilerInfo11* info) : m_info(info) {}

    HRESULT InitializeCurrentThread() override { return m_info->InitializeCurrentThread(); }
    HRESULT OpenMetadataForWrite(ModuleID moduleId, IUnknown** emit) override;
    HRESULT ApplyMetaData(ModuleID moduleId) override { return m_info->ApplyMetaData(moduleId); }
    HRESULT RequestReJITWithInliners(DWORD flags, ULONG count, ModuleID modules[], mdMethodDef methods[]) override {
        return m_info->RequestReJITWithInliners(flags, count, modules, methods);
    }
    HRESULT RequestRevert(ULONG count, ModuleID modules[], mdMethodDef methods[], HRESULT statuses[]) override {
        return m_info->RequestRevert(count, modules, methods, statuses);
    }

private:
    ICorProfilerInfo11* m_info;
};

}  // namespace diagnose
