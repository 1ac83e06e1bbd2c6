// The C API that libDiagnose.Profiler.so offers the managed agent (agent/Diagnose.Agent/Native/).
//
// Rules for every export:
// - returns an HRESULT (S_OK, S_FALSE, or a failure code); never throws, never terminates the host;
// - callable from any managed thread, concurrently;
// - the profiler-API calls that the runtime refuses on managed threads (RequestReJIT*, RequestRevert,
//   ApplyMetaData) are queued to the profiler's own worker thread; the export waits for the worker's
//   answer (up to timeoutMs) in native code, so the calling managed thread is in preemptive mode and
//   never blocks a runtime suspension.
//
// The C# side declares the same values in Native/NativeAbi.cs; tests/Diagnose.Tests/Native/AbiTests.cs
// and profiler-native/tests/abi_test.cpp check that both agree with this file.
#pragma once

#include <cstdint>

#include "clr/types.h"

namespace diagnose {

// Raised whenever an export's signature or a shared struct changes.
constexpr int32_t kAbiVersion = 2;

// Where one instruction of the original IL landed in a new body: the profiler passes these to the runtime
// (ICorProfilerFunctionControl::SetILInstrumentedCodeMap) so that stack traces, which map native code to IL
// offsets of the new body, report the original offsets (and so the original file, line and column).
// Layout shared with C# (NativeAbi.ILMapEntry): 4 + 4 = 8 bytes.
struct ILMapEntry {
    uint32_t oldOffset;  // offset in the original IL
    uint32_t newOffset;  // offset of the first instruction of the new body that stands for it
};
static_assert(sizeof(ILMapEntry) == 8, "ILMapEntry is shared with C#");

// One method to re-JIT with a new IL body (header + code + EH sections, ECMA-335 II.25.4).
// il == nullptr (ilSize 0) re-JITs the method with its original IL: used to take the probes off one method
// while others stay, because RequestRevert would bring back old native code that may hold inlined copies
// of methods that are still probed.
// map (mapCount entries, may be null with mapCount 0) says where the original instructions are in il; it must
// be sorted by oldOffset and by newOffset (both non-decreasing); it is ignored for the original IL (il null).
// Layout shared with C# (NativeAbi.MethodBody): 8 + 4 + 4 (pad) + 8 + 4 + 4 (pad) + 8 + 4 + 4 (pad) = 48 bytes.
struct MethodBody {
    uintptr_t moduleId;
    uint32_t methodDef;
    uint32_t reserved0;
    const uint8_t* il;
    uint32_t ilSize;
    uint32_t reserved1;
    const ILMapEntry* map;
    uint32_t mapCount;
    uint32_t reserved2;
};
static_assert(sizeof(MethodBody) == 48, "MethodBody is shared with C#");

// One method to revert to its original IL. Layout: 8 + 4 + 4 (pad) = 16 bytes.
struct MethodRef {
    uintptr_t moduleId;
    uint32_t methodDef;
    uint32_t reserved0;
};
static_assert(sizeof(MethodRef) == 16, "MethodRef is shared with C#");

// What the profiler knows of a method's instrumentation, per (module, methodDef).
enum class MethodState : int32_t {
    None = 0,       // never requested, or reverted
    Requested = 1,  // RequestReJITWithInliners accepted; the new body is served at the next call
    Compiled = 2,   // ReJITCompilationFinished reported success at least once for the current body
    Failed = 3,     // ReJITError or a failed compilation; lastError holds the HRESULT
    Reverted = 4,   // RequestRevert accepted
};

// Severity for DiagnoseLog and DIAGNOSE_LOG_LEVEL.
enum class LogLevel : int32_t {
    Debug = 0,
    Info = 1,
    Warning = 2,
    Error = 3,
};

}  // namespace diagnose

extern "C" {

// kAbiVersion of this library.
__attribute__((visibility("default"))) HRESULT DiagnoseGetAbiVersion(int32_t* version);

// S_OK when the runtime loaded this library as its profiler (at launch or by attach) and initialization
// succeeded; S_FALSE when the library is merely loaded (e.g. by the agent before any attach).
__attribute__((visibility("default"))) HRESULT DiagnoseIsActive();

// ModuleID and methodDef token of a method given its FunctionID. In CoreCLR a FunctionID is the
// MethodDesc pointer, which managed code sees as RuntimeMethodHandle.Value.
__attribute__((visibility("default"))) HRESULT DiagnoseGetFunctionInfo(uintptr_t functionId, uintptr_t* moduleId,
                                                                       uint32_t* methodDef);

// The method's original IL body exactly as the runtime loaded it (ICorProfilerInfo::GetILFunctionBody):
// header, code, and EH sections. The memory belongs to the runtime and stays valid while the module is loaded.
__attribute__((visibility("default"))) HRESULT DiagnoseGetILBody(uintptr_t moduleId, uint32_t methodDef,
                                                                 const uint8_t** body, uint32_t* size);

// A StandAloneSig token (0x11xxxxxx) for a signature blob in the module (IMetaDataEmit::GetTokenFromSig).
// Used for local-variable signatures and calli call-site signatures. Serialized per module.
__attribute__((visibility("default"))) HRESULT DiagnoseGetTokenFromSig(uintptr_t moduleId, const uint8_t* sig,
                                                                       uint32_t size, uint32_t* token);

// A TypeSpec token (0x1Bxxxxxx) for a type signature blob in the module (IMetaDataEmit::GetTokenFromTypeSpec).
__attribute__((visibility("default"))) HRESULT DiagnoseGetTokenFromTypeSpec(uintptr_t moduleId, const uint8_t* sig,
                                                                            uint32_t size, uint32_t* token);

// Stores a copy of each body (replacing any earlier body of the same method) and asks the worker thread to
// call ApplyMetaData for the modules involved and then RequestReJITWithInliners(BLOCK_INLINING) once for the
// whole batch. Returns that call's HRESULT, or HRESULT_FROM_WIN32(ERROR_TIMEOUT) (0x800705B4) if the worker
// did not answer within timeoutMs. The bodies are served in GetReJITParameters; compilation errors arrive
// later (see DiagnoseGetMethodState).
__attribute__((visibility("default"))) HRESULT DiagnoseRequestReJIT(uint32_t count,
                                                                    const diagnose::MethodBody* methods,
                                                                    uint32_t timeoutMs);

// Forgets the stored bodies and asks the worker thread to call RequestRevert for the batch. statuses (count
// entries, may be null) receives the per-method HRESULT that RequestRevert reported.
__attribute__((visibility("default"))) HRESULT DiagnoseRequestRevert(uint32_t count,
                                                                     const diagnose::MethodRef* methods,
                                                                     uint32_t timeoutMs, HRESULT* statuses);

// The method's current state and, for Failed, the HRESULT the runtime reported (S_OK otherwise).
__attribute__((visibility("default"))) HRESULT DiagnoseGetMethodState(uintptr_t moduleId, uint32_t methodDef,
                                                                      int32_t* state, HRESULT* lastError);

// Writes a UTF-8 line to the profiler's log (the same file the native side writes). Level is LogLevel.
__attribute__((visibility("default"))) HRESULT DiagnoseLog(int32_t level, const char* utf8Message);

// Path of the log file in use (UTF-8, NUL-terminated) copied into buffer; S_FALSE if logging is off.
__attribute__((visibility("default"))) HRESULT DiagnoseGetLogPath(char* buffer, uint32_t bufferSize,
                                                                  uint32_t* needed);

}  // extern "C"
