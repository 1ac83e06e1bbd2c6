// The answer to one piece of work handed to the worker thread: set once, awaited with a timeout.
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>

#include "clr/types.h"

namespace diagnose {

class Completion {
public:
    void Set(HRESULT hr) {
        {
            std::lock_guard<std::mutex> lock(m_mutex);
            if (m_done) {
                return;
            }
            m_done = true;
            m_hr = hr;
        }
        m_changed.notify_all();
    }

    // True with *hr set when the work finished within timeoutMs.
    bool WaitFor(uint32_t timeoutMs, HRESULT* hr) {
        std::unique_lock<std::mutex> lock(m_mutex);
        if (!m_changed.wait_for(lock, std::chrono::milliseconds(timeoutMs), [this] { return m_done; })) {
            return false;
        }
        *hr = m_hr;
        return true;
    }

private:
    std::mutex m_mutex;
    std::condition_variable m_changed;
    bool m_done = false;
    HRESULT m_hr = E_UNEXPECTED;
};

}  // namespace diagnose
