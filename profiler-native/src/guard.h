// The one place where C++ exceptions stop: every runtime callback and every C export runs its body through
// Guard, so nothing is ever thrown across the ABI into the host.
#pragma once

#include <exception>
#include <new>

#include "logger.h"

namespace diagnose {

template <typename Body>
HRESULT Guard(Logger* logger, const char* where, Body&& body) noexcept {
    try {
        return body();
    } catch (const std::bad_alloc&) {
        if (logger != nullptr) {
            logger->Logf(LogLevel::Error, "%s: out of memory", where);
        }
        return E_OUTOFMEMORY;
    } catch (const std::exception& e) {
        if (logger != nullptr) {
            logger->Logf(LogLevel::Error, "%s: exception: %s", where, e.what());
        }
        return E_FAIL;
    } catch (...) {
        if (logger != nullptr) {
            logger->Logf(LogLevel::Error, "%s: unknown exception", where);
        }
        return E_FAIL;
    }
}

}  // namespace diagnose
