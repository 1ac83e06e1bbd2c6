#include <gtest/gtest.h>

#include "rejit_engine.h"
#include "support/fake_runtime.h"

using diagnose::Logger;
using diagnose::MetadataEmitters;
using diagnose::MethodKey;
using diagnose::MethodState;
using diagnose::MethodStates;
using diagnose::ReJitEngine;
using diagnose::Worker;
using diagnose::testing::FakeRuntime;

namespace {

const MethodKey kValue{0x1000, 0x06000001};
const MethodKey kSmall{0x2000, 0x06000002};
constexpr HRESULT kNotSupported = static_cast<HRESULT>(0x80131363);

class ReJitEngineTest : public ::testing::Test {
protected:
    FakeRuntime m_runtime;
    Logger m_logger;
    Worker m_worker{m_runtime, m_logger};  // never started: the engine is called directly here
    MethodStates m_states;
    MetadataEmitters m_emitters{m_runtime, m_logger, m_worker};
    ReJitEngine m_engine{m_runtime, m_logger, m_emitters, m_states};
};

}  // namespace

TEST_F(ReJitEngineTest, OneRequestWithInlinersBlockingInliningForTheWholeBatch) {
    EXPECT_EQ(m_engine.ReJit({kValue, kSmall}), S_OK);
    EXPECT_EQ(m_runtime.Calls(), std::vector<std::string>{"RequestReJITWithInliners"});
    EXPECT_EQ(m_runtime.lastFlags, 0x1u);  // COR_PRF_REJIT_BLOCK_INLINING
    EXPECT_EQ(m_runtime.lastModules, (std::vector<ModuleID>{0x1000, 0x2000}));
    EXPECT_EQ(m_runtime.lastMethods, (std::vector<mdMethodDef>{0x06000001, 0x06000002}));
    EXPECT_EQ(m_states.Get(kValue).state, MethodState::Requested);
    EXPECT_EQ(m_states.Get(kSmall).state, MethodState::Requested);
}

TEST_F(ReJitEngineTest, MethodsAreMarkedRequestedBeforeTheRuntimeCallSoAnEarlyCompilationCounts) {
    m_runtime.duringReJit = [this] {
        EXPECT_EQ(m_states.Get(kValue).state, MethodState::Requested);
        m_states.MarkCompiled(kValue);  // another thread compiled the new body before the call returned
    };
    EXPECT_EQ(m_engine.ReJit({kValue}), S_OK);
    EXPECT_EQ(m_states.Get(kValue).state, MethodState::Compiled);
}

TEST_F(ReJitEngineTest, ARefusedRequestMarksEveryMethodFailedWithTheRuntimesHresult) {
    m_runtime.rejitResult = kNotSupported;
    EXPECT_EQ(m_engine.ReJit({kValue, kSmall}), kNotSupported);
    EXPECT_EQ(m_states.Get(kValue).state, MethodState::Failed);
    EXPECT_EQ(m_states.Get(kSmall).lastError, kNotSupported);
}

TEST_F(ReJitEngineTest, RevertReportsPerMethodStatusesAndMarksOnlyTheRevertedOnes) {
    m_states.MarkRequested({kValue, kSmall});
    m_runtime.revertStatuses = {S_OK, E_INVALIDARG};
    std::vector<HRESULT> statuses;
    EXPECT_EQ(m_engine.Revert({kValue, kSmall}, &statuses), S_OK);
    EXPECT_EQ(statuses, (std::vector<HRESULT>{S_OK, E_INVALIDARG}));
    EXPECT_EQ(m_states.Get(kValue).state, MethodState::Reverted);
    EXPECT_EQ(m_states.Get(kSmall).state, MethodState::Requested);
    EXPECT_EQ(m_runtime.Calls(), std::vector<std::string>{"RequestRevert"});
}

TEST_F(ReJitEngineTest, AFailedRevertChangesNoState) {
    m_states.MarkRequested({kValue});
    m_runtime.revertResult = E_FAIL;
    std::vector<HRESULT> statuses;
    EXPECT_EQ(m_engine.Revert({kValue}, &statuses), E_FAIL);
    EXPECT_EQ(m_states.Get(kValue).state, MethodState::Requested);
}

TEST_F(ReJitEngineTest, TokenEmitsNeedTheWorkerToOpenTheModule) {
    // The worker never started: opening the emitter cannot happen on this (managed-like) thread.
    uint32_t token = 0;
    const uint8_t sig[] = {0x07, 0x01, 0x08};
    EXPECT_EQ(m_emitters.GetTokenFromSig(0x1000, sig, sizeof(sig), &token), E_ABORT);
    EXPECT_TRUE(m_runtime.Calls().empty());
}
