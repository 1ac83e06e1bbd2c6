// Runtime callbacks: module tracking and ReJIT. Each does O(1)-ish work and never calls managed code.
#include "clr/profiler_helpers.h"
#include "guard.h"
#include "hresult_macros.h"
#include "module_inspector.h"
#include "profiler.h"
#include "text.h"

namespace diagnose {

void Profiler::RegisterModule(ModuleID moduleId, const char* source) {
    ModuleInfo module;
    if (FAILED(InspectModule(m_info.Get(), m_logger, moduleId, &module))) {
        return;
    }
    if (m_core->modules.Add(module)) {
        m_logger.Logf(LogLevel::Debug, "module 0x%zx (%s%s) mvid %s: %s", moduleId, source,
                      module.isDynamic ? ", dynamic" : "", module.hasMvid ? FormatGuid(module.mvid).c_str() : "-",
                      module.name.c_str());
    }
}

HRESULT Profiler::RegisterLoadedModules() {
    ComPtr<ICorProfilerModuleEnum> modules;
    IfFailRet(m_info->EnumModules(modules.Out()));
    ModuleID batch[64];
    ULONG fetched = 0;
    size_t total = 0;
    while (SUCCEEDED(modules->Next(sizeof(batch) / sizeof(batch[0]), batch, &fetched)) && fetched > 0) {
        for (ULONG i = 0; i < fetched; ++i) {
            RegisterModule(batch[i], "enumerated");
        }
        total += fetched;
    }
    m_logger.Logf(LogLevel::Info, "attach: %zu loaded modules enumerated, %zu known", total, m_core->modules.Count());
    return S_OK;
}

HRESULT STDMETHODCALLTYPE Profiler::ProfilerAttachComplete() {
    return Guard(&m_logger, "ProfilerAttachComplete", [&]() -> HRESULT {
        if (!IsRunning()) {
            return S_OK;
        }
        IfFailLog(RegisterLoadedModules());
        return S_OK;
    });
}

HRESULT STDMETHODCALLTYPE Profiler::ModuleLoadFinished(ModuleID moduleId, HRESULT hrStatus) {
    return Guard(&m_logger, "ModuleLoadFinished", [&] {
        if (m_core != nullptr && SUCCEEDED(hrStatus)) {
            RegisterModule(moduleId, "loaded");
        }
        return S_OK;
    });
}

HRESULT STDMETHODCALLTYPE Profiler::ModuleUnloadStarted(ModuleID moduleId) {
    return Guard(&m_logger, "ModuleUnloadStarted", [&] {
        if (m_core == nullptr) {
            return S_OK;
        }
        // A later module may reuse the same ModuleID: forget everything attached to this one.
        const auto removed = m_core->modules.Remove(moduleId);
        m_core->emitters.ForgetModule(moduleId);
        m_core->bodies.ForgetModule(moduleId);
        m_core->states.ForgetModule(moduleId);
        if (removed) {
            m_logger.Logf(LogLevel::Debug, "module 0x%zx unloading: %s", moduleId, removed->name.c_str());
        }
        return S_OK;
    });
}

HRESULT STDMETHODCALLTYPE Profiler::GetReJITParameters(ModuleID moduleId, mdMethodDef methodId,
                                                       ICorProfilerFunctionControl* pFunctionControl) {
    return Guard(&m_logger, "GetReJITParameters", [&]() -> HRESULT {
        if (m_core == nullptr || pFunctionControl == nullptr) {
            return S_OK;
        }
        std::shared_ptr<const StoredBody> body;
        const auto found = m_core->bodies.Find(MethodKey{moduleId, methodId}, &body);
        if (found != BodyStore::Lookup::Body) {
            m_logger.Logf(LogLevel::Debug, "GetReJITParameters(0x%zx, 0x%08X): original IL", moduleId, methodId);
            return S_OK;
        }
        IfFailRet(pFunctionControl->SetILFunctionBody(static_cast<ULONG>(body->il.size()), body->il.data()));
        if (!body->map.empty()) {
            // The runtime copies the entries (the parameter is non-const only by its declaration). Without the map
            // the probes still work but stack traces show offsets of the new body: a warning, not a failed ReJIT.
            auto map = body->map;
            const HRESULT mapped =
                pFunctionControl->SetILInstrumentedCodeMap(static_cast<ULONG>(map.size()), map.data());
            if (FAILED(mapped)) {
                m_logger.Logf(LogLevel::Warning,
                              "SetILInstrumentedCodeMap(0x%zx, 0x%08X, %zu entries) failed: %s; stack traces through "
                              "this method show the instrumented IL's offsets",
                              moduleId, methodId, map.size(), FormatHr(mapped).c_str());
            }
        }
        m_logger.Logf(LogLevel::Debug, "GetReJITParameters(0x%zx, 0x%08X): new body of %zu bytes, %zu map entries",
                      moduleId, methodId, body->il.size(), body->map.size());
        return S_OK;
    });
}

HRESULT STDMETHODCALLTYPE Profiler::ReJITCompilationFinished(FunctionID functionId, ReJITID rejitId,
                                                             HRESULT hrStatus, BOOL) {
    return Guard(&m_logger, "ReJITCompilationFinished", [&]() -> HRESULT {
        if (m_core == nullptr) {
            return S_OK;
        }
        ClassID classId = 0;
        MethodKey key;
        IfFailRet(m_info->GetFunctionInfo(functionId, &classId, &key.moduleId, &key.methodDef));
        if (FAILED(hrStatus)) {
            if (m_core->states.IsTracked(key)) {
                m_core->states.MarkFailed(key, hrStatus);
            }
            m_logger.Logf(LogLevel::Error, "ReJIT compilation of method 0x%08X in module 0x%zx failed: %s",
                          key.methodDef, key.moduleId, FormatHr(hrStatus).c_str());
            return S_OK;
        }
        m_core->states.MarkCompiled(key);
        m_logger.Logf(LogLevel::Debug, "ReJIT compiled method 0x%08X in module 0x%zx (rejit id %zu)", key.methodDef,
                      key.moduleId, rejitId);
        return S_OK;
    });
}

HRESULT STDMETHODCALLTYPE Profiler::ReJITError(ModuleID moduleId, mdMethodDef methodId, FunctionID functionId,
                                               HRESULT hrStatus) {
    return Guard(&m_logger, "ReJITError", [&] {
        if (m_core == nullptr) {
            return S_OK;
        }
        const MethodKey key{moduleId, methodId};
        const bool tracked = m_core->states.IsTracked(key);
        if (tracked) {
            m_core->states.MarkFailed(key, hrStatus);
        }
        m_logger.Logf(LogLevel::Warning, "ReJITError for %smethod 0x%08X in module 0x%zx (function 0x%zx): %s",
                      tracked ? "" : "inliner/untracked ", methodId, moduleId, functionId,
                      FormatHr(hrStatus).c_str());
        return S_OK;
    });
}

}  // namespace diagnose
