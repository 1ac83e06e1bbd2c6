#include "module_registry.h"

namespace diagnose {

bool ModuleRegistry::Add(const ModuleInfo& module) {
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_modules.emplace(module.id, module).second;
}

bool ModuleRegistry::Contains(ModuleID id) const {
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_modules.count(id) != 0;
}

std::optional<ModuleInfo> ModuleRegistry::Find(ModuleID id) const {
    std::lock_guard<std::mutex> lock(m_mutex);
    const auto it = m_modules.find(id);
    if (it == m_modules.end()) {
        return std::nullopt;
    }
    return it->second;
}

std::optional<ModuleInfo> ModuleRegistry::Remove(ModuleID id) {
    std::lock_guard<std::mutex> lock(m_mutex);
    const auto it = m_modules.find(id);
    if (it == m_modules.end()) {
        return std::nullopt;
    }
    ModuleInfo removed = it->second;
    m_modules.erase(it);
    return removed;
}

size_t ModuleRegistry::Count() const {
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_modules.size();
}

}  // namespace diagnose
