// ICorProfilerCallback .. ICorProfilerCallback11: the notifications the runtime sends a profiler.
// Declaration order = vtable order (IUnknown holds slots 0-2). Slots are checked by tests/vtable_test.cpp.
#pragma once

#include "clr/unknwn.h"

class ICorProfilerFunctionControl;
class ICorProfilerAssemblyReferenceProvider;

// C enums of the profiling API passed by value or as arrays; all are 32-bit.
using COR_PRF_JIT_CACHE = int32_t;
using COR_PRF_TRANSITION_REASON = int32_t;
using COR_PRF_SUSPEND_REASON = int32_t;
using COR_PRF_GC_ROOT_KIND = int32_t;
using COR_PRF_GC_ROOT_FLAGS = int32_t;
using COR_PRF_GC_REASON = int32_t;

class ICorProfilerCallback : public IUnknown {
public:
    virtual HRESULT STDMETHODCALLTYPE Initialize(IUnknown* pICorProfilerInfoUnk) = 0;  // 3
    virtual HRESULT STDMETHODCALLTYPE Shutdown() = 0;                                  // 4
    virtual HRESULT STDMETHODCALLTYPE AppDomainCreationStarted(AppDomainID appDomainId) = 0;
    virtual HRESULT STDMETHODCALLTYPE AppDomainCreationFinished(AppDomainID appDomainId, HRESULT hrStatus) = 0;
    virtual HRESULT STDMETHODCALLTYPE AppDomainShutdownStarted(AppDomainID appDomainId) = 0;
    virtual HRESULT STDMETHODCALLTYPE AppDomainShutdownFinished(AppDomainID appDomainId, HRESULT hrStatus) = 0;
    virtual HRESULT STDMETHODCALLTYPE AssemblyLoadStarted(AssemblyID assemblyId) = 0;
    virtual HRESULT STDMETHODCALLTYPE AssemblyLoadFinished(AssemblyID assemblyId, HRESULT hrStatus) = 0;
    virtual HRESULT STDMETHODCALLTYPE AssemblyUnloadStarted(AssemblyID assemblyId) = 0;
    virtual HRESULT STDMETHODCALLTYPE AssemblyUnloadFinished(AssemblyID assemblyId, HRESULT hrStatus) = 0;
    virtual HRESULT STDMETHODCALLTYPE ModuleLoadStarted(ModuleID moduleId) = 0;                     // 13
    virtual HRESULT STDMETHODCALLTYPE ModuleLoadFinished(ModuleID moduleId, HRESULT hrStatus) = 0;  // 14
    virtual HRESULT STDMETHODCALLTYPE ModuleUnloadStarted(ModuleID moduleId) = 0;                   // 15
    virtual HRESULT STDMETHODCALLTYPE ModuleUnloadFinished(ModuleID moduleId, HRESULT hrStatus) = 0;
    virtual HRESULT STDMETHODCALLTYPE ModuleAttachedToAssembly(ModuleID moduleId, AssemblyID assemblyId) = 0;
    virtual HRESULT STDMETHODCALLTYPE ClassLoadStarted(ClassID classId) = 0;
    virtual HRESULT STDMETHODCALLTYPE ClassLoadFinished(ClassID classId, HRESULT hrStatus) = 0;
    virtual HRESULT STDMETHODCALLTYPE ClassUnloadStarted(ClassID classId) = 0;
    virtual HRESULT STDMETHODCALLTYPE ClassUnloadFinished(ClassID classId, HRESULT hrStatus) = 0;
    virtual HRESULT STDMETHODCALLTYPE FunctionUnloadStarted(FunctionID functionId) = 0;
    virtual HRESULT STDMETHODCALLTYPE JITCompilationStarted(FunctionID functionId, BOOL fIsSafeToBlock) = 0;  // 23
    virtual HRESULT STDMETHODCALLTYPE JITCompilationFinished(FunctionID functionId, HRESULT hrStatus,
                                                             BOOL fIsSafeToBlock) = 0;
    virtual HRESULT STDMETHODCALLTYPE JITCachedFunctionSearchStarted(FunctionID functionId,
                                                                     BOOL* pbUseCachedFunction) = 0;
    virtual HRESULT STDMETHODCALLTYPE JITCachedFunctionSearchFinished(FunctionID functionId,
                                                                      COR_PRF_JIT_CACHE result) = 0;
    virtual HRESULT STDMETHODCALLTYPE JITFunctionPitched(FunctionID functionId) = 0;
    virtual HRESULT STDMETHODCALLTYPE JITInlining(FunctionID callerId, FunctionID calleeId,
                                                  BOOL* pfShouldInline) = 0;  // 28
    virtual HRESULT STDMETHODCALLTYPE ThreadCreated(ThreadID threadId) = 0;
    virtual HRESULT STDMETHODCALLTYPE ThreadDestroyed(ThreadID threadId) = 0;
    virtual HRESULT STDMETHODCALLTYPE ThreadAssignedToOSThread(ThreadID managedThreadId, DWORD osThreadId) = 0;
    virtual HRESULT STDMETHODCALLTYPE RemotingClientInvocationStarted() = 0;
    virtual HRESULT STDMETHODCALLTYPE RemotingClientSendingMessage(GUID* pCookie, BOOL fIsAsync) = 0;
    virtual HRESULT STDMETHODCALLTYPE RemotingClientReceivingReply(GUID* pCookie, BOOL fIsAsync) = 0;
    virtual HRESULT STDMETHODCALLTYPE RemotingClientInvocationFinished() = 0;
    virtual HRESULT STDMETHODCALLTYPE RemotingServerReceivingMessage(GUID* pCookie, BOOL fIsAsync) = 0;
    virtual HRESULT STDMETHODCALLTYPE RemotingServerInvocationStarted() = 0;
    virtual HRESULT STDMETHODCALLTYPE RemotingServerInvocationReturned() = 0;
    virtual HRESULT STDMETHODCALLTYPE RemotingServerSendingReply(GUID* pCookie, BOOL fIsAsync) = 0;
    virtual HRESULT STDMETHODCALLTYPE UnmanagedToManagedTransition(FunctionID functionId,
                                                                   COR_PRF_TRANSITION_REASON reason) = 0;
    virtual HRESULT STDMETHODCALLTYPE ManagedToUnmanagedTransition(FunctionID functionId,
                                                                   COR_PRF_TRANSITION_REASON reason) = 0;
    virtual HRESULT STDMETHODCALLTYPE RuntimeSuspendStarted(COR_PRF_SUSPEND_REASON suspendReason) = 0;
    virtual HRESULT STDMETHODCALLTYPE RuntimeSuspendFinished() = 0;
    virtual HRESULT STDMETHODCALLTYPE RuntimeSuspendAborted() = 0;
    virtual HRESULT STDMETHODCALLTYPE RuntimeResumeStarted() = 0;
    virtual HRESULT STDMETHODCALLTYPE RuntimeResumeFinished() = 0;
    virtual HRESULT STDMETHODCALLTYPE RuntimeThreadSuspended(ThreadID threadId) = 0;
    virtual HRESULT STDMETHODCALLTYPE RuntimeThreadResumed(ThreadID threadId) = 0;
    virtual HRESULT STDMETHODCALLTYPE MovedReferences(ULONG cMovedObjectIDRanges, ObjectID oldObjectIDRangeStart[],
                                                      ObjectID newObjectIDRangeStart[],
                                                      ULONG cObjectIDRangeLength[]) = 0;
    virtual HRESULT STDMETHODCALLTYPE ObjectAllocated(ObjectID objectId, ClassID classId) = 0;
    virtual HRESULT STDMETHODCALLTYPE ObjectsAllocatedByClass(ULONG cClassCount, ClassID classIds[],
                                                              ULONG cObjects[]) = 0;
    virtual HRESULT STDMETHODCALLTYPE ObjectReferences(ObjectID objectId, ClassID classId, ULONG cObjectRefs,
                                                       ObjectID objectRefIds[]) = 0;
    virtual HRESULT STDMETHODCALLTYPE RootReferences(ULONG cRootRefs, ObjectID rootRefIds[]) = 0;
    virtual HRESULT STDMETHODCALLTYPE ExceptionThrown(ObjectID thrownObjectId) = 0;
    virtual HRESULT STDMETHODCALLTYPE ExceptionSearchFunctionEnter(FunctionID functionId) = 0;
    virtual HRESULT STDMETHODCALLTYPE ExceptionSearchFunctionLeave() = 0;
    virtual HRESULT STDMETHODCALLTYPE ExceptionSearchFilterEnter(FunctionID functionId) = 0;
    virtual HRESULT STDMETHODCALLTYPE ExceptionSearchFilterLeave() = 0;
    virtual HRESULT STDMETHODCALLTYPE ExceptionSearchCatcherFound(FunctionID functionId) = 0;
    virtual HRESULT STDMETHODCALLTYPE ExceptionOSHandlerEnter(UINT_PTR unused) = 0;
    virtual HRESULT STDMETHODCALLTYPE ExceptionOSHandlerLeave(UINT_PTR unused) = 0;
    virtual HRESULT STDMETHODCALLTYPE ExceptionUnwindFunctionEnter(FunctionID functionId) = 0;
    virtual HRESULT STDMETHODCALLTYPE ExceptionUnwindFunctionLeave() = 0;
    virtual HRESULT STDMETHODCALLTYPE ExceptionUnwindFinallyEnter(FunctionID functionId) = 0;
    virtual HRESULT STDMETHODCALLTYPE ExceptionUnwindFinallyLeave() = 0;
    virtual HRESULT STDMETHODCALLTYPE ExceptionCatcherEnter(FunctionID functionId, ObjectID objectId) = 0;
    virtual HRESULT STDMETHODCALLTYPE ExceptionCatcherLeave() = 0;
    virtual HRESULT STDMETHODCALLTYPE COMClassicVTableCreated(ClassID wrappedClassId, REFGUID implementedIID,
                                                              void* pVTable, ULONG cSlots) = 0;
    virtual HRESULT STDMETHODCALLTYPE COMClassicVTableDestroyed(ClassID wrappedClassId, REFGUID implementedIID,
                                                                void* pVTable) = 0;
    virtual HRESULT STDMETHODCALLTYPE ExceptionCLRCatcherFound() = 0;
    virtual HRESULT STDMETHODCALLTYPE ExceptionCLRCatcherExecute() = 0;  // 71
};

class ICorProfilerCallback2 : public ICorProfilerCallback {
public:
    virtual HRESULT STDMETHODCALLTYPE ThreadNameChanged(ThreadID threadId, ULONG cchName, WCHAR name[]) = 0;  // 72
    virtual HRESULT STDMETHODCALLTYPE GarbageCollectionStarted(int cGenerations, BOOL generationCollected[],
                                                               COR_PRF_GC_REASON reason) = 0;
    virtual HRESULT STDMETHODCALLTYPE SurvivingReferences(ULONG cSurvivingObjectIDRanges,
                                                          ObjectID objectIDRangeStart[],
                                                          ULONG cObjectIDRangeLength[]) = 0;
    virtual HRESULT STDMETHODCALLTYPE GarbageCollectionFinished() = 0;
    virtual HRESULT STDMETHODCALLTYPE FinalizeableObjectQueued(DWORD finalizerFlags, ObjectID objectID) = 0;
    virtual HRESULT STDMETHODCALLTYPE RootReferences2(ULONG cRootRefs, ObjectID rootRefIds[],
                                                      COR_PRF_GC_ROOT_KIND rootKinds[],
                                                      COR_PRF_GC_ROOT_FLAGS rootFlags[], UINT_PTR rootIds[]) = 0;
    virtual HRESULT STDMETHODCALLTYPE HandleCreated(GCHandleID handleId, ObjectID initialObjectId) = 0;
    virtual HRESULT STDMETHODCALLTYPE HandleDestroyed(GCHandleID handleId) = 0;  // 79
};

class ICorProfilerCallback3 : public ICorProfilerCallback2 {
public:
    virtual HRESULT STDMETHODCALLTYPE InitializeForAttach(IUnknown* pCorProfilerInfoUnk, void* pvClientData,
                                                          UINT cbClientData) = 0;  // 80
    virtual HRESULT STDMETHODCALLTYPE ProfilerAttachComplete() = 0;                 // 81
    virtual HRESULT STDMETHODCALLTYPE ProfilerDetachSucceeded() = 0;                // 82
};

class ICorProfilerCallback4 : public ICorProfilerCallback3 {
public:
    virtual HRESULT STDMETHODCALLTYPE ReJITCompilationStarted(FunctionID functionId, ReJITID rejitId,
                                                              BOOL fIsSafeToBlock) = 0;  // 83
    virtual HRESULT STDMETHODCALLTYPE GetReJITParameters(ModuleID moduleId, mdMethodDef methodId,
                                                         ICorProfilerFunctionControl* pFunctionControl) = 0;  // 84
    virtual HRESULT STDMETHODCALLTYPE ReJITCompilationFinished(FunctionID functionId, ReJITID rejitId,
                                                               HRESULT hrStatus, BOOL fIsSafeToBlock) = 0;  // 85
    virtual HRESULT STDMETHODCALLTYPE ReJITError(ModuleID moduleId, mdMethodDef methodId, FunctionID functionId,
                                                 HRESULT hrStatus) = 0;  // 86
    virtual HRESULT STDMETHODCALLTYPE MovedReferences2(ULONG cMovedObjectIDRanges, ObjectID oldObjectIDRangeStart[],
                                                       ObjectID newObjectIDRangeStart[],
                                                       SIZE_T cObjectIDRangeLength[]) = 0;
    virtual HRESULT STDMETHODCALLTYPE SurvivingReferences2(ULONG cSurvivingObjectIDRanges,
                                                           ObjectID objectIDRangeStart[],
                                                           SIZE_T cObjectIDRangeLength[]) = 0;  // 88
};

class ICorProfilerCallback5 : public ICorProfilerCallback4 {
public:
    virtual HRESULT STDMETHODCALLTYPE ConditionalWeakTableElementReferences(ULONG cRootRefs, ObjectID keyRefIds[],
                                                                            ObjectID valueRefIds[],
                                                                            GCHandleID rootIds[]) = 0;  // 89
};

class ICorProfilerCallback6 : public ICorProfilerCallback5 {
public:
    virtual HRESULT STDMETHODCALLTYPE GetAssemblyReferences(const WCHAR* wszAssemblyPath,
                                                            ICorProfilerAssemblyReferenceProvider* pAsmRefProvider) = 0;  // 90
};

class ICorProfilerCallback7 : public ICorProfilerCallback6 {
public:
    virtual HRESULT STDMETHODCALLTYPE ModuleInMemorySymbolsUpdated(ModuleID moduleId) = 0;  // 91
};

class ICorProfilerCallback8 : public ICorProfilerCallback7 {
public:
    virtual HRESULT STDMETHODCALLTYPE DynamicMethodJITCompilationStarted(FunctionID functionId, BOOL fIsSafeToBlock,
                                                                         LPCBYTE pILHeader, ULONG cbILHeader) = 0;  // 92
    virtual HRESULT STDMETHODCALLTYPE DynamicMethodJITCompilationFinished(FunctionID functionId, HRESULT hrStatus,
                                                                          BOOL fIsSafeToBlock) = 0;  // 93
};

class ICorProfilerCallback9 : public ICorProfilerCallback8 {
public:
    virtual HRESULT STDMETHODCALLTYPE DynamicMethodUnloaded(FunctionID functionId) = 0;  // 94
};

class ICorProfilerCallback10 : public ICorProfilerCallback9 {
public:
    virtual HRESULT STDMETHODCALLTYPE EventPipeEventDelivered(EVENTPIPE_PROVIDER provider, DWORD eventId,
                                                              DWORD eventVersion, ULONG cbMetadataBlob,
                                                              LPCBYTE metadataBlob, ULONG cbEventData,
                                                              LPCBYTE eventData, const GUID* pActivityId,
                                                              const GUID* pRelatedActivityId, ThreadID eventThread,
                                                              ULONG numStackFrames, UINT_PTR stackFrames[]) = 0;  // 95
    virtual HRESULT STDMETHODCALLTYPE EventPipeProviderCreated(EVENTPIPE_PROVIDER provider) = 0;  // 96
};

class ICorProfilerCallback11 : public ICorProfilerCallback10 {
public:
    virtual HRESULT STDMETHODCALLTYPE LoadAsNotificationOnly(BOOL* pbNotificationOnly) = 0;  // 97
};
