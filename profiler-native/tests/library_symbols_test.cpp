// The built libDiagnose.Profiler.so itself: loadable on its own, exports exactly the C API, hides the rest.
#include <gtest/gtest.h>

#include <dlfcn.h>

#include "diagnose/exports.h"

namespace {

class LibrarySymbolsTest : public ::testing::Test {
protected:
    void SetUp() override {
        m_handle = ::dlopen(DIAGNOSE_PROFILER_LIBRARY, RTLD_NOW | RTLD_LOCAL);
        ASSERT_NE(m_handle, nullptr) << ::dlerror();
    }
    void TearDown() override {
        if (m_handle != nullptr) {
            ::dlclose(m_handle);
        }
    }
    void* Symbol(const char* name) const { return ::dlsym(m_handle, name); }

    void* m_handle = nullptr;
};

}  // namespace

TEST_F(LibrarySymbolsTest, EveryExportOfTheContractIsVisible) {
    const char* exports[] = {"DllGetClassObject",           "DiagnoseGetAbiVersion",   "DiagnoseIsActive",
                             "DiagnoseGetFunctionInfo",     "DiagnoseGetILBody",       "DiagnoseGetTokenFromSig",
                             "DiagnoseGetTokenFromTypeSpec", "DiagnoseRequestReJIT",   "DiagnoseRequestRevert",
                             "DiagnoseGetMethodState",      "DiagnoseLog",             "DiagnoseGetLogPath"};
    for (const char* name : exports) {
        EXPECT_NE(Symbol(name), nullptr) << name;
    }
}

TEST_F(LibrarySymbolsTest, InternalsAreHidden) {
    EXPECT_EQ(Symbol("_ZN8diagnose12ActiveBridgeEv"), nullptr);
    EXPECT_EQ(Symbol("_ZN8diagnose13MeasureIlBodyEPKhm"), nullptr);
    EXPECT_EQ(Symbol("_ZN8diagnose15ParseClientDataEPKvm"), nullptr);
}

TEST_F(LibrarySymbolsTest, AFreshlyLoadedCopyIsInactiveAndRefusesOtherClasses) {
    auto isActive = reinterpret_cast<HRESULT (*)()>(Symbol("DiagnoseIsActive"));
    ASSERT_NE(isActive, nullptr);
    EXPECT_EQ(isActive(), S_FALSE);
    auto log = reinterpret_cast<HRESULT (*)(int32_t, const char*)>(Symbol("DiagnoseLog"));
    ASSERT_NE(log, nullptr);
    EXPECT_EQ(log(1, "not active"), E_UNEXPECTED);
    auto getClassObject = reinterpret_cast<HRESULT (*)(REFCLSID, REFIID, void**)>(Symbol("DllGetClassObject"));
    ASSERT_NE(getClassObject, nullptr);
    const GUID other = {1, 2, 3, {4, 5, 6, 7, 8, 9, 10, 11}};
    void* object = nullptr;
    EXPECT_EQ(getClassObject(other, other, &object), CLASS_E_CLASSNOTAVAILABLE);
}
