#include <gtest/gtest.h>

#include <chrono>
#include <future>
#include <thread>

#include "support/fake_runtime.h"
#include "worker.h"

using diagnose::Completion;
using diagnose::Logger;
using diagnose::Worker;
using diagnose::testing::FakeRuntime;

namespace {

// The worker thread is detached and outlives each test: runtime, logger and worker live for the process.
struct Fixture {
    FakeRuntime runtime;
    Logger logger;
    Worker worker{runtime, logger};
};

Fixture* StartedFixture() {
    auto* fixture = new Fixture();  // intentionally never deleted (detached thread)
    EXPECT_EQ(fixture->worker.Start(), S_OK);
    return fixture;
}

}  // namespace

TEST(WorkerTest, JobsRunOnOneThreadThatInitializedItselfFirst) {
    Fixture* f = StartedFixture();
    std::thread::id first;
    std::thread::id second;
    HRESULT hr = E_FAIL;
    ASSERT_TRUE(f->worker.Post([&] { first = std::this_thread::get_id(); return S_OK; })->WaitFor(5000, &hr));
    EXPECT_EQ(hr, S_OK);
    ASSERT_TRUE(f->worker.Post([&] { second = std::this_thread::get_id(); return S_FALSE; })->WaitFor(5000, &hr));
    EXPECT_EQ(hr, S_FALSE);
    EXPECT_EQ(first, second);
    EXPECT_NE(first, std::this_thread::get_id());
    EXPECT_EQ(f->runtime.initializedThread, first);
    EXPECT_EQ(f->runtime.Calls().front(), "InitializeCurrentThread");
    EXPECT_EQ(f->worker.Start(), S_FALSE);  // one thread only
}

TEST(WorkerTest, AnExceptionInAJobBecomesEFailAndTheWorkerGoesOn) {
    Fixture* f = StartedFixture();
    HRESULT hr = S_OK;
    ASSERT_TRUE(f->worker.Post([]() -> HRESULT { throw std::runtime_error("boom"); })->WaitFor(5000, &hr));
    EXPECT_EQ(hr, E_FAIL);
    ASSERT_TRUE(f->worker.Post([] { return S_OK; })->WaitFor(5000, &hr));
    EXPECT_EQ(hr, S_OK);
}

TEST(WorkerTest, WaitingTimesOutWhileTheJobStillRuns) {
    Fixture* f = StartedFixture();
    std::promise<void> release;
    auto released = release.get_future().share();
    const auto completion = f->worker.Post([released] {
        released.wait();
        return S_OK;
    });
    HRESULT hr = E_FAIL;
    EXPECT_FALSE(completion->WaitFor(50, &hr));
    release.set_value();
    ASSERT_TRUE(completion->WaitFor(5000, &hr));
    EXPECT_EQ(hr, S_OK);
}

TEST(WorkerTest, AfterStopQueuedAndNewJobsAreAborted) {
    Fixture* f = StartedFixture();
    std::promise<void> release;
    std::promise<void> started;
    auto released = release.get_future().share();
    const auto running = f->worker.Post([released, &started] {
        started.set_value();
        released.wait();
        return S_OK;
    });
    started.get_future().wait();  // the first job is running, the next one waits in the queue
    const auto queued = f->worker.Post([] { return S_OK; });
    f->worker.Stop();
    HRESULT hr = S_OK;
    ASSERT_TRUE(queued->WaitFor(5000, &hr));
    EXPECT_EQ(hr, E_ABORT);
    ASSERT_TRUE(f->worker.Post([] { return S_OK; })->WaitFor(5000, &hr));
    EXPECT_EQ(hr, E_ABORT);
    release.set_value();
    ASSERT_TRUE(running->WaitFor(5000, &hr));
    EXPECT_EQ(hr, S_OK);
}

TEST(WorkerTest, PostingToAWorkerThatNeverStartedIsAborted) {
    FakeRuntime runtime;
    Logger logger;
    Worker worker(runtime, logger);
    HRESULT hr = S_OK;
    ASSERT_TRUE(worker.Post([] { return S_OK; })->WaitFor(1000, &hr));
    EXPECT_EQ(hr, E_ABORT);
}

TEST(CompletionTest, TheFirstResultWins) {
    Completion completion;
    HRESULT hr = S_OK;
    EXPECT_FALSE(completion.WaitFor(0, &hr));
    completion.Set(E_INVALIDARG);
    completion.Set(S_OK);
    ASSERT_TRUE(completion.WaitFor(0, &hr));
    EXPECT_EQ(hr, E_INVALIDARG);
}
