// What the profiler knows of each instrumented method (exports.h MethodState), fed by the worker thread and
// the runtime's ReJIT callbacks, read by DiagnoseGetMethodState.
#pragma once

#include <mutex>
#include <unordered_map>
#include <vector>

#include "diagnose/exports.h"
#include "method_key.h"

namespace diagnose {

struct MethodStatus {
    MethodState state = MethodState::None;
    HRESULT lastError = S_OK;
};

class MethodStates {
public:
    // Before RequestReJITWithInliners: compilation can finish on another thread before the call returns.
    void MarkRequested(const std::vector<MethodKey>& keys);
    void MarkFailed(const MethodKey& key, HRESULT hr);
    // Only methods that were requested (or already compiled) move to Compiled; a Failed state stays visible.
    void MarkCompiled(const MethodKey& key);
    void MarkReverted(const MethodKey& key);
    // True when the method is tracked (state other than None).
    bool IsTracked(const MethodKey& key) const;
    void ForgetModule(ModuleID moduleId);

    MethodStatus Get(const MethodKey& key) const;

private:
    mutable std::mutex m_mutex;
    std::unordered_map<MethodKey, MethodStatus, MethodKeyHash> m_states;
};

}  // namespace diagnose
