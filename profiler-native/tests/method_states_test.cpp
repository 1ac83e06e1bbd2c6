#include <gtest/gtest.h>

#include "method_states.h"

using diagnose::MethodKey;
using diagnose::MethodState;
using diagnose::MethodStates;

namespace {

const MethodKey kValue{0x1000, 0x06000001};
const MethodKey kInliner{0x1000, 0x06000003};
constexpr HRESULT kInvalidProgram = static_cast<HRESULT>(0x8013153A);

}  // namespace

TEST(MethodStatesTest, UnknownMethodsAreNoneWithoutError) {
    MethodStates states;
    EXPECT_EQ(states.Get(kValue).state, MethodState::None);
    EXPECT_EQ(states.Get(kValue).lastError, S_OK);
    EXPECT_FALSE(states.IsTracked(kValue));
}

TEST(MethodStatesTest, RequestedThenCompiled) {
    MethodStates states;
    states.MarkRequested({kValue});
    EXPECT_EQ(states.Get(kValue).state, MethodState::Requested);
    states.MarkCompiled(kValue);
    EXPECT_EQ(states.Get(kValue).state, MethodState::Compiled);
    states.MarkCompiled(kValue);  // tiering compiles the same version again
    EXPECT_EQ(states.Get(kValue).state, MethodState::Compiled);
}

TEST(MethodStatesTest, CompilationOfAnUntrackedInlinerIsNotRecorded) {
    MethodStates states;
    states.MarkCompiled(kInliner);
    EXPECT_EQ(states.Get(kInliner).state, MethodState::None);
}

TEST(MethodStatesTest, FailureKeepsItsHresultUntilTheNextRequest) {
    MethodStates states;
    states.MarkRequested({kValue});
    states.MarkFailed(kValue, kInvalidProgram);
    states.MarkCompiled(kValue);  // another instantiation compiled: the failure stays visible
    EXPECT_EQ(states.Get(kValue).state, MethodState::Failed);
    EXPECT_EQ(states.Get(kValue).lastError, kInvalidProgram);
    states.MarkRequested({kValue});
    EXPECT_EQ(states.Get(kValue).state, MethodState::Requested);
    EXPECT_EQ(states.Get(kValue).lastError, S_OK);
}

TEST(MethodStatesTest, RevertedMethodsIgnoreLateCompilations) {
    MethodStates states;
    states.MarkRequested({kValue});
    states.MarkReverted(kValue);
    states.MarkCompiled(kValue);
    EXPECT_EQ(states.Get(kValue).state, MethodState::Reverted);
    EXPECT_TRUE(states.IsTracked(kValue));
}

TEST(MethodStatesTest, ForgetModuleDropsItsMethods) {
    MethodStates states;
    states.MarkRequested({kValue, MethodKey{0x2000, 0x06000001}});
    states.ForgetModule(0x1000);
    EXPECT_EQ(states.Get(kValue).state, MethodState::None);
    EXPECT_EQ(states.Get(MethodKey{0x2000, 0x06000001}).state, MethodState::Requested);
}
