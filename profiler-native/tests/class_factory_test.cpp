// What the runtime does with the library: DllGetClassObject -> IClassFactory -> CreateInstance(Callback2)
// -> QueryInterface for Callback3..11 -> Initialize.
#include <gtest/gtest.h>

#include <cstdlib>

#include "class_factory.h"
#include "clr/iids.h"
#include "clr/profiler_callback.h"
#include "diagnose/exports.h"

namespace {

IClassFactory* GetFactory() {
    void* factory = nullptr;
    EXPECT_EQ(DllGetClassObject(diagnose::CLSID_DiagnoseProfiler, clr::IID_IClassFactory, &factory), S_OK);
    return static_cast<IClassFactory*>(factory);
}

// An ICorProfilerInfo provider that offers nothing (a runtime too old for Diagnose).
class NoInfo final : public IUnknown {
public:
    HRESULT STDMETHODCALLTYPE QueryInterface(REFIID, void** ppv) override {
        *ppv = nullptr;
        ++queries;
        return E_NOINTERFACE;
    }
    ULONG STDMETHODCALLTYPE AddRef() override { return 2; }
    ULONG STDMETHODCALLTYPE Release() override { return 1; }
    int queries = 0;
};

}  // namespace

TEST(ClassFactoryTest, OnlyTheDiagnoseClsidIsServed) {
    void* object = reinterpret_cast<void*>(1);
    const GUID other = {0x8A3E5F21, 0x4C7D, 0x4E2B, {0x9B, 0x1A, 0xD1, 0xA6, 0xC0, 0xF3, 0xE7, 0x43}};
    EXPECT_EQ(DllGetClassObject(other, clr::IID_IClassFactory, &object), CLASS_E_CLASSNOTAVAILABLE);
    EXPECT_EQ(object, nullptr);
    EXPECT_EQ(DllGetClassObject(diagnose::CLSID_DiagnoseProfiler, clr::IID_IClassFactory, nullptr), E_POINTER);
}

TEST(ClassFactoryTest, FactoryAnswersIUnknownAndIClassFactoryOnly) {
    IClassFactory* factory = GetFactory();
    ASSERT_NE(factory, nullptr);
    void* unknown = nullptr;
    EXPECT_EQ(factory->QueryInterface(clr::IID_IUnknown, &unknown), S_OK);
    EXPECT_EQ(unknown, factory);
    static_cast<IUnknown*>(unknown)->Release();
    void* callback = reinterpret_cast<void*>(1);
    EXPECT_EQ(factory->QueryInterface(clr::IID_ICorProfilerCallback2, &callback), E_NOINTERFACE);
    EXPECT_EQ(callback, nullptr);
    EXPECT_EQ(factory->LockServer(TRUE), S_OK);
    EXPECT_EQ(factory->Release(), 0u);
}

TEST(ClassFactoryTest, AggregationIsRefused) {
    IClassFactory* factory = GetFactory();
    NoInfo outer;
    void* object = reinterpret_cast<void*>(1);
    EXPECT_EQ(factory->CreateInstance(&outer, clr::IID_ICorProfilerCallback2, &object), CLASS_E_NOAGGREGATION);
    EXPECT_EQ(object, nullptr);
    factory->Release();
}

TEST(ClassFactoryTest, ProfilerAnswersEveryCallbackVersionWithOneObject) {
    IClassFactory* factory = GetFactory();
    void* created = nullptr;
    ASSERT_EQ(factory->CreateInstance(nullptr, clr::IID_ICorProfilerCallback2, &created), S_OK);
    factory->Release();
    auto* profiler = static_cast<ICorProfilerCallback2*>(created);
    const GUID* versions[] = {&clr::IID_IUnknown,
                              &clr::IID_ICorProfilerCallback,
                              &clr::IID_ICorProfilerCallback3,
                              &clr::IID_ICorProfilerCallback4,
                              &clr::IID_ICorProfilerCallback5,
                              &clr::IID_ICorProfilerCallback6,
                              &clr::IID_ICorProfilerCallback7,
                              &clr::IID_ICorProfilerCallback8,
                              &clr::IID_ICorProfilerCallback9,
                              &clr::IID_ICorProfilerCallback10,
                              &clr::IID_ICorProfilerCallback11};
    for (const GUID* iid : versions) {
        void* other = nullptr;
        EXPECT_EQ(profiler->QueryInterface(*iid, &other), S_OK);
        EXPECT_EQ(other, created);
        static_cast<IUnknown*>(other)->Release();
    }
    void* none = reinterpret_cast<void*>(1);
    EXPECT_EQ(profiler->QueryInterface(clr::IID_IClassFactory, &none), E_NOINTERFACE);
    EXPECT_EQ(none, nullptr);
    EXPECT_EQ(profiler->QueryInterface(clr::IID_ICorProfilerInfo11, &none), E_NOINTERFACE);
    EXPECT_EQ(profiler->QueryInterface(clr::IID_ICorProfilerCallback, nullptr), E_POINTER);

    BOOL notificationOnly = TRUE;
    EXPECT_EQ(static_cast<ICorProfilerCallback11*>(created)->LoadAsNotificationOnly(&notificationOnly), S_OK);
    EXPECT_EQ(notificationOnly, FALSE);
    EXPECT_EQ(profiler->Release(), 0u);
}

TEST(ClassFactoryTest, InitializeFailsCleanlyWithoutICorProfilerInfo11) {
    ::setenv("DIAGNOSE_LOG", "off", 1);
    IClassFactory* factory = GetFactory();
    void* created = nullptr;
    ASSERT_EQ(factory->CreateInstance(nullptr, clr::IID_ICorProfilerCallback2, &created), S_OK);
    factory->Release();
    auto* profiler = static_cast<ICorProfilerCallback11*>(created);
    NoInfo info;
    EXPECT_EQ(profiler->Initialize(&info), E_NOINTERFACE);
    EXPECT_EQ(profiler->InitializeForAttach(&info, nullptr, 0), E_NOINTERFACE);
    EXPECT_GE(info.queries, 2);
    EXPECT_EQ(profiler->Initialize(nullptr), E_POINTER);
    EXPECT_EQ(DiagnoseIsActive(), S_FALSE);
    // Callbacks of a profiler that never started are harmless no-ops.
    EXPECT_EQ(profiler->ModuleLoadFinished(0x1234, S_OK), S_OK);
    EXPECT_EQ(profiler->GetReJITParameters(0x1234, 0x06000001, nullptr), S_OK);
    EXPECT_EQ(profiler->Shutdown(), S_OK);
    EXPECT_EQ(profiler->Release(), 0u);
}
