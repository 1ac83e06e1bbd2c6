// What the C exports do once their arguments passed the checks in exports.cpp: the managed agent's view of
// a running profiler. Exports reach it through ActiveBridge() (entry_state.h) only while the profiler is active.
#pragma once

#include <atomic>

#include "diagnose/exports.h"
#include "profiler_core.h"

namespace diagnose {

class AgentBridge {
public:
    explicit AgentBridge(ProfilerCore& core) : m_core(core), m_logger(core.logger) {}

    bool IsActive() const { return m_active.load(); }
    void SetActive(bool active) { m_active.store(active); }

    HRESULT GetFunctionInfo(uintptr_t functionId, uintptr_t* moduleId, uint32_t* methodDef);
    HRESULT GetILBody(uintptr_t moduleId, uint32_t methodDef, const uint8_t** body, uint32_t* size);
    HRESULT GetTokenFromSig(uintptr_t moduleId, const uint8_t* sig, uint32_t size, uint32_t* token);
    HRESULT GetTokenFromTypeSpec(uintptr_t moduleId, const uint8_t* sig, uint32_t size, uint32_t* token);
    HRESULT RequestReJit(uint32_t count, const MethodBody* methods, uint32_t timeoutMs);
    HRESULT RequestRevert(uint32_t count, const MethodRef* methods, uint32_t timeoutMs, HRESULT* statuses);
    HRESULT GetMethodState(uintptr_t moduleId, uint32_t methodDef, int32_t* state, HRESULT* lastError);
    HRESULT Log(int32_t level, const char* utf8Message);
    HRESULT GetLogPath(char* buffer, uint32_t bufferSize, uint32_t* needed);

    Logger& logger() { return m_logger; }

    // The shape shared by GetTokenFromSig and GetTokenFromTypeSpec.
    using TokenExport = HRESULT (AgentBridge::*)(uintptr_t, const uint8_t*, uint32_t, uint32_t*);

private:
    using EmitMethod = HRESULT (MetadataEmitters::*)(ModuleID, const uint8_t*, uint32_t, mdToken*);

    HRESULT CheckModule(uintptr_t moduleId, const char* caller);
    HRESULT EmitToken(const char* caller, EmitMethod emit, uintptr_t moduleId, const uint8_t* sig, uint32_t size,
                      uint32_t* token);

    ProfilerCore& m_core;
    Logger& m_logger;
    std::atomic<bool> m_active{false};
};

}  // namespace diagnose
