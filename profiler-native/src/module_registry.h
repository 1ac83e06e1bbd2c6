// The modules the runtime has loaded: filled from ModuleLoadFinished and, after an attach, from EnumModules
// (both may report the same module: entries are de-duplicated by ModuleID). Exports check ModuleIDs here
// before handing them to the runtime, which would crash on a bad pointer.
#pragma once

#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "clr/types.h"

namespace diagnose {

struct ModuleInfo {
    ModuleID id = 0;
    AssemblyID assemblyId = 0;
    std::string name;  // file path for modules loaded from disk, else the metadata scope name
    GUID mvid{};
    bool hasMvid = false;
    bool isDynamic = false;
    DWORD flags = 0;
};

class ModuleRegistry {
public:
    // False (and no change) when the module was already known.
    bool Add(const ModuleInfo& module);
    bool Contains(ModuleID id) const;
    std::optional<ModuleInfo> Find(ModuleID id) const;
    // The removed entry, if there was one.
    std::optional<ModuleInfo> Remove(ModuleID id);
    size_t Count() const;

private:
    mutable std::mutex m_mutex;
    std::unordered_map<ModuleID, ModuleInfo> m_modules;
};

}  // namespace diagnose
