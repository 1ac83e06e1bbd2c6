// A RuntimeApi double: records every call with the thread it came from, answers with configurable HRESULTs,
// and can run a probe inside the ReJIT call (to look at the profiler's state while the runtime "suspends").
#pragma once

#include <atomic>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

#include "runtime_api.h"

namespace diagnose::testing {

class FakeRuntime final : public RuntimeApi {
public:
    HRESULT InitializeCurrentThread() override {
        std::lock_guard<std::mutex> lock(mutex);
        initializedThread = std::this_thread::get_id();
        calls.push_back("InitializeCurrentThread");
        return S_OK;
    }
    HRESULT OpenMetadataForWrite(ModuleID, IUnknown** emit) override {
        *emit = nullptr;
        Record("OpenMetadataForWrite");
        return E_NOTIMPL;
    }
    HRESULT ApplyMetaData(ModuleID) override {
        Record("ApplyMetaData");
        return S_OK;
    }
    HRESULT RequestReJITWithInliners(DWORD flags, ULONG count, ModuleID modules[], mdMethodDef methods[]) override {
        Record("RequestReJITWithInliners");
        {
            std::lock_guard<std::mutex> lock(mutex);
            lastFlags = flags;
            lastModules.assign(modules, modules + count);
            lastMethods.assign(methods, methods + count);
        }
        if (duringReJit) {
            duringReJit();
        }
        return rejitResult;
    }
    HRESULT RequestRevert(ULONG count, ModuleID modules[], mdMethodDef methods[], HRESULT statuses[]) override {
        Record("RequestRevert");
        {
            std::lock_guard<std::mutex> lock(mutex);
            lastModules.assign(modules, modules + count);
            lastMethods.assign(methods, methods + count);
        }
        for (ULONG i = 0; i < count; ++i) {
            statuses[i] = i < revertStatuses.size() ? revertStatuses[i] : S_OK;
        }
        return revertResult;
    }

    std::vector<std::string> Calls() {
        std::lock_guard<std::mutex> lock(mutex);
        return calls;
    }

    std::mutex mutex;
    std::vector<std::string> calls;
    std::vector<std::thread::id> callThreads;
    std::thread::id initializedThread;
    DWORD lastFlags = 0;
    std::vector<ModuleID> lastModules;
    std::vector<mdMethodDef> lastMethods;
    HRESULT rejitResult = S_OK;
    HRESULT revertResult = S_OK;
    std::vector<HRESULT> revertStatuses;
    std::function<void()> duringReJit;

private:
    void Record(const char* name) {
        std::lock_guard<std::mutex> lock(mutex);
        calls.push_back(name);
        callThreads.push_back(std::this_thread::get_id());
    }
};

}  // namespace diagnose::testing
