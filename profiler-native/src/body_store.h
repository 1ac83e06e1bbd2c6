// The IL bodies the agent prepared, served to the runtime in GetReJITParameters. Lookups copy a shared
// reference under a short lock, so the runtime callback never waits on anything slow.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <unordered_map>
#include <vector>

#include "method_key.h"

namespace diagnose {

using IlBytes = std::vector<uint8_t>;

class BodyStore {
public:
    enum class Lookup : int32_t {
        NotFound = 0,     // never stored (or forgotten): the runtime keeps the original IL
        OriginalIl = 1,   // stored as "re-JIT with the original IL"
        Body = 2,         // a new body is stored
    };

    // Stores a copy of `il` (replacing any earlier entry); il == nullptr stores the original-IL marker.
    void Put(const MethodKey& key, const uint8_t* il, uint32_t size);
    void Forget(const MethodKey& key);
    void ForgetModule(ModuleID moduleId);

    // On Lookup::Body, *body holds the bytes (kept alive by the shared reference even if replaced meanwhile).
    Lookup Find(const MethodKey& key, std::shared_ptr<const IlBytes>* body) const;
    size_t Count() const;

private:
    mutable std::mutex m_mutex;
    std::unordered_map<MethodKey, std::shared_ptr<const IlBytes>, MethodKeyHash> m_bodies;  // null = original IL
};

}  // namespace diagnose
