// Profiler start-up (launch and attach) and shutdown.
#include <unistd.h>

#include "clr/iids.h"
#include "entry_state.h"
#include "guard.h"
#include "hresult_macros.h"
#include "profiler.h"
#include "self_path.h"
#include "text.h"

#ifndef DIAGNOSE_VERSION
#define DIAGNOSE_VERSION "0.0.0"
#endif

namespace diagnose {

namespace {

// Client-data variables win over the process environment (so `diagnose attach` can configure the log).
EnvLookup WithClientData(const ClientData& clientData) {
    EnvLookup environment = ProcessEnvironment();
    return [&clientData, environment](const char* name) -> std::optional<std::string> {
        for (auto it = clientData.variables.rbegin(); it != clientData.variables.rend(); ++it) {
            if (it->first == name) {
                return it->second;
            }
        }
        return environment(name);
    };
}

}  // namespace

HRESULT STDMETHODCALLTYPE Profiler::Initialize(IUnknown* pICorProfilerInfoUnk) {
    return Guard(&m_logger, "Initialize", [&] { return Start(pICorProfilerInfoUnk, false, ClientData{}); });
}

HRESULT STDMETHODCALLTYPE Profiler::InitializeForAttach(IUnknown* pCorProfilerInfoUnk, void* pvClientData,
                                                        UINT cbClientData) {
    return Guard(&m_logger, "InitializeForAttach", [&] {
        return Start(pCorProfilerInfoUnk, true, ParseClientData(pvClientData, cbClientData));
    });
}

HRESULT Profiler::Start(IUnknown* infoUnknown, bool attach, const ClientData& clientData) {
    m_logger.Configure(ResolveLogSettings(WithClientData(clientData), static_cast<int>(::getpid())));
    m_logger.Logf(LogLevel::Info, "Diagnose profiler %s starting (%s) in process %d, library %s", DIAGNOSE_VERSION,
                  attach ? "attach" : "launch", static_cast<int>(::getpid()), SelfLibraryPath().c_str());
    if (m_logger.Pruned() > 0) {
        m_logger.Logf(LogLevel::Info, "deleted %d old Diagnose log file(s) (not written for DIAGNOSE_LOG_KEEP_DAYS, default 7)", m_logger.Pruned());
    }
    for (const auto& line : clientData.ignoredLines) {
        m_logger.Logf(LogLevel::Warning, "client data line ignored (only DIAGNOSE_*=value is applied): %s",
                      line.c_str());
    }
    if (RegisteredBridge() != nullptr) {
        m_logger.Write(LogLevel::Error, "a Diagnose profiler is already active in this process");
        return CORPROF_E_PROFILER_ALREADY_ACTIVE;
    }
    if (infoUnknown == nullptr) {
        return E_POINTER;
    }
    const HRESULT qi = infoUnknown->QueryInterface(clr::IID_ICorProfilerInfo11, m_info.OutVoid());
    if (FAILED(qi) || !m_info) {
        m_logger.Logf(LogLevel::Error,
                      "ICorProfilerInfo11 is not available (%s): Diagnose needs .NET 8 or later; profiler not loaded",
                      FormatHr(qi).c_str());
        return FAILED(qi) ? qi : E_NOINTERFACE;
    }
    LogRuntimeVersion();

    // Everything the callbacks use exists before the first event can arrive.
    m_core = std::make_unique<ProfilerCore>(m_info.Get(), m_logger);
    m_bridge = std::make_unique<AgentBridge>(*m_core);
    IfFailRet(m_info->SetEventMask(kEventMask));
    if (!RegisterBridge(m_bridge.get())) {
        m_logger.Write(LogLevel::Error, "another profiler instance registered first");
        return CORPROF_E_PROFILER_ALREADY_ACTIVE;
    }
    // From here on the worker thread and the exports may use this object until the process ends: keep it alive
    // whatever the runtime does with its own reference.
    AddRef();
    IfFailRet(m_core->worker.Start());
    PublishEnvironment(clientData);
    m_bridge->SetActive(true);
    m_logger.Logf(LogLevel::Info, "profiler active (event mask 0x%08X)", kEventMask);
    return S_OK;
}

void Profiler::LogRuntimeVersion() {
    USHORT major = 0;
    USHORT minor = 0;
    USHORT build = 0;
    USHORT qfe = 0;
    WCHAR version[64] = {};
    ULONG length = 0;
    const HRESULT hr = m_info->GetRuntimeInformation(nullptr, nullptr, &major, &minor, &build, &qfe,
                                                     sizeof(version) / sizeof(version[0]), &length, version);
    if (FAILED(hr)) {
        m_logger.LogFailure("GetRuntimeInformation", hr, __FILE__, __LINE__);
        return;
    }
    m_logger.Logf(LogLevel::Info, "runtime %u.%u.%u.%u (%s)", major, minor, build, qfe, Utf16ToUtf8(version).c_str());
}

HRESULT Profiler::SetEnvironment(const std::string& name, const std::string& value) {
    const std::u16string wideName = Utf8ToUtf16(name);
    const std::u16string wideValue = Utf8ToUtf16(value);
    IfFailRet(m_info->SetEnvironmentVariable(wideName.c_str(), wideValue.c_str()));
    m_logger.Logf(LogLevel::Info, "set %s=%s", name.c_str(), value.c_str());
    return S_OK;
}

void Profiler::PublishEnvironment(const ClientData& clientData) {
    const std::string path = SelfLibraryPath();
    if (path.empty()) {
        m_logger.Write(LogLevel::Error, "could not find this library's path: DIAGNOSE_PROFILER_PATH not set");
    } else {
        IfFailLog(SetEnvironment("DIAGNOSE_PROFILER_PATH", path));
    }
    for (const auto& [name, value] : clientData.variables) {
        IfFailLog(SetEnvironment(name, value));
    }
}

HRESULT STDMETHODCALLTYPE Profiler::Shutdown() {
    return Guard(&m_logger, "Shutdown", [&] {
        if (m_bridge) {
            m_bridge->SetActive(false);
        }
        if (m_core) {
            m_core->worker.Stop();
            m_logger.Logf(LogLevel::Info, "runtime shutdown: profiler inactive (%zu modules, %zu stored bodies)",
                          m_core->modules.Count(), m_core->bodies.Count());
        }
        return S_OK;
    });
}

}  // namespace diagnose
