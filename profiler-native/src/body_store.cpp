#include "body_store.h"

namespace diagnose {

void BodyStore::Put(const MethodKey& key, const uint8_t* il, uint32_t size) {
    std::shared_ptr<const IlBytes> copy;
    if (il != nullptr) {
        copy = std::make_shared<const IlBytes>(il, il + size);  // copied before taking the lock
    }
    std::lock_guard<std::mutex> lock(m_mutex);
    m_bodies[key] = std::move(copy);
}

void BodyStore::Forget(const MethodKey& key) {
    std::lock_guard<std::mutex> lock(m_mutex);
    m_bodies.erase(key);
}

void BodyStore::ForgetModule(ModuleID moduleId) {
    std::lock_guard<std::mutex> lock(m_mutex);
    for (auto it = m_bodies.begin(); it != m_bodies.end();) {
        it = it->first.moduleId == moduleId ? m_bodies.erase(it) : std::next(it);
    }
}

BodyStore::Lookup BodyStore::Find(const MethodKey& key, std::shared_ptr<const IlBytes>* body) const {
    std::lock_guard<std::mutex> lock(m_mutex);
    const auto it = m_bodies.find(key);
    if (it == m_bodies.end()) {
        return Lookup::NotFound;
    }
    if (!it->second) {
        return Lookup::OriginalIl;
    }
    *body = it->second;
    return Lookup::Body;
}

size_t BodyStore::Count() const {
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_bodies.size();
}

}  // namespace diagnose
