// Where and how much the profiler logs, resolved from DIAGNOSE_LOG, DIAGNOSE_LOG_LEVEL and TMPDIR.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "diagnose/exports.h"

namespace diagnose {

struct LogSettings {
    bool enabled = false;
    std::string path;
    LogLevel level = LogLevel::Info;
    uint64_t maxBytes = 4u * 1024u * 1024u;  // rotate past 4 MiB, keeping one old file (<path>.1)
    // Diagnose's own log files (diagnose-<pid>.log, diagnose-<pid>.log.1) in the log's directory that were last
    // written more than this many days ago are deleted when the log is opened; 0 keeps them all.
    uint32_t keepDays = 7;
};

// Looks a variable up by name; nullopt when unset.
using EnvLookup = std::function<std::optional<std::string>(const char* name)>;

// The process environment (getenv).
EnvLookup ProcessEnvironment();

// DIAGNOSE_LOG: a path, "off" (any case) to disable, unset or empty for $TMPDIR/diagnose/diagnose-<pid>.log
// (/tmp without TMPDIR). DIAGNOSE_LOG_LEVEL: debug, info (default), warning, error. DIAGNOSE_LOG_KEEP_DAYS: days
// before old log files are pruned (default 7; 0 never prunes; anything else that is not a number keeps 7).
LogSettings ResolveLogSettings(const EnvLookup& lookup, int pid);

// "debug" / "info" / "warning" (or "warn") / "error", any case; nullopt for anything else.
std::optional<LogLevel> ParseLogLevel(const std::string& text);

const char* LogLevelName(LogLevel level);

}  // namespace diagnose
