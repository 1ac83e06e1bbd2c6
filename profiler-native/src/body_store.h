// The IL bodies the agent prepared, served to the runtime in GetReJITParameters. Lookups copy a shared
// reference under a short lock, so the runtime callback never waits on anything slow.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <unordered_map>
#include <vector>

#include "clr/profiler_helpers.h"
#include "diagnose/exports.h"
#include "method_key.h"

namespace diagnose {

using IlBytes = std::vector<uint8_t>;

// A new body and where the original instructions landed in it (the runtime's instrumented-code map).
struct StoredBody {
    IlBytes il;
    std::vector<COR_IL_MAP> map;
};

class BodyStore {
public:
    enum class Lookup : int32_t {
        NotFound = 0,     // never stored (or forgotten): the runtime keeps the original IL
        OriginalIl = 1,   // stored as "re-JIT with the original IL"
        Body = 2,         // a new body is stored
    };

    // Stores a copy of `il` and of its map (replacing any earlier entry); il == nullptr stores the original-IL
    // marker (and no map).
    void Put(const MethodKey& key, const uint8_t* il, uint32_t size, const ILMapEntry* map = nullptr,
             uint32_t mapCount = 0);
    void Forget(const MethodKey& key);
    void ForgetModule(ModuleID moduleId);

    // On Lookup::Body, *body holds the bytes and the map (kept alive by the shared reference even if replaced meanwhile).
    Lookup Find(const MethodKey& key, std::shared_ptr<const StoredBody>* body) const;
    size_t Count() const;

private:
    mutable std::mutex m_mutex;
    std::unordered_map<MethodKey, std::shared_ptr<const StoredBody>, MethodKeyHash> m_bodies;  // null = original IL
};

}  // namespace diagnose
