// The library loaded without a runtime having initialized it as a profiler (e.g. the agent loaded it in a
// process started without profiling): every export answers, none crashes.
#include <gtest/gtest.h>

#include <cstring>

#include "diagnose/exports.h"
#include "entry_state.h"

using diagnose::MethodBody;
using diagnose::MethodRef;

namespace {

constexpr HRESULT kNotActive = E_UNEXPECTED;
constexpr uintptr_t kModule = 0x7f0000001000;
constexpr uint32_t kMethod = 0x06000001;
const uint8_t kBody[] = {0x13, 0x30, 0x08, 0x00, 0x02, 0, 0, 0, 0, 0, 0, 0, 0x18, 0x2A};  // fat: ldc.i4.2; ret

}  // namespace

TEST(ExportsInactiveTest, IsActiveIsFalseAndAbiVersionAlwaysAnswers) {
    EXPECT_EQ(DiagnoseIsActive(), S_FALSE);
    int32_t version = 0;
    EXPECT_EQ(DiagnoseGetAbiVersion(&version), S_OK);
    EXPECT_EQ(version, diagnose::kAbiVersion);
    EXPECT_EQ(DiagnoseGetAbiVersion(nullptr), E_POINTER);
    EXPECT_EQ(diagnose::kErrorNotActive, kNotActive);
}

TEST(ExportsInactiveTest, WellFormedCallsFailWithNotActive) {
    uintptr_t module = 0;
    uint32_t token = 0;
    EXPECT_EQ(DiagnoseGetFunctionInfo(0x1234, &module, &token), kNotActive);
    const uint8_t* il = nullptr;
    uint32_t size = 0;
    EXPECT_EQ(DiagnoseGetILBody(kModule, kMethod, &il, &size), kNotActive);
    const uint8_t sig[] = {0x07, 0x01, 0x08};
    EXPECT_EQ(DiagnoseGetTokenFromSig(kModule, sig, sizeof(sig), &token), kNotActive);
    EXPECT_EQ(DiagnoseGetTokenFromTypeSpec(kModule, sig, sizeof(sig), &token), kNotActive);
    MethodBody body{kModule, kMethod, 0, kBody, sizeof(kBody), 0, nullptr, 0, 0};
    EXPECT_EQ(DiagnoseRequestReJIT(1, &body, 100), kNotActive);
    const diagnose::ILMapEntry map[] = {{0, 0}, {0, 1}};  // a repeated old offset is sorted (prologue, then the body)
    MethodBody mapped = body;
    mapped.map = map;
    mapped.mapCount = 2;
    EXPECT_EQ(DiagnoseRequestReJIT(1, &mapped, 100), kNotActive);
    MethodRef ref{kModule, kMethod, 0};
    HRESULT status = 12345;
    EXPECT_EQ(DiagnoseRequestRevert(1, &ref, 100, &status), kNotActive);
    EXPECT_EQ(status, 12345);  // untouched
    int32_t state = -1;
    HRESULT lastError = 1;
    EXPECT_EQ(DiagnoseGetMethodState(kModule, kMethod, &state, &lastError), kNotActive);
    EXPECT_EQ(DiagnoseLog(1, "hello"), kNotActive);
    char buffer[64];
    uint32_t needed = 0;
    EXPECT_EQ(DiagnoseGetLogPath(buffer, sizeof(buffer), &needed), kNotActive);
}

TEST(ExportsInactiveTest, NullPointersAreRejectedWithEPointer) {
    uintptr_t module = 0;
    uint32_t token = 0;
    const uint8_t* il = nullptr;
    uint32_t size = 0;
    EXPECT_EQ(DiagnoseGetFunctionInfo(0x1234, nullptr, &token), E_POINTER);
    EXPECT_EQ(DiagnoseGetFunctionInfo(0x1234, &module, nullptr), E_POINTER);
    EXPECT_EQ(DiagnoseGetILBody(kModule, kMethod, nullptr, &size), E_POINTER);
    EXPECT_EQ(DiagnoseGetILBody(kModule, kMethod, &il, nullptr), E_POINTER);
    EXPECT_EQ(DiagnoseGetTokenFromSig(kModule, nullptr, 3, &token), E_POINTER);
    const uint8_t sig[] = {0x07, 0x01, 0x08};
    EXPECT_EQ(DiagnoseGetTokenFromSig(kModule, sig, 3, nullptr), E_POINTER);
    EXPECT_EQ(DiagnoseGetTokenFromTypeSpec(kModule, nullptr, 3, &token), E_POINTER);
    EXPECT_EQ(DiagnoseRequestReJIT(1, nullptr, 100), E_POINTER);
    EXPECT_EQ(DiagnoseRequestRevert(1, nullptr, 100, nullptr), E_POINTER);
    int32_t state = 0;
    HRESULT lastError = 0;
    EXPECT_EQ(DiagnoseGetMethodState(kModule, kMethod, nullptr, &lastError), E_POINTER);
    EXPECT_EQ(DiagnoseGetMethodState(kModule, kMethod, &state, nullptr), E_POINTER);
    EXPECT_EQ(DiagnoseLog(1, nullptr), E_POINTER);
    char buffer[8];
    EXPECT_EQ(DiagnoseGetLogPath(buffer, sizeof(buffer), nullptr), E_POINTER);
}

TEST(ExportsInactiveTest, InvalidValuesAreRejectedWithEInvalidArg) {
    uintptr_t module = 0;
    uint32_t token = 0;
    const uint8_t* il = nullptr;
    uint32_t size = 0;
    const uint8_t sig[] = {0x07, 0x01, 0x08};
    EXPECT_EQ(DiagnoseGetFunctionInfo(0, &module, &token), E_INVALIDARG);
    EXPECT_EQ(DiagnoseGetILBody(0, kMethod, &il, &size), E_INVALIDARG);
    EXPECT_EQ(DiagnoseGetILBody(kModule, 0x02000001, &il, &size), E_INVALIDARG);  // a TypeDef token
    EXPECT_EQ(DiagnoseGetTokenFromSig(kModule, sig, 0, &token), E_INVALIDARG);
    EXPECT_EQ(DiagnoseGetTokenFromTypeSpec(0, sig, 3, &token), E_INVALIDARG);
    EXPECT_EQ(DiagnoseLog(-1, "x"), E_INVALIDARG);
    EXPECT_EQ(DiagnoseLog(4, "x"), E_INVALIDARG);
    int32_t state = 0;
    HRESULT lastError = 0;
    EXPECT_EQ(DiagnoseGetMethodState(kModule, 0x06000000, &state, &lastError), E_INVALIDARG);  // row 0

    MethodBody body{kModule, kMethod, 0, kBody, sizeof(kBody), 0, nullptr, 0, 0};
    EXPECT_EQ(DiagnoseRequestReJIT(0, &body, 100), E_INVALIDARG);
    MethodBody noModule = body;
    noModule.moduleId = 0;
    EXPECT_EQ(DiagnoseRequestReJIT(1, &noModule, 100), E_INVALIDARG);
    MethodBody sizeWithoutIl = body;
    sizeWithoutIl.il = nullptr;
    EXPECT_EQ(DiagnoseRequestReJIT(1, &sizeWithoutIl, 100), E_INVALIDARG);
    MethodBody ilWithoutSize = body;
    ilWithoutSize.ilSize = 0;
    EXPECT_EQ(DiagnoseRequestReJIT(1, &ilWithoutSize, 100), E_INVALIDARG);
    MethodBody truncated = body;
    truncated.ilSize = sizeof(kBody) - 1;  // the header promises 2 bytes of code
    EXPECT_EQ(DiagnoseRequestReJIT(1, &truncated, 100), E_INVALIDARG);
    const uint8_t garbage[] = {0x00, 0x01, 0x02, 0x03};
    MethodBody notIl = body;
    notIl.il = garbage;
    notIl.ilSize = sizeof(garbage);
    EXPECT_EQ(DiagnoseRequestReJIT(1, &notIl, 100), E_INVALIDARG);
    const diagnose::ILMapEntry unsorted[] = {{0, 0}, {1, 8}, {0, 9}};
    MethodBody unsortedMap = body;
    unsortedMap.map = unsorted;
    unsortedMap.mapCount = 3;
    EXPECT_EQ(DiagnoseRequestReJIT(1, &unsortedMap, 100), E_INVALIDARG);
    const diagnose::ILMapEntry backwards[] = {{0, 8}, {1, 4}};
    MethodBody newOffsetsBackwards = body;
    newOffsetsBackwards.map = backwards;
    newOffsetsBackwards.mapCount = 2;
    EXPECT_EQ(DiagnoseRequestReJIT(1, &newOffsetsBackwards, 100), E_INVALIDARG);
    MethodBody countWithoutMap = body;
    countWithoutMap.mapCount = 1;
    EXPECT_EQ(DiagnoseRequestReJIT(1, &countWithoutMap, 100), E_INVALIDARG);
    const diagnose::ILMapEntry sorted[] = {{0, 0}, {0, 1}};
    MethodBody mapWithOriginalIl = sizeWithoutIl;
    mapWithOriginalIl.ilSize = 0;
    mapWithOriginalIl.map = sorted;
    mapWithOriginalIl.mapCount = 2;
    EXPECT_EQ(DiagnoseRequestReJIT(1, &mapWithOriginalIl, 100), E_INVALIDARG);
    MethodBody batch[2] = {body, noModule};
    EXPECT_EQ(DiagnoseRequestReJIT(2, batch, 100), E_INVALIDARG);  // one bad entry rejects the batch

    MethodRef ref{kModule, kMethod, 0};
    EXPECT_EQ(DiagnoseRequestRevert(0, &ref, 100, nullptr), E_INVALIDARG);
    MethodRef badRef{kModule, 0x0A000001, 0};  // a MemberRef token
    EXPECT_EQ(DiagnoseRequestRevert(1, &badRef, 100, nullptr), E_INVALIDARG);
}
