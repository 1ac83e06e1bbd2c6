// HRESULT plumbing in the style of the runtime's own profilers: check every call, log the expression that
// failed with its HRESULT, return it. IfFailRet/IfNullRet expect a `Logger& m_logger` member in scope.
#pragma once

#include "logger.h"

#define IfFailLogRet_(logger, EXPR)                                     \
    do {                                                                \
        const HRESULT hr_ = (EXPR);                                     \
        if (FAILED(hr_)) {                                              \
            (logger).LogFailure(#EXPR, hr_, __FILE__, __LINE__);        \
            return hr_;                                                 \
        }                                                               \
    } while (0)

#define IfFailRet(EXPR) IfFailLogRet_(m_logger, EXPR)

// Logs a failure and carries on (for best-effort steps).
#define IfFailLog_(logger, EXPR)                                        \
    do {                                                                \
        const HRESULT hr_ = (EXPR);                                     \
        if (FAILED(hr_)) {                                              \
            (logger).LogFailure(#EXPR, hr_, __FILE__, __LINE__);        \
        }                                                               \
    } while (0)

#define IfFailLog(EXPR) IfFailLog_(m_logger, EXPR)
