// The layout and values exports.h documents and the managed agent mirrors (Native/NativeAbi.cs).
#include <gtest/gtest.h>

#include <cstddef>

#include "clr/profiler_helpers.h"
#include "diagnose/exports.h"

using diagnose::LogLevel;
using diagnose::ILMapEntry;
using diagnose::MethodBody;
using diagnose::MethodRef;
using diagnose::MethodState;

TEST(AbiTest, MethodBodyLayoutIs48BytesWithDocumentedOffsets) {
    EXPECT_EQ(sizeof(MethodBody), 48u);
    EXPECT_EQ(offsetof(MethodBody, moduleId), 0u);
    EXPECT_EQ(offsetof(MethodBody, methodDef), 8u);
    EXPECT_EQ(offsetof(MethodBody, reserved0), 12u);
    EXPECT_EQ(offsetof(MethodBody, il), 16u);
    EXPECT_EQ(offsetof(MethodBody, ilSize), 24u);
    EXPECT_EQ(offsetof(MethodBody, reserved1), 28u);
    EXPECT_EQ(offsetof(MethodBody, map), 32u);
    EXPECT_EQ(offsetof(MethodBody, mapCount), 40u);
    EXPECT_EQ(offsetof(MethodBody, reserved2), 44u);
}

TEST(AbiTest, ILMapEntryLayoutIs8BytesWithDocumentedOffsets) {
    EXPECT_EQ(sizeof(ILMapEntry), 8u);
    EXPECT_EQ(offsetof(ILMapEntry, oldOffset), 0u);
    EXPECT_EQ(offsetof(ILMapEntry, newOffset), 4u);
}

TEST(AbiTest, TheRuntimesILMapEntryIsOldNewAccurate) {
    EXPECT_EQ(sizeof(COR_IL_MAP), 12u);
    EXPECT_EQ(offsetof(COR_IL_MAP, oldOffset), 0u);
    EXPECT_EQ(offsetof(COR_IL_MAP, newOffset), 4u);
    EXPECT_EQ(offsetof(COR_IL_MAP, fAccurate), 8u);
}

TEST(AbiTest, MethodRefLayoutIs16BytesWithDocumentedOffsets) {
    EXPECT_EQ(sizeof(MethodRef), 16u);
    EXPECT_EQ(offsetof(MethodRef, moduleId), 0u);
    EXPECT_EQ(offsetof(MethodRef, methodDef), 8u);
    EXPECT_EQ(offsetof(MethodRef, reserved0), 12u);
}

TEST(AbiTest, EnumValuesAreTheDocumentedOnes) {
    EXPECT_EQ(static_cast<int32_t>(MethodState::None), 0);
    EXPECT_EQ(static_cast<int32_t>(MethodState::Requested), 1);
    EXPECT_EQ(static_cast<int32_t>(MethodState::Compiled), 2);
    EXPECT_EQ(static_cast<int32_t>(MethodState::Failed), 3);
    EXPECT_EQ(static_cast<int32_t>(MethodState::Reverted), 4);
    EXPECT_EQ(static_cast<int32_t>(LogLevel::Debug), 0);
    EXPECT_EQ(static_cast<int32_t>(LogLevel::Info), 1);
    EXPECT_EQ(static_cast<int32_t>(LogLevel::Warning), 2);
    EXPECT_EQ(static_cast<int32_t>(LogLevel::Error), 3);
    EXPECT_EQ(sizeof(MethodState), 4u);
    EXPECT_EQ(sizeof(LogLevel), 4u);
}

TEST(AbiTest, AbiVersionAndTimeoutCode) {
    EXPECT_EQ(diagnose::kAbiVersion, 2);
    EXPECT_EQ(static_cast<uint32_t>(HRESULT_FROM_WIN32(ERROR_TIMEOUT)), 0x800705B4u);
    EXPECT_EQ(static_cast<uint32_t>(HRESULT_FROM_WIN32(ERROR_INSUFFICIENT_BUFFER)), 0x8007007Au);
    EXPECT_EQ(sizeof(HRESULT), 4u);
}
