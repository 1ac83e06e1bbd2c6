// The Diagnose profiler: the runtime callbacks it needs on top of ProfilerBase. Start-up (launch or attach)
// wires up ProfilerCore and the AgentBridge; module callbacks keep the registry; ReJIT callbacks serve the
// stored bodies and record each method's state. Once active, the object is never destroyed (the worker
// thread and the exports keep using it until the process ends).
#pragma once

#include <memory>

#include "agent_bridge.h"
#include "client_data.h"
#include "com_ptr.h"
#include "logger.h"
#include "profiler_base.h"
#include "profiler_core.h"

namespace diagnose {

class Profiler final : public ProfilerBase {
public:
    Profiler() = default;
    ~Profiler() override = default;

    HRESULT STDMETHODCALLTYPE Initialize(IUnknown* pICorProfilerInfoUnk) override;
    HRESULT STDMETHODCALLTYPE InitializeForAttach(IUnknown* pCorProfilerInfoUnk, void* pvClientData,
                                                  UINT cbClientData) override;
    HRESULT STDMETHODCALLTYPE ProfilerAttachComplete() override;
    HRESULT STDMETHODCALLTYPE Shutdown() override;
    HRESULT STDMETHODCALLTYPE ModuleLoadFinished(ModuleID moduleId, HRESULT hrStatus) override;
    HRESULT STDMETHODCALLTYPE ModuleUnloadStarted(ModuleID moduleId) override;
    HRESULT STDMETHODCALLTYPE GetReJITParameters(ModuleID moduleId, mdMethodDef methodId,
                                                 ICorProfilerFunctionControl* pFunctionControl) override;
    HRESULT STDMETHODCALLTYPE ReJITCompilationFinished(FunctionID functionId, ReJITID rejitId, HRESULT hrStatus,
                                                       BOOL fIsSafeToBlock) override;
    HRESULT STDMETHODCALLTYPE ReJITError(ModuleID moduleId, mdMethodDef methodId, FunctionID functionId,
                                         HRESULT hrStatus) override;

    // The event mask set at launch and on attach: module tracking, ReJIT, and JIT events (without them
    // RequestReJITWithInliners sometimes misses inliners). Nothing that turns off ReadyToRun code.
    static constexpr DWORD kEventMask =
        CorPrfMonitor::ModuleLoads | CorPrfMonitor::EnableReJit | CorPrfMonitor::JitCompilation;

private:
    HRESULT Start(IUnknown* infoUnknown, bool attach, const ClientData& clientData);
    void LogRuntimeVersion();
    void PublishEnvironment(const ClientData& clientData);
    HRESULT SetEnvironment(const std::string& name, const std::string& value);
    void RegisterModule(ModuleID moduleId, const char* source);
    HRESULT RegisterLoadedModules();
    bool IsRunning() const { return m_core != nullptr && m_bridge != nullptr && m_bridge->IsActive(); }

    Logger m_logger;
    ComPtr<ICorProfilerInfo11> m_info;
    std::unique_ptr<ProfilerCore> m_core;
    std::unique_ptr<AgentBridge> m_bridge;
};

}  // namespace diagnose
