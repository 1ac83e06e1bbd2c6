#include "worker.h"

#include <thread>

#include "text.h"

namespace diagnose {

Worker::Worker(RuntimeApi& runtime, Logger& logger) : m_runtime(runtime), m_logger(logger) {}

HRESULT Worker::Start() {
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        if (m_running) {
            return S_FALSE;
        }
        m_running = true;
    }
    std::thread(&Worker::Run, this).detach();
    return S_OK;
}

std::shared_ptr<Completion> Worker::Post(Job job) {
    auto completion = std::make_shared<Completion>();
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        if (m_stopping || !m_running) {
            completion->Set(E_ABORT);
            return completion;
        }
        m_queue.push_back(Item{std::move(job), completion});
    }
    m_changed.notify_one();
    return completion;
}

void Worker::Stop() {
    std::deque<Item> abandoned;
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_stopping = true;
        abandoned.swap(m_queue);
    }
    m_changed.notify_all();
    for (auto& item : abandoned) {
        item.completion->Set(E_ABORT);
    }
}

void Worker::Run() {
    const HRESULT initHr = m_runtime.InitializeCurrentThread();
    m_logger.Logf(FAILED(initHr) ? LogLevel::Error : LogLevel::Info, "worker thread started (InitializeCurrentThread %s)",
                  FormatHr(initHr).c_str());
    while (true) {
        Item item;
        {
            std::unique_lock<std::mutex> lock(m_mutex);
            m_changed.wait(lock, [this] { return m_stopping || !m_queue.empty(); });
            if (m_stopping) {
                break;
            }
            item = std::move(m_queue.front());
            m_queue.pop_front();
        }
        HRESULT hr = E_FAIL;
        try {
            hr = item.job();
        } catch (const std::bad_alloc&) {
            hr = E_OUTOFMEMORY;
        } catch (...) {
            hr = E_FAIL;
            m_logger.Write(LogLevel::Error, "worker job threw an exception");
        }
        item.completion->Set(hr);
    }
    m_logger.Write(LogLevel::Info, "worker thread stopped");
}

}  // namespace diagnose
