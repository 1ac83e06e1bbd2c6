// ICorProfilerInfo .. ICorProfilerInfo11: the services the runtime offers a profiler.
// Methods Diagnose calls carry their real signatures. The others are declared as placeholders named
// `Unused_<RealName>()` only to keep every slot in its place: never call a placeholder (its parameter list is
// not the real one). Slots are checked by tests/vtable_test.cpp.
#pragma once

#include "clr/unknwn.h"

class ICorProfilerModuleEnum;

// COR_PRF_MONITOR (event mask, low word).
enum class CorPrfMonitor : DWORD {
    ClassLoads = 0x2,
    ModuleLoads = 0x4,
    AssemblyLoads = 0x8,
    AppDomainLoads = 0x10,
    JitCompilation = 0x20,
    Exceptions = 0x40,
    Gc = 0x80,
    Threads = 0x200,
    CodeTransitions = 0x800,
    EnterLeave = 0x1000,
    Suspends = 0x10000,
    EnableReJit = 0x40000,
    DisableInlining = 0x200000,
    DisableOptimizations = 0x400000,
    EnableStackSnapshot = 0x10000000,
    UseProfileImages = 0x20000000,
    DisableAllNgenImages = 0x80000000,
};
constexpr DWORD operator|(CorPrfMonitor a, CorPrfMonitor b) { return static_cast<DWORD>(a) | static_cast<DWORD>(b); }
constexpr DWORD operator|(DWORD a, CorPrfMonitor b) { return a | static_cast<DWORD>(b); }

// The flags every supported runtime (.NET 8+) accepts from a profiler that attached to a running process
// (newer runtimes also allow DisableInlining and DisableOptimizations, which Diagnose never sets).
constexpr DWORD kCorPrfAllowableAfterAttach = 0x100502FE;

// COR_PRF_REJIT_FLAGS.
constexpr DWORD COR_PRF_REJIT_BLOCK_INLINING = 0x1;
constexpr DWORD COR_PRF_REJIT_INLINING_CALLBACKS = 0x2;

// COR_PRF_MODULE_FLAGS (GetModuleInfo2).
constexpr DWORD COR_PRF_MODULE_DISK = 0x1;
constexpr DWORD COR_PRF_MODULE_DYNAMIC = 0x4;
constexpr DWORD COR_PRF_MODULE_COLLECTIBLE = 0x8;
constexpr DWORD COR_PRF_MODULE_RESOURCE = 0x10;

// COR_PRF_RUNTIME_TYPE is a 32-bit C enum.
using COR_PRF_RUNTIME_TYPE = int32_t;

// CorOpenFlags for GetModuleMetaData.
constexpr DWORD ofRead = 0x0;
constexpr DWORD ofWrite = 0x1;

class ICorProfilerInfo : public IUnknown {
public:
    virtual HRESULT STDMETHODCALLTYPE Unused_GetClassFromObject() = 0;  // 3
    virtual HRESULT STDMETHODCALLTYPE Unused_GetClassFromToken() = 0;
    virtual HRESULT STDMETHODCALLTYPE Unused_GetCodeInfo() = 0;
    virtual HRESULT STDMETHODCALLTYPE GetEventMask(DWORD* pdwEvents) = 0;  // 6
    virtual HRESULT STDMETHODCALLTYPE Unused_GetFunctionFromIP() = 0;
    virtual HRESULT STDMETHODCALLTYPE Unused_GetFunctionFromToken() = 0;
    virtual HRESULT STDMETHODCALLTYPE Unused_GetHandleFromThread() = 0;
    virtual HRESULT STDMETHODCALLTYPE Unused_GetObjectSize() = 0;
    virtual HRESULT STDMETHODCALLTYPE Unused_IsArrayClass() = 0;
    virtual HRESULT STDMETHODCALLTYPE Unused_GetThreadInfo() = 0;
    virtual HRESULT STDMETHODCALLTYPE Unused_GetCurrentThreadID() = 0;
    virtual HRESULT STDMETHODCALLTYPE Unused_GetClassIDInfo() = 0;
    virtual HRESULT STDMETHODCALLTYPE GetFunctionInfo(FunctionID functionId, ClassID* pClassId, ModuleID* pModuleId,
                                                      mdToken* pToken) = 0;  // 15
    virtual HRESULT STDMETHODCALLTYPE SetEventMask(DWORD dwEvents) = 0;     // 16
    virtual HRESULT STDMETHODCALLTYPE Unused_SetEnterLeaveFunctionHooks() = 0;
    virtual HRESULT STDMETHODCALLTYPE Unused_SetFunctionIDMapper() = 0;
    virtual HRESULT STDMETHODCALLTYPE Unused_GetTokenAndMetaDataFromFunction() = 0;
    virtual HRESULT STDMETHODCALLTYPE GetModuleInfo(ModuleID moduleId, LPCBYTE* ppBaseLoadAddress, ULONG cchName,
                                                    ULONG* pcchName, WCHAR szName[],
                                                    AssemblyID* pAssemblyId) = 0;  // 20
    virtual HRESULT STDMETHODCALLTYPE GetModuleMetaData(ModuleID moduleId, DWORD dwOpenFlags, REFIID riid,
                                                        IUnknown** ppOut) = 0;  // 21
    virtual HRESULT STDMETHODCALLTYPE GetILFunctionBody(ModuleID moduleId, mdMethodDef methodId,
                                                        LPCBYTE* ppMethodHeader, ULONG* pcbMethodSize) = 0;  // 22
    virtual HRESULT STDMETHODCALLTYPE Unused_GetILFunctionBodyAllocator() = 0;
    virtual HRESULT STDMETHODCALLTYPE Unused_SetILFunctionBody() = 0;  // never for ReJIT (see CLR-FACTS)
    virtual HRESULT STDMETHODCALLTYPE Unused_GetAppDomainInfo() = 0;
    virtual HRESULT STDMETHODCALLTYPE Unused_GetAssemblyInfo() = 0;
    virtual HRESULT STDMETHODCALLTYPE Unused_SetFunctionReJIT() = 0;
    virtual HRESULT STDMETHODCALLTYPE Unused_ForceGC() = 0;
    virtual HRESULT STDMETHODCALLTYPE Unused_SetILInstrumentedCodeMap() = 0;
    virtual HRESULT STDMETHODCALLTYPE Unused_GetInprocInspectionInterface() = 0;
    virtual HRESULT STDMETHODCALLTYPE Unused_GetInprocInspectionIThisThread() = 0;
    virtual HRESULT STDMETHODCALLTYPE Unused_GetThreadContext() = 0;
    virtual HRESULT STDMETHODCALLTYPE Unused_BeginInprocDebugging() = 0;
    virtual HRESULT STDMETHODCALLTYPE Unused_EndInprocDebugging() = 0;
    virtual HRESULT STDMETHODCALLTYPE Unused_GetILToNativeMapping() = 0;  // 35
};

class ICorProfilerInfo2 : public ICorProfilerInfo {
public:
    virtual HRESULT STDMETHODCALLTYPE Unused_DoStackSnapshot() = 0;  // 36
    virtual HRESULT STDMETHODCALLTYPE Unused_SetEnterLeaveFunctionHooks2() = 0;
    virtual HRESULT STDMETHODCALLTYPE Unused_GetFunctionInfo2() = 0;
    virtual HRESULT STDMETHODCALLTYPE Unused_GetStringLayout() = 0;
    virtual HRESULT STDMETHODCALLTYPE Unused_GetClassLayout() = 0;
    virtual HRESULT STDMETHODCALLTYPE Unused_GetClassIDInfo2() = 0;
    virtual HRESULT STDMETHODCALLTYPE Unused_GetCodeInfo2() = 0;
    virtual HRESULT STDMETHODCALLTYPE Unused_GetClassFromTokenAndTypeArgs() = 0;
    virtual HRESULT STDMETHODCALLTYPE Unused_GetFunctionFromTokenAndTypeArgs() = 0;
    virtual HRESULT STDMETHODCALLTYPE Unused_EnumModuleFrozenObjects() = 0;
    virtual HRESULT STDMETHODCALLTYPE Unused_GetArrayObjectInfo() = 0;
    virtual HRESULT STDMETHODCALLTYPE Unused_GetBoxClassLayout() = 0;
    virtual HRESULT STDMETHODCALLTYPE Unused_GetThreadAppDomain() = 0;
    virtual HRESULT STDMETHODCALLTYPE Unused_GetRVAStaticAddress() = 0;
    virtual HRESULT STDMETHODCALLTYPE Unused_GetAppDomainStaticAddress() = 0;
    virtual HRESULT STDMETHODCALLTYPE Unused_GetThreadStaticAddress() = 0;
    virtual HRESULT STDMETHODCALLTYPE Unused_GetContextStaticAddress() = 0;
    virtual HRESULT STDMETHODCALLTYPE Unused_GetStaticFieldInfo() = 0;
    virtual HRESULT STDMETHODCALLTYPE Unused_GetGenerationBounds() = 0;
    virtual HRESULT STDMETHODCALLTYPE Unused_GetObjectGeneration() = 0;
    virtual HRESULT STDMETHODCALLTYPE Unused_GetNotifiedExceptionClauseInfo() = 0;  // 56
};

class ICorProfilerInfo3 : public ICorProfilerInfo2 {
public:
    virtual HRESULT STDMETHODCALLTYPE Unused_EnumJITedFunctions() = 0;  // 57
    virtual HRESULT STDMETHODCALLTYPE Unused_RequestProfilerDetach() = 0;
    virtual HRESULT STDMETHODCALLTYPE Unused_SetFunctionIDMapper2() = 0;
    virtual HRESULT STDMETHODCALLTYPE Unused_GetStringLayout2() = 0;
    virtual HRESULT STDMETHODCALLTYPE Unused_SetEnterLeaveFunctionHooks3() = 0;
    virtual HRESULT STDMETHODCALLTYPE Unused_SetEnterLeaveFunctionHooks3WithInfo() = 0;
    virtual HRESULT STDMETHODCALLTYPE Unused_GetFunctionEnter3Info() = 0;
    virtual HRESULT STDMETHODCALLTYPE Unused_GetFunctionLeave3Info() = 0;
    virtual HRESULT STDMETHODCALLTYPE Unused_GetFunctionTailcall3Info() = 0;
    virtual HRESULT STDMETHODCALLTYPE EnumModules(ICorProfilerModuleEnum** ppEnum) = 0;  // 66
    virtual HRESULT STDMETHODCALLTYPE GetRuntimeInformation(USHORT* pClrInstanceId, COR_PRF_RUNTIME_TYPE* pRuntimeType,
                                                            USHORT* pMajorVersion, USHORT* pMinorVersion,
                                                            USHORT* pBuildNumber, USHORT* pQFEVersion,
                                                            ULONG cchVersionString, ULONG* pcchVersionString,
                                                            WCHAR szVersionString[]) = 0;  // 67
    virtual HRESULT STDMETHODCALLTYPE Unused_GetThreadStaticAddress2() = 0;
    virtual HRESULT STDMETHODCALLTYPE Unused_GetAppDomainsContainingModule() = 0;
    virtual HRESULT STDMETHODCALLTYPE GetModuleInfo2(ModuleID moduleId, LPCBYTE* ppBaseLoadAddress, ULONG cchName,
                                                     ULONG* pcchName, WCHAR szName[], AssemblyID* pAssemblyId,
                                                     DWORD* pdwModuleFlags) = 0;  // 70
};

class ICorProfilerInfo4 : public ICorProfilerInfo3 {
public:
    virtual HRESULT STDMETHODCALLTYPE Unused_EnumThreads() = 0;             // 71
    virtual HRESULT STDMETHODCALLTYPE InitializeCurrentThread() = 0;       // 72
    virtual HRESULT STDMETHODCALLTYPE RequestReJIT(ULONG cFunctions, ModuleID moduleIds[],
                                                   mdMethodDef methodIds[]) = 0;  // 73
    virtual HRESULT STDMETHODCALLTYPE RequestRevert(ULONG cFunctions, ModuleID moduleIds[], mdMethodDef methodIds[],
                                                    HRESULT status[]) = 0;  // 74
    virtual HRESULT STDMETHODCALLTYPE Unused_GetCodeInfo3() = 0;
    virtual HRESULT STDMETHODCALLTYPE Unused_GetFunctionFromIP2() = 0;
    virtual HRESULT STDMETHODCALLTYPE GetReJITIDs(FunctionID functionId, ULONG cReJitIds, ULONG* pcReJitIds,
                                                  ReJITID reJitIds[]) = 0;  // 77
    virtual HRESULT STDMETHODCALLTYPE Unused_GetILToNativeMapping2() = 0;
    virtual HRESULT STDMETHODCALLTYPE Unused_EnumJITedFunctions2() = 0;
    virtual HRESULT STDMETHODCALLTYPE Unused_GetObjectSize2() = 0;  // 80
};

class ICorProfilerInfo5 : public ICorProfilerInfo4 {
public:
    virtual HRESULT STDMETHODCALLTYPE GetEventMask2(DWORD* pdwEventsLow, DWORD* pdwEventsHigh) = 0;  // 81
    virtual HRESULT STDMETHODCALLTYPE SetEventMask2(DWORD dwEventsLow, DWORD dwEventsHigh) = 0;      // 82
};

class ICorProfilerInfo6 : public ICorProfilerInfo5 {
public:
    virtual HRESULT STDMETHODCALLTYPE Unused_EnumNgenModuleMethodsInliningThisMethod() = 0;  // 83
};

class ICorProfilerInfo7 : public ICorProfilerInfo6 {
public:
    virtual HRESULT STDMETHODCALLTYPE ApplyMetaData(ModuleID moduleId) = 0;  // 84
    virtual HRESULT STDMETHODCALLTYPE Unused_GetInMemorySymbolsLength() = 0;
    virtual HRESULT STDMETHODCALLTYPE Unused_ReadInMemorySymbols() = 0;  // 86
};

class ICorProfilerInfo8 : public ICorProfilerInfo7 {
public:
    virtual HRESULT STDMETHODCALLTYPE Unused_IsFunctionDynamic() = 0;  // 87
    virtual HRESULT STDMETHODCALLTYPE Unused_GetFunctionFromIP3() = 0;
    virtual HRESULT STDMETHODCALLTYPE Unused_GetDynamicFunctionInfo() = 0;  // 89
};

class ICorProfilerInfo9 : public ICorProfilerInfo8 {
public:
    virtual HRESULT STDMETHODCALLTYPE Unused_GetNativeCodeStartAddresses() = 0;  // 90
    virtual HRESULT STDMETHODCALLTYPE Unused_GetILToNativeMapping3() = 0;
    virtual HRESULT STDMETHODCALLTYPE Unused_GetCodeInfo4() = 0;  // 92
};

class ICorProfilerInfo10 : public ICorProfilerInfo9 {
public:
    virtual HRESULT STDMETHODCALLTYPE Unused_EnumerateObjectReferences() = 0;  // 93
    virtual HRESULT STDMETHODCALLTYPE Unused_IsFrozenObject() = 0;
    virtual HRESULT STDMETHODCALLTYPE Unused_GetLOHObjectSizeThreshold() = 0;
    virtual HRESULT STDMETHODCALLTYPE RequestReJITWithInliners(DWORD dwRejitFlags, ULONG cFunctions,
                                                               ModuleID moduleIds[],
                                                               mdMethodDef methodIds[]) = 0;  // 96
    virtual HRESULT STDMETHODCALLTYPE Unused_SuspendRuntime() = 0;
    virtual HRESULT STDMETHODCALLTYPE Unused_ResumeRuntime() = 0;  // 98
};

class ICorProfilerInfo11 : public ICorProfilerInfo10 {
public:
    virtual HRESULT STDMETHODCALLTYPE GetEnvironmentVariable(const WCHAR* szName, ULONG cchValue, ULONG* pcchValue,
                                                             WCHAR szValue[]) = 0;  // 99
    virtual HRESULT STDMETHODCALLTYPE SetEnvironmentVariable(const WCHAR* szName,
                                                             const WCHAR* szValue) = 0;  // 100
};
