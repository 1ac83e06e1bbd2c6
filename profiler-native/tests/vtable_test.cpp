// Vtable slots and IIDs of our own CLR interface declarations. g++ (Itanium ABI) represents a pointer to a
// virtual member function as 1 + the byte offset of its vtable entry, so slot = (value - 1) / sizeof(void*).
// A wrong slot here would make the runtime call the wrong method (a crash in the host), so every method the
// profiler calls or implements is pinned to the slot the public documentation gives.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstring>
#include <string>
#include <type_traits>

#include "clr/iids.h"
#include "clr/metadata.h"
#include "clr/profiler_callback.h"
#include "clr/profiler_helpers.h"
#include "clr/profiler_info.h"

namespace {

template <typename MemberFunction>
size_t SlotOf(MemberFunction member) {
    static_assert(sizeof(member) == 2 * sizeof(uintptr_t), "Itanium pointer to member function");
    uintptr_t raw = 0;
    std::memcpy(&raw, &member, sizeof(raw));
    EXPECT_EQ(raw & 1u, 1u) << "not a virtual function";
    return (raw - 1) / sizeof(void*);
}

// "176FBED1-A55C-4796-98CA-A9DA0EF883E7" -> GUID, written independently of the constants under test.
GUID ParseGuid(const char* text) {
    GUID g{};
    unsigned int d[11] = {};
    const int read = std::sscanf(text, "%8x-%4x-%4x-%2x%2x-%2x%2x%2x%2x%2x%2x", &d[0], &d[1], &d[2], &d[3], &d[4],
                                 &d[5], &d[6], &d[7], &d[8], &d[9], &d[10]);
    EXPECT_EQ(read, 11) << text;
    g.Data1 = d[0];
    g.Data2 = static_cast<uint16_t>(d[1]);
    g.Data3 = static_cast<uint16_t>(d[2]);
    for (int i = 0; i < 8; ++i) {
        g.Data4[i] = static_cast<uint8_t>(d[3 + i]);
    }
    return g;
}

}  // namespace

TEST(VtableTest, InterfacesHaveNoVirtualDestructor) {
    EXPECT_FALSE(std::has_virtual_destructor_v<IUnknown>);
    EXPECT_FALSE(std::has_virtual_destructor_v<ICorProfilerCallback11>);
    EXPECT_FALSE(std::has_virtual_destructor_v<ICorProfilerInfo11>);
    EXPECT_FALSE(std::has_virtual_destructor_v<IMetaDataEmit>);
}

TEST(VtableTest, IUnknownAndClassFactorySlots) {
    EXPECT_EQ(SlotOf(&IUnknown::QueryInterface), 0u);
    EXPECT_EQ(SlotOf(&IUnknown::AddRef), 1u);
    EXPECT_EQ(SlotOf(&IUnknown::Release), 2u);
    EXPECT_EQ(SlotOf(&IClassFactory::CreateInstance), 3u);
    EXPECT_EQ(SlotOf(&IClassFactory::LockServer), 4u);
}

TEST(VtableTest, CallbackSlotsMatchTheDocumentation) {
    EXPECT_EQ(SlotOf(&ICorProfilerCallback::Initialize), 3u);
    EXPECT_EQ(SlotOf(&ICorProfilerCallback::Shutdown), 4u);
    EXPECT_EQ(SlotOf(&ICorProfilerCallback::ModuleLoadStarted), 13u);
    EXPECT_EQ(SlotOf(&ICorProfilerCallback::ModuleLoadFinished), 14u);
    EXPECT_EQ(SlotOf(&ICorProfilerCallback::ModuleUnloadStarted), 15u);
    EXPECT_EQ(SlotOf(&ICorProfilerCallback::JITCompilationStarted), 23u);
    EXPECT_EQ(SlotOf(&ICorProfilerCallback::JITCachedFunctionSearchStarted), 25u);
    EXPECT_EQ(SlotOf(&ICorProfilerCallback::JITInlining), 28u);
    EXPECT_EQ(SlotOf(&ICorProfilerCallback::ExceptionCLRCatcherExecute), 71u);
    EXPECT_EQ(SlotOf(&ICorProfilerCallback2::ThreadNameChanged), 72u);
    EXPECT_EQ(SlotOf(&ICorProfilerCallback2::HandleDestroyed), 79u);
    EXPECT_EQ(SlotOf(&ICorProfilerCallback3::InitializeForAttach), 80u);
    EXPECT_EQ(SlotOf(&ICorProfilerCallback3::ProfilerAttachComplete), 81u);
    EXPECT_EQ(SlotOf(&ICorProfilerCallback3::ProfilerDetachSucceeded), 82u);
    EXPECT_EQ(SlotOf(&ICorProfilerCallback4::ReJITCompilationStarted), 83u);
    EXPECT_EQ(SlotOf(&ICorProfilerCallback4::GetReJITParameters), 84u);
    EXPECT_EQ(SlotOf(&ICorProfilerCallback4::ReJITCompilationFinished), 85u);
    EXPECT_EQ(SlotOf(&ICorProfilerCallback4::ReJITError), 86u);
    EXPECT_EQ(SlotOf(&ICorProfilerCallback4::SurvivingReferences2), 88u);
    EXPECT_EQ(SlotOf(&ICorProfilerCallback5::ConditionalWeakTableElementReferences), 89u);
    EXPECT_EQ(SlotOf(&ICorProfilerCallback6::GetAssemblyReferences), 90u);
    EXPECT_EQ(SlotOf(&ICorProfilerCallback7::ModuleInMemorySymbolsUpdated), 91u);
    EXPECT_EQ(SlotOf(&ICorProfilerCallback8::DynamicMethodJITCompilationStarted), 92u);
    EXPECT_EQ(SlotOf(&ICorProfilerCallback9::DynamicMethodUnloaded), 94u);
    EXPECT_EQ(SlotOf(&ICorProfilerCallback10::EventPipeEventDelivered), 95u);
    EXPECT_EQ(SlotOf(&ICorProfilerCallback10::EventPipeProviderCreated), 96u);
    EXPECT_EQ(SlotOf(&ICorProfilerCallback11::LoadAsNotificationOnly), 97u);
}

TEST(VtableTest, InfoSlotsOfEveryMethodWeCall) {
    EXPECT_EQ(SlotOf(&ICorProfilerInfo::GetEventMask), 6u);
    EXPECT_EQ(SlotOf(&ICorProfilerInfo::GetFunctionInfo), 15u);
    EXPECT_EQ(SlotOf(&ICorProfilerInfo::SetEventMask), 16u);
    EXPECT_EQ(SlotOf(&ICorProfilerInfo::GetModuleInfo), 20u);
    EXPECT_EQ(SlotOf(&ICorProfilerInfo::GetModuleMetaData), 21u);
    EXPECT_EQ(SlotOf(&ICorProfilerInfo::GetILFunctionBody), 22u);
    EXPECT_EQ(SlotOf(&ICorProfilerInfo::Unused_GetILToNativeMapping), 35u);
    EXPECT_EQ(SlotOf(&ICorProfilerInfo2::Unused_GetFunctionInfo2), 38u);
    EXPECT_EQ(SlotOf(&ICorProfilerInfo2::Unused_GetNotifiedExceptionClauseInfo), 56u);
    EXPECT_EQ(SlotOf(&ICorProfilerInfo3::EnumModules), 66u);
    EXPECT_EQ(SlotOf(&ICorProfilerInfo3::GetRuntimeInformation), 67u);
    EXPECT_EQ(SlotOf(&ICorProfilerInfo3::GetModuleInfo2), 70u);
    EXPECT_EQ(SlotOf(&ICorProfilerInfo4::InitializeCurrentThread), 72u);
    EXPECT_EQ(SlotOf(&ICorProfilerInfo4::RequestReJIT), 73u);
    EXPECT_EQ(SlotOf(&ICorProfilerInfo4::RequestRevert), 74u);
    EXPECT_EQ(SlotOf(&ICorProfilerInfo4::GetReJITIDs), 77u);
    EXPECT_EQ(SlotOf(&ICorProfilerInfo5::GetEventMask2), 81u);
    EXPECT_EQ(SlotOf(&ICorProfilerInfo5::SetEventMask2), 82u);
    EXPECT_EQ(SlotOf(&ICorProfilerInfo6::Unused_EnumNgenModuleMethodsInliningThisMethod), 83u);
    EXPECT_EQ(SlotOf(&ICorProfilerInfo7::ApplyMetaData), 84u);
    EXPECT_EQ(SlotOf(&ICorProfilerInfo8::Unused_GetDynamicFunctionInfo), 89u);
    EXPECT_EQ(SlotOf(&ICorProfilerInfo9::Unused_GetCodeInfo4), 92u);
    EXPECT_EQ(SlotOf(&ICorProfilerInfo10::RequestReJITWithInliners), 96u);
    EXPECT_EQ(SlotOf(&ICorProfilerInfo10::Unused_ResumeRuntime), 98u);
    EXPECT_EQ(SlotOf(&ICorProfilerInfo11::GetEnvironmentVariable), 99u);
    EXPECT_EQ(SlotOf(&ICorProfilerInfo11::SetEnvironmentVariable), 100u);
}

TEST(VtableTest, HelperInterfaceSlots) {
    EXPECT_EQ(SlotOf(&ICorProfilerFunctionControl::SetCodegenFlags), 3u);
    EXPECT_EQ(SlotOf(&ICorProfilerFunctionControl::SetILFunctionBody), 4u);
    EXPECT_EQ(SlotOf(&ICorProfilerFunctionControl::SetILInstrumentedCodeMap), 5u);
    EXPECT_EQ(SlotOf(&ICorProfilerModuleEnum::Skip), 3u);
    EXPECT_EQ(SlotOf(&ICorProfilerModuleEnum::GetCount), 6u);
    EXPECT_EQ(SlotOf(&ICorProfilerModuleEnum::Next), 7u);
}

TEST(VtableTest, MetadataSlots) {
    EXPECT_EQ(SlotOf(&IMetaDataImport::CloseEnum), 3u);
    EXPECT_EQ(SlotOf(&IMetaDataImport::CountEnum), 4u);
    EXPECT_EQ(SlotOf(&IMetaDataImport::GetScopeProps), 10u);
    EXPECT_EQ(SlotOf(&IMetaDataEmit::Unused_SetModuleProps), 3u);
    EXPECT_EQ(SlotOf(&IMetaDataEmit::Unused_SetRVA), 22u);
    EXPECT_EQ(SlotOf(&IMetaDataEmit::GetTokenFromSig), 23u);
    EXPECT_EQ(SlotOf(&IMetaDataEmit::GetTokenFromTypeSpec), 26u);
    EXPECT_EQ(SlotOf(&IMetaDataEmit::Unused_DefineUserString), 28u);
    EXPECT_EQ(SlotOf(&IMetaDataEmit::Unused_DefinePinvokeMap), 34u);
    EXPECT_EQ(SlotOf(&IMetaDataEmit::Unused_DefineCustomAttribute), 37u);
    EXPECT_EQ(SlotOf(&IMetaDataEmit::Unused_DefineField), 39u);
    EXPECT_EQ(SlotOf(&IMetaDataEmit::Unused_MergeEnd), 51u);
}

TEST(VtableTest, InterfaceIdsMatchTheDocumentation) {
    const std::pair<const GUID*, const char*> expected[] = {
        {&clr::IID_IUnknown, "00000000-0000-0000-C000-000000000046"},
        {&clr::IID_IClassFactory, "00000001-0000-0000-C000-000000000046"},
        {&clr::IID_ICorProfilerCallback, "176FBED1-A55C-4796-98CA-A9DA0EF883E7"},
        {&clr::IID_ICorProfilerCallback2, "8A8CC829-CCF2-49FE-BBAE-0F022228071A"},
        {&clr::IID_ICorProfilerCallback3, "4FD2ED52-7731-4B8D-9469-03D2CC3086C5"},
        {&clr::IID_ICorProfilerCallback4, "7B63B2E3-107D-4D48-B2F6-F61E229470D2"},
        {&clr::IID_ICorProfilerCallback5, "8DFBA405-8C9F-45F8-BFFA-83B14CEF78B5"},
        {&clr::IID_ICorProfilerCallback6, "FC13DF4B-4448-4F4F-950C-BA8D19D00C36"},
        {&clr::IID_ICorProfilerCallback7, "F76A2DBA-1D52-4539-866C-2AA518F9EFC3"},
        {&clr::IID_ICorProfilerCallback8, "5BED9B15-C079-4D47-BFE2-215A140C07E0"},
        {&clr::IID_ICorProfilerCallback9, "27583EC3-C8F5-482F-8052-194B8CE4705A"},
        {&clr::IID_ICorProfilerCallback10, "CEC5B60E-C69C-495F-87F6-84D28EE16FFB"},
        {&clr::IID_ICorProfilerCallback11, "42350846-AAED-47F7-B128-FD0C98881CDE"},
        {&clr::IID_ICorProfilerInfo, "28B5557D-3F3F-48B4-90B2-5F9EEA2F6C48"},
        {&clr::IID_ICorProfilerInfo2, "CC0935CD-A518-487D-B0BB-A93214E65478"},
        {&clr::IID_ICorProfilerInfo3, "B555ED4F-452A-4E54-8B39-B5360BAD32A0"},
        {&clr::IID_ICorProfilerInfo4, "0D8FDCAA-6257-47BF-B1BF-94DAC88466EE"},
        {&clr::IID_ICorProfilerInfo5, "07602928-CE38-4B83-81E7-74ADAF781214"},
        {&clr::IID_ICorProfilerInfo6, "F30A070D-BFFB-46A7-B1D8-8781EF7B698A"},
        {&clr::IID_ICorProfilerInfo7, "9AEECC0D-63E0-4187-8C00-E312F503F663"},
        {&clr::IID_ICorProfilerInfo8, "C5AC80A6-782E-4716-8044-39598C60CFBF"},
        {&clr::IID_ICorProfilerInfo9, "008170DB-F8CC-4796-9A51-DC8AA0B47012"},
        {&clr::IID_ICorProfilerInfo10, "2F1B5152-C869-40C9-AA5F-3ABE026BD720"},
        {&clr::IID_ICorProfilerInfo11, "06398876-8987-4154-B621-40A00D6E4D04"},
        {&clr::IID_ICorProfilerFunctionControl, "F0963021-E1EA-4732-8581-E01B0BD3C0C6"},
        {&clr::IID_ICorProfilerModuleEnum, "B0266D75-2081-4493-AF7F-028BA34DB891"},
        {&clr::IID_IMethodMalloc, "A0EFB28B-6EE2-4D7B-B983-A75EF7BEEDB8"},
        {&clr::IID_IMetaDataImport, "7DAC8207-D3AE-4C75-9B67-92801A497D44"},
        {&clr::IID_IMetaDataEmit, "BA3FEE4C-ECB9-4E41-83B7-183FA41CD859"},
    };
    for (const auto& [iid, text] : expected) {
        EXPECT_TRUE(*iid == ParseGuid(text)) << text;
    }
}

TEST(VtableTest, EventMaskIsLegalOnAttachAndKeepsReadyToRun) {
    // Same checks as the runtime: the launch mask must also be accepted after attach.
    constexpr DWORD mask = CorPrfMonitor::ModuleLoads | CorPrfMonitor::EnableReJit | CorPrfMonitor::JitCompilation;
    EXPECT_EQ(mask, 0x00040024u);
    EXPECT_EQ(mask & ~kCorPrfAllowableAfterAttach, 0u);
}
