// The C API of exports.h. Each export: check the arguments (no profiler needed), find the active profiler
// (kErrorNotActive without one), then delegate to AgentBridge, all inside Guard so nothing is thrown.
#include "diagnose/exports.h"

#include "entry_state.h"
#include "export_checks.h"
#include "guard.h"

using diagnose::ActiveBridge;
using diagnose::AgentBridge;
using diagnose::kErrorNotActive;

namespace {

template <typename Body>
HRESULT RunExport(const char* name, Body&& body) noexcept {
    AgentBridge* registered = diagnose::RegisteredBridge();
    return diagnose::Guard(registered != nullptr ? &registered->logger() : nullptr, name, body);
}

HRESULT TokenExport(const char* name, AgentBridge::TokenExport method, uintptr_t moduleId, const uint8_t* sig,
                    uint32_t size, uint32_t* token) noexcept {
    return RunExport(name, [&]() -> HRESULT {
        if (sig == nullptr || token == nullptr) {
            return E_POINTER;
        }
        if (moduleId == 0 || size == 0) {
            return E_INVALIDARG;
        }
        AgentBridge* bridge = ActiveBridge();
        return bridge == nullptr ? kErrorNotActive : (bridge->*method)(moduleId, sig, size, token);
    });
}

}  // namespace

extern "C" {

HRESULT DiagnoseGetAbiVersion(int32_t* version) {
    if (version == nullptr) {
        return E_POINTER;
    }
    *version = diagnose::kAbiVersion;
    return S_OK;
}

HRESULT DiagnoseIsActive() { return ActiveBridge() != nullptr ? S_OK : S_FALSE; }

HRESULT DiagnoseGetFunctionInfo(uintptr_t functionId, uintptr_t* moduleId, uint32_t* methodDef) {
    return RunExport("DiagnoseGetFunctionInfo", [&]() -> HRESULT {
        if (moduleId == nullptr || methodDef == nullptr) {
            return E_POINTER;
        }
        if (functionId == 0) {
            return E_INVALIDARG;
        }
        AgentBridge* bridge = ActiveBridge();
        return bridge == nullptr ? kErrorNotActive : bridge->GetFunctionInfo(functionId, moduleId, methodDef);
    });
}

HRESULT DiagnoseGetILBody(uintptr_t moduleId, uint32_t methodDef, const uint8_t** body, uint32_t* size) {
    return RunExport("DiagnoseGetILBody", [&]() -> HRESULT {
        if (body == nullptr || size == nullptr) {
            return E_POINTER;
        }
        if (moduleId == 0 || !diagnose::IsMethodDefToken(methodDef)) {
            return E_INVALIDARG;
        }
        AgentBridge* bridge = ActiveBridge();
        return bridge == nullptr ? kErrorNotActive : bridge->GetILBody(moduleId, methodDef, body, size);
    });
}

HRESULT DiagnoseGetTokenFromSig(uintptr_t moduleId, const uint8_t* sig, uint32_t size, uint32_t* token) {
    return TokenExport("DiagnoseGetTokenFromSig", &AgentBridge::GetTokenFromSig, moduleId, sig, size, token);
}

HRESULT DiagnoseGetTokenFromTypeSpec(uintptr_t moduleId, const uint8_t* sig, uint32_t size, uint32_t* token) {
    return TokenExport("DiagnoseGetTokenFromTypeSpec", &AgentBridge::GetTokenFromTypeSpec, moduleId, sig, size, token);
}

HRESULT DiagnoseRequestReJIT(uint32_t count, const diagnose::MethodBody* methods, uint32_t timeoutMs) {
    return RunExport("DiagnoseRequestReJIT", [&]() -> HRESULT {
        const HRESULT check = diagnose::CheckMethodBodies(count, methods);
        if (FAILED(check)) {
            return check;
        }
        AgentBridge* bridge = ActiveBridge();
        return bridge == nullptr ? kErrorNotActive : bridge->RequestReJit(count, methods, timeoutMs);
    });
}

HRESULT DiagnoseRequestRevert(uint32_t count, const diagnose::MethodRef* methods, uint32_t timeoutMs,
                              HRESULT* statuses) {
    return RunExport("DiagnoseRequestRevert", [&]() -> HRESULT {
        const HRESULT check = diagnose::CheckMethodRefs(count, methods);
        if (FAILED(check)) {
            return check;
        }
        AgentBridge* bridge = ActiveBridge();
        return bridge == nullptr ? kErrorNotActive : bridge->RequestRevert(count, methods, timeoutMs, statuses);
    });
}

HRESULT DiagnoseGetMethodState(uintptr_t moduleId, uint32_t methodDef, int32_t* state, HRESULT* lastError) {
    return RunExport("DiagnoseGetMethodState", [&]() -> HRESULT {
        if (state == nullptr || lastError == nullptr) {
            return E_POINTER;
        }
        if (moduleId == 0 || !diagnose::IsMethodDefToken(methodDef)) {
            return E_INVALIDARG;
        }
        AgentBridge* bridge = ActiveBridge();
        return bridge == nullptr ? kErrorNotActive : bridge->GetMethodState(moduleId, methodDef, state, lastError);
    });
}

HRESULT DiagnoseLog(int32_t level, const char* utf8Message) {
    return RunExport("DiagnoseLog", [&]() -> HRESULT {
        if (utf8Message == nullptr) {
            return E_POINTER;
        }
        if (level < static_cast<int32_t>(diagnose::LogLevel::Debug) ||
            level > static_cast<int32_t>(diagnose::LogLevel::Error)) {
            return E_INVALIDARG;
        }
        AgentBridge* bridge = ActiveBridge();
        return bridge == nullptr ? kErrorNotActive : bridge->Log(level, utf8Message);
    });
}

HRESULT DiagnoseGetLogPath(char* buffer, uint32_t bufferSize, uint32_t* needed) {
    return RunExport("DiagnoseGetLogPath", [&]() -> HRESULT {
        if (needed == nullptr) {
            return E_POINTER;
        }
        AgentBridge* bridge = ActiveBridge();
        return bridge == nullptr ? kErrorNotActive : bridge->GetLogPath(buffer, bufferSize, needed);
    });
}

}  // extern "C"
