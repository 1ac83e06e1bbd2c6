// Token emits into loaded modules, serialized per module. A module's IMetaDataEmit is opened read+write once
// and cached; the runtime refuses GetModuleMetaData(ofWrite) on a managed thread outside a callback
// (CORPROF_E_UNSUPPORTED_CALL_SEQUENCE), so the opening runs on the worker thread, while the emits themselves
// (plain metadata calls) run on the caller's thread. A module that received emits is "dirty" until the
// worker thread calls ApplyMetaData for it.
#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <unordered_map>

#include "clr/metadata.h"
#include "com_ptr.h"
#include "logger.h"
#include "runtime_api.h"
#include "worker.h"

namespace diagnose {

class MetadataEmitters {
public:
    MetadataEmitters(RuntimeApi& runtime, Logger& logger, Worker& worker);

    HRESULT GetTokenFromSig(ModuleID moduleId, const uint8_t* sig, uint32_t size, mdSignature* token);
    HRESULT GetTokenFromTypeSpec(ModuleID moduleId, const uint8_t* sig, uint32_t size, mdTypeSpec* token);

    // Calls ApplyMetaData for every dirty module (worker thread only). A failure is logged and the module
    // stays dirty; the batch goes on (older runtimes answer E_NOTIMPL and need no apply).
    void ApplyPending();

    void ForgetModule(ModuleID moduleId);

private:
    struct Entry {
        std::mutex mutex;  // serializes emits and ApplyMetaData for this module
        ComPtr<IMetaDataEmit> emit;
        bool dirty = false;
        bool forgotten = false;  // the module is unloading: never open or emit again
    };

    std::shared_ptr<Entry> EntryFor(ModuleID moduleId);
    HRESULT EnsureOpen(ModuleID moduleId, const std::shared_ptr<Entry>& entry);
    HRESULT Emit(ModuleID moduleId, const std::function<HRESULT(IMetaDataEmit*)>& action);

    RuntimeApi& m_runtime;
    Logger& m_logger;
    Worker& m_worker;
    std::mutex m_mutex;  // guards m_entries only
    std::unordered_map<ModuleID, std::shared_ptr<Entry>> m_entries;
};

}  // namespace diagnose
