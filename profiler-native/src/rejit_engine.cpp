#include "rejit_engine.h"

#include "text.h"

namespace diagnose {

namespace {

void Split(const std::vector<MethodKey>& methods, std::vector<ModuleID>* modules, std::vector<mdMethodDef>* defs) {
    modules->reserve(methods.size());
    defs->reserve(methods.size());
    for (const auto& key : methods) {
        modules->push_back(key.moduleId);
        defs->push_back(key.methodDef);
    }
}

}  // namespace

ReJitEngine::ReJitEngine(RuntimeApi& runtime, Logger& logger, MetadataEmitters& emitters, MethodStates& states)
    : m_runtime(runtime), m_logger(logger), m_emitters(emitters), m_states(states) {}

HRESULT ReJitEngine::ReJit(const std::vector<MethodKey>& methods) {
    m_emitters.ApplyPending();
    std::vector<ModuleID> modules;
    std::vector<mdMethodDef> defs;
    Split(methods, &modules, &defs);
    // Marked first: a method can be re-JIT'd on another thread before the call below returns.
    m_states.MarkRequested(methods);
    const HRESULT hr = m_runtime.RequestReJITWithInliners(COR_PRF_REJIT_BLOCK_INLINING,
                                                          static_cast<ULONG>(methods.size()), modules.data(),
                                                          defs.data());
    if (FAILED(hr)) {
        for (const auto& key : methods) {
            m_states.MarkFailed(key, hr);
        }
    }
    m_logger.Logf(FAILED(hr) ? LogLevel::Error : LogLevel::Info, "RequestReJITWithInliners(%zu methods) -> %s",
                  methods.size(), FormatHr(hr).c_str());
    return hr;
}

HRESULT ReJitEngine::Revert(const std::vector<MethodKey>& methods, std::vector<HRESULT>* statuses) {
    std::vector<ModuleID> modules;
    std::vector<mdMethodDef> defs;
    Split(methods, &modules, &defs);
    statuses->assign(methods.size(), S_OK);
    const HRESULT hr = m_runtime.RequestRevert(static_cast<ULONG>(methods.size()), modules.data(), defs.data(),
                                             statuses->data());
    for (size_t i = 0; SUCCEEDED(hr) && i < methods.size(); ++i) {
        if (SUCCEEDED((*statuses)[i])) {
            m_states.MarkReverted(methods[i]);
        } else {
            m_logger.Logf(LogLevel::Warning, "RequestRevert: method 0x%08X in module 0x%zx -> %s",
                          methods[i].methodDef, methods[i].moduleId, FormatHr((*statuses)[i]).c_str());
        }
    }
    m_logger.Logf(FAILED(hr) ? LogLevel::Error : LogLevel::Info, "RequestRevert(%zu methods) -> %s", methods.size(),
                  FormatHr(hr).c_str());
    return hr;
}

}  // namespace diagnose
