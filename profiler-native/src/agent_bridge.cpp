#include "agent_bridge.h"

#include <algorithm>
#include <cstring>
#include <memory>
#include <unordered_set>
#include <vector>

#include "hresult_macros.h"
#include "il_body.h"
#include "text.h"

namespace diagnose {

namespace {

// Keeps the first occurrence of each method (for bodies, the caller's last body is already in the store).
std::vector<MethodKey> UniqueKeys(std::vector<MethodKey> keys) {
    std::unordered_set<MethodKey, MethodKeyHash> seen;
    keys.erase(std::remove_if(keys.begin(), keys.end(), [&](const MethodKey& key) { return !seen.insert(key).second; }),
               keys.end());
    return keys;
}

HRESULT TimeoutResult(Logger& logger, const char* what, uint32_t timeoutMs) {
    logger.Logf(LogLevel::Warning, "%s: the worker did not answer within %u ms (the request still runs)", what,
                timeoutMs);
    return HRESULT_FROM_WIN32(ERROR_TIMEOUT);
}

}  // namespace

HRESULT AgentBridge::CheckModule(uintptr_t moduleId, const char* caller) {
    if (m_core.modules.Contains(moduleId)) {
        return S_OK;
    }
    m_logger.Logf(LogLevel::Warning, "%s: unknown module 0x%zx", caller, moduleId);
    return E_INVALIDARG;
}

HRESULT AgentBridge::GetFunctionInfo(uintptr_t functionId, uintptr_t* moduleId, uint32_t* methodDef) {
    ClassID classId = 0;
    ModuleID module = 0;
    mdToken token = 0;
    IfFailRet(m_core.info->GetFunctionInfo(functionId, &classId, &module, &token));
    *moduleId = module;
    *methodDef = token;
    return S_OK;
}

// What ICorProfilerInfo::GetILFunctionBody reports as pcbMethodSize: on .NET 8 and 10 (checked in live
// processes, including a method with an EH clause after 21 bytes of code) it is the whole body, header + code
// + padding + EH sections. The runtime's older implementation added header + code + the sections measured
// from the first section's start, which misses the 0-3 padding bytes before that 4-byte aligned section.
// So the size is measured here by walking the header and the sections (within the reported size + 3), and
// the agent always gets header + code + padding + EH sections.
HRESULT AgentBridge::GetILBody(uintptr_t moduleId, uint32_t methodDef, const uint8_t** body, uint32_t* size) {
    IfFailRet(CheckModule(moduleId, "DiagnoseGetILBody"));
    LPCBYTE header = nullptr;
    ULONG reported = 0;
    IfFailRet(m_core.info->GetILFunctionBody(moduleId, methodDef, &header, &reported));
    constexpr size_t kMaxPadding = 3;
    const auto measured = MeasureIlBody(header, static_cast<size_t>(reported) + kMaxPadding);
    uint32_t total = reported;
    if (measured && *measured >= reported) {
        total = static_cast<uint32_t>(*measured);
    } else {
        m_logger.Logf(LogLevel::Warning, "GetILBody: could not measure method 0x%08X (reported %u bytes)", methodDef,
                      reported);
    }
    if (total != reported) {
        m_logger.Logf(LogLevel::Debug, "GetILBody: method 0x%08X runtime size %u, full size %u", methodDef, reported,
                      total);
    }
    *body = header;
    *size = total;
    return S_OK;
}

HRESULT AgentBridge::EmitToken(const char* caller, EmitMethod emit, uintptr_t moduleId, const uint8_t* sig,
                               uint32_t size, uint32_t* token) {
    IfFailRet(CheckModule(moduleId, caller));
    mdToken result = 0;
    IfFailRet((m_core.emitters.*emit)(moduleId, sig, size, &result));
    *token = result;
    m_logger.Logf(LogLevel::Debug, "%s(module 0x%zx, %u bytes) -> 0x%08X", caller, moduleId, size, result);
    return S_OK;
}

HRESULT AgentBridge::GetTokenFromSig(uintptr_t moduleId, const uint8_t* sig, uint32_t size, uint32_t* token) {
    return EmitToken("DiagnoseGetTokenFromSig", &MetadataEmitters::GetTokenFromSig, moduleId, sig, size, token);
}

HRESULT AgentBridge::GetTokenFromTypeSpec(uintptr_t moduleId, const uint8_t* sig, uint32_t size, uint32_t* token) {
    return EmitToken("DiagnoseGetTokenFromTypeSpec", &MetadataEmitters::GetTokenFromTypeSpec, moduleId, sig, size,
                     token);
}

HRESULT AgentBridge::RequestReJit(uint32_t count, const MethodBody* methods, uint32_t timeoutMs) {
    std::vector<MethodKey> keys;
    keys.reserve(count);
    for (uint32_t i = 0; i < count; ++i) {
        IfFailRet(CheckModule(methods[i].moduleId, "DiagnoseRequestReJIT"));
        keys.push_back(MethodKey{methods[i].moduleId, methods[i].methodDef});
    }
    for (uint32_t i = 0; i < count; ++i) {
        m_core.bodies.Put(keys[i], methods[i].il, methods[i].ilSize, methods[i].map, methods[i].mapCount);
        m_logger.Logf(LogLevel::Debug, "stored %s (%u map entries) for method 0x%08X in module 0x%zx",
                      methods[i].il == nullptr ? "original IL" : "new body", methods[i].mapCount, keys[i].methodDef,
                      keys[i].moduleId);
    }
    auto batch = UniqueKeys(std::move(keys));
    const auto completion = m_core.worker.Post([this, batch] { return m_core.engine.ReJit(batch); });
    HRESULT hr = E_FAIL;
    if (!completion->WaitFor(timeoutMs, &hr)) {
        return TimeoutResult(m_logger, "DiagnoseRequestReJIT", timeoutMs);
    }
    return hr;
}

HRESULT AgentBridge::RequestRevert(uint32_t count, const MethodRef* methods, uint32_t timeoutMs, HRESULT* statuses) {
    std::vector<MethodKey> keys;
    keys.reserve(count);
    for (uint32_t i = 0; i < count; ++i) {
        IfFailRet(CheckModule(methods[i].moduleId, "DiagnoseRequestRevert"));
        keys.push_back(MethodKey{methods[i].moduleId, methods[i].methodDef});
    }
    for (const auto& key : keys) {
        m_core.bodies.Forget(key);
    }
    // The worker writes into its own vector: after a timeout the caller's buffer is never touched.
    auto results = std::make_shared<std::vector<HRESULT>>();
    const auto completion =
        m_core.worker.Post([this, keys, results] { return m_core.engine.Revert(keys, results.get()); });
    HRESULT hr = E_FAIL;
    if (!completion->WaitFor(timeoutMs, &hr)) {
        return TimeoutResult(m_logger, "DiagnoseRequestRevert", timeoutMs);
    }
    if (statuses != nullptr) {
        for (uint32_t i = 0; i < count; ++i) {
            statuses[i] = i < results->size() ? (*results)[i] : hr;
        }
    }
    return hr;
}

HRESULT AgentBridge::GetMethodState(uintptr_t moduleId, uint32_t methodDef, int32_t* state, HRESULT* lastError) {
    const MethodStatus status = m_core.states.Get(MethodKey{moduleId, methodDef});
    *state = static_cast<int32_t>(status.state);
    *lastError = status.lastError;
    return S_OK;
}

HRESULT AgentBridge::Log(int32_t level, const char* utf8Message) {
    std::string line = "[agent] ";
    line += utf8Message;
    m_logger.Write(static_cast<LogLevel>(level), line);
    return S_OK;
}

HRESULT AgentBridge::GetLogPath(char* buffer, uint32_t bufferSize, uint32_t* needed) {
    const std::string path = m_logger.Path();
    if (path.empty()) {
        *needed = 0;
        if (buffer != nullptr && bufferSize > 0) {
            buffer[0] = '\0';
        }
        return S_FALSE;
    }
    *needed = static_cast<uint32_t>(path.size() + 1);
    if (buffer == nullptr || bufferSize < *needed) {
        return HRESULT_FROM_WIN32(ERROR_INSUFFICIENT_BUFFER);
    }
    std::memcpy(buffer, path.c_str(), path.size() + 1);
    return S_OK;
}

}  // namespace diagnose
