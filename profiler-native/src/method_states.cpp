#include "method_states.h"

namespace diagnose {

void MethodStates::MarkRequested(const std::vector<MethodKey>& keys) {
    std::lock_guard<std::mutex> lock(m_mutex);
    for (const auto& key : keys) {
        m_states[key] = MethodStatus{MethodState::Requested, S_OK};
    }
}

void MethodStates::MarkFailed(const MethodKey& key, HRESULT hr) {
    std::lock_guard<std::mutex> lock(m_mutex);
    m_states[key] = MethodStatus{MethodState::Failed, hr};
}

void MethodStates::MarkCompiled(const MethodKey& key) {
    std::lock_guard<std::mutex> lock(m_mutex);
    const auto it = m_states.find(key);
    if (it != m_states.end() && it->second.state == MethodState::Requested) {
        it->second = MethodStatus{MethodState::Compiled, S_OK};
    }
}

void MethodStates::MarkReverted(const MethodKey& key) {
    std::lock_guard<std::mutex> lock(m_mutex);
    m_states[key] = MethodStatus{MethodState::Reverted, S_OK};
}

bool MethodStates::IsTracked(const MethodKey& key) const {
    std::lock_guard<std::mutex> lock(m_mutex);
    const auto it = m_states.find(key);
    return it != m_states.end() && it->second.state != MethodState::None;
}

void MethodStates::ForgetModule(ModuleID moduleId) {
    std::lock_guard<std::mutex> lock(m_mutex);
    for (auto it = m_states.begin(); it != m_states.end();) {
        it = it->first.moduleId == moduleId ? m_states.erase(it) : std::next(it);
    }
}

MethodStatus MethodStates::Get(const MethodKey& key) const {
    std::lock_guard<std::mutex> lock(m_mutex);
    const auto it = m_states.find(key);
    return it == m_states.end() ? MethodStatus{} : it->second;
}

}  // namespace diagnose
