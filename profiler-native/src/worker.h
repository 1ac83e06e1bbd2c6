// The profiler's own native thread. Calls ICorProfilerInfo::InitializeCurrentThread first, then runs queued
// jobs one at a time: the profiler-API calls the runtime refuses on managed threads (RequestReJIT*,
// RequestRevert, ApplyMetaData) happen here. The thread is detached: it never needs joining, so nothing at
// process exit can hit a joinable std::thread; Stop() makes it leave its loop.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>

#include "completion.h"
#include "logger.h"
#include "runtime_api.h"

namespace diagnose {

class Worker {
public:
    using Job = std::function<HRESULT()>;

    Worker(RuntimeApi& runtime, Logger& logger);
    Worker(const Worker&) = delete;
    Worker& operator=(const Worker&) = delete;

    // Starts the thread. Does not wait for it: Initialize must return without blocking on the runtime.
    HRESULT Start();
    // Queues a job; its HRESULT arrives in the returned completion (E_ABORT if the worker stopped first).
    std::shared_ptr<Completion> Post(Job job);
    // Asks the thread to finish; queued jobs are answered with E_ABORT. Does not wait.
    void Stop();

private:
    struct Item {
        Job job;
        std::shared_ptr<Completion> completion;
    };

    void Run();

    RuntimeApi& m_runtime;
    Logger& m_logger;
    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::deque<Item> m_queue;
    bool m_stopping = false;
    bool m_running = false;
};

}  // namespace diagnose
