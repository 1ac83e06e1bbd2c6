// The profiler's log file: one line per entry with UTC timestamp, level and OS thread id; thread-safe;
// bounded by rotation (<path> -> <path>.1). Every method is noexcept: logging never throws into the host.
#pragma once

#include <cstdint>
#include <cstdio>
#include <mutex>
#include <string>
#include <string_view>

#include "clr/types.h"
#include "log_settings.h"

namespace diagnose {

class Logger {
public:
    Logger() = default;
    ~Logger();
    Logger(const Logger&) = delete;
    Logger& operator=(const Logger&) = delete;

    // Opens (or re-opens) the log as configured, created 0600 (owner only; a symbolic link or another user's file
    // is refused). Old log files of Diagnose in its directory are pruned first (LogSettings::keepDays). A file that
    // cannot be opened turns logging off.
    void Configure(const LogSettings& settings) noexcept;

    // How many old log files the last Configure deleted.
    int Pruned() const noexcept;

    bool IsOn() const noexcept;
    bool IsEnabled(LogLevel level) const noexcept;
    std::string Path() const noexcept;  // empty when logging is off

    void Write(LogLevel level, std::string_view message) noexcept;
    void Logf(LogLevel level, const char* format, ...) noexcept __attribute__((format(printf, 3, 4)));

    // Used by the IfFail* macros: "<expression> failed with 0x... (file:line)".
    void LogFailure(const char* expression, HRESULT hr, const char* file, int line) noexcept;

private:
    void RotateIfNeeded(size_t incoming);  // m_mutex held

    mutable std::mutex m_mutex;
    FILE* m_file = nullptr;
    std::string m_path;
    uint64_t m_size = 0;
    uint64_t m_maxBytes = 0;
    LogLevel m_level = LogLevel::Info;
    int m_pruned = 0;
};

// True for the names of Diagnose's own log files: diagnose-<pid>.log and its rotated diagnose-<pid>.log.1.
bool IsDiagnoseLogFileName(std::string_view name);

// Deletes, in directory, this user's regular files named like Diagnose's log files that were last modified more
// than keepDays days ago (none when keepDays is 0), except the file keep. Returns how many were deleted.
int PruneOldLogs(const std::string& directory, uint32_t keepDays, const std::string& keep) noexcept;

}  // namespace diagnose
