#include "metadata_emitters.h"

#include <vector>

#include "hresult_macros.h"
#include "text.h"

namespace diagnose {

namespace {

constexpr uint32_t kOpenTimeoutMs = 10000;

}  // namespace

MetadataEmitters::MetadataEmitters(RuntimeApi& runtime, Logger& logger, Worker& worker)
    : m_runtime(runtime), m_logger(logger), m_worker(worker) {}

std::shared_ptr<MetadataEmitters::Entry> MetadataEmitters::EntryFor(ModuleID moduleId) {
    std::lock_guard<std::mutex> lock(m_mutex);
    auto& entry = m_entries[moduleId];
    if (!entry) {
        entry = std::make_shared<Entry>();
    }
    return entry;
}

HRESULT MetadataEmitters::EnsureOpen(ModuleID moduleId, const std::shared_ptr<Entry>& entry) {
    {
        std::lock_guard<std::mutex> lock(entry->mutex);
        if (entry->emit) {
            return S_OK;
        }
    }
    // Not waiting with the entry locked: the worker may need it (ApplyPending) before it reaches this job.
    const auto completion = m_worker.Post([this, moduleId, entry]() -> HRESULT {
        std::lock_guard<std::mutex> lock(entry->mutex);
        if (entry->forgotten) {
            return E_INVALIDARG;
        }
        if (entry->emit) {
            return S_OK;
        }
        IfFailRet(m_runtime.OpenMetadataForWrite(moduleId, entry->emit.OutUnknown()));
        return entry->emit ? S_OK : E_FAIL;  // S_FALSE and no interface: a module without metadata
    });
    HRESULT hr = E_FAIL;
    if (!completion->WaitFor(kOpenTimeoutMs, &hr)) {
        m_logger.Logf(LogLevel::Warning, "opening the metadata of module 0x%zx for write timed out", moduleId);
        return HRESULT_FROM_WIN32(ERROR_TIMEOUT);
    }
    return hr;
}

HRESULT MetadataEmitters::Emit(ModuleID moduleId, const std::function<HRESULT(IMetaDataEmit*)>& action) {
    const auto entry = EntryFor(moduleId);
    IfFailRet(EnsureOpen(moduleId, entry));
    std::lock_guard<std::mutex> lock(entry->mutex);
    if (entry->forgotten || !entry->emit) {
        return E_INVALIDARG;  // the module was unloaded meanwhile
    }
    IfFailRet(action(entry->emit.Get()));
    entry->dirty = true;
    return S_OK;
}

HRESULT MetadataEmitters::GetTokenFromSig(ModuleID moduleId, const uint8_t* sig, uint32_t size, mdSignature* token) {
    return Emit(moduleId, [&](IMetaDataEmit* emit) { return emit->GetTokenFromSig(sig, size, token); });
}

HRESULT MetadataEmitters::GetTokenFromTypeSpec(ModuleID moduleId, const uint8_t* sig, uint32_t size,
                                               mdTypeSpec* token) {
    return Emit(moduleId, [&](IMetaDataEmit* emit) { return emit->GetTokenFromTypeSpec(sig, size, token); });
}

void MetadataEmitters::ApplyPending() {
    std::vector<std::pair<ModuleID, std::shared_ptr<Entry>>> entries;
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        entries.assign(m_entries.begin(), m_entries.end());
    }
    for (auto& [moduleId, entry] : entries) {
        std::lock_guard<std::mutex> lock(entry->mutex);
        if (!entry->dirty) {
            continue;
        }
        const HRESULT hr = m_runtime.ApplyMetaData(moduleId);
        if (FAILED(hr)) {
            m_logger.Logf(LogLevel::Warning, "ApplyMetaData(0x%zx) failed with %s; continuing", moduleId,
                          FormatHr(hr).c_str());
            if (hr != E_NOTIMPL) {
                continue;  // retried with the next batch
            }
        } else {
            m_logger.Logf(LogLevel::Debug, "ApplyMetaData(0x%zx) succeeded", moduleId);
        }
        entry->dirty = false;
    }
}

void MetadataEmitters::ForgetModule(ModuleID moduleId) {
    std::shared_ptr<Entry> removed;
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        const auto it = m_entries.find(moduleId);
        if (it == m_entries.end()) {
            return;
        }
        removed = std::move(it->second);
        m_entries.erase(it);
    }
    std::lock_guard<std::mutex> lock(removed->mutex);
    removed->forgotten = true;
    removed->emit.Reset();
}

}  // namespace diagnose
