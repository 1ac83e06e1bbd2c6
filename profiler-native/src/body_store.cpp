#include "body_store.h"

namespace diagnose {

void BodyStore::Put(const MethodKey& key, const uint8_t* il, uint32_t size, const ILMapEntry* map,
                    uint32_t mapCount) {
    std::shared_ptr<const StoredBody> copy;
    if (il != nullptr) {
        // Copied before taking the lock. fAccurate: each entry is the exact place of an original instruction.
        auto body = std::make_shared<StoredBody>();
        body->il.assign(il, il + size);
        body->map.reserve(mapCount);
        for (uint32_t i = 0; map != nullptr && i < mapCount; ++i) {
            body->map.push_back(COR_IL_MAP{map[i].oldOffset, map[i].newOffset, TRUE});
        }
        copy = std::move(body);
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

BodyStore::Lookup BodyStore::Find(const MethodKey& key, std::shared_ptr<const StoredBody>* body) const {
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
