#include "logger.h"

#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <unistd.h>

#include <cerrno>
#include <cstdarg>
#include <ctime>

namespace diagnose {

namespace {

// mkdir -p for the directory part of path.
void CreateParentDirectories(const std::string& path) {
    for (size_t slash = path.find('/', 1); slash != std::string::npos; slash = path.find('/', slash + 1)) {
        const std::string directory = path.substr(0, slash);
        if (::mkdir(directory.c_str(), 0777) != 0 && errno != EEXIST) {
            return;
        }
    }
}

std::string FormatLine(LogLevel level, std::string_view message) {
    timeval now{};
    ::gettimeofday(&now, nullptr);
    tm utc{};
    ::gmtime_r(&now.tv_sec, &utc);
    char prefix[96];
    const int length = std::snprintf(prefix, sizeof(prefix), "%04d-%02d-%02dT%02d:%02d:%02d.%03ldZ [%-5s] [tid %ld] ",
                                     utc.tm_year + 1900, utc.tm_mon + 1, utc.tm_mday, utc.tm_hour, utc.tm_min,
                                     utc.tm_sec, static_cast<long>(now.tv_usec / 1000), LogLevelName(level),
                                     static_cast<long>(::syscall(SYS_gettid)));
    std::string line(prefix, length > 0 ? static_cast<size_t>(length) : 0);
    line.append(message.data(), message.size());
    while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) {
        line.pop_back();
    }
    line.push_back('\n');
    return line;
}

}  // namespace

Logger::~Logger() {
    if (m_file != nullptr) {
        std::fclose(m_file);
    }
}

void Logger::Configure(const LogSettings& settings) noexcept {
    try {
        std::lock_guard<std::mutex> lock(m_mutex);
        if (m_file != nullptr) {
            std::fclose(m_file);
            m_file = nullptr;
        }
        m_path.clear();
        m_size = 0;
        m_level = settings.level;
        m_maxBytes = settings.maxBytes;
        if (!settings.enabled || settings.path.empty()) {
            return;
        }
        CreateParentDirectories(settings.path);
        m_file = std::fopen(settings.path.c_str(), "ae");
        if (m_file == nullptr) {
            return;
        }
        m_path = settings.path;
        struct stat info {};
        if (::stat(m_path.c_str(), &info) == 0) {
            m_size = static_cast<uint64_t>(info.st_size);
        }
    } catch (...) {
        m_file = nullptr;
    }
}

bool Logger::IsOn() const noexcept {
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_file != nullptr;
}

bool Logger::IsEnabled(LogLevel level) const noexcept {
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_file != nullptr && static_cast<int32_t>(level) >= static_cast<int32_t>(m_level);
}

std::string Logger::Path() const noexcept {
    try {
        std::lock_guard<std::mutex> lock(m_mutex);
        return m_file != nullptr ? m_path : std::string();
    } catch (...) {
        return {};
    }
}

void Logger::RotateIfNeeded(size_t incoming) {
    if (m_maxBytes == 0 || m_size == 0 || m_size + incoming <= m_maxBytes) {
        return;
    }
    std::fclose(m_file);
    const std::string old = m_path + ".1";
    std::rename(m_path.c_str(), old.c_str());  // replaces an older <path>.1
    m_file = std::fopen(m_path.c_str(), "ae");
    m_size = 0;
}

void Logger::Write(LogLevel level, std::string_view message) noexcept {
    try {
        if (!IsEnabled(level)) {
            return;
        }
        const std::string line = FormatLine(level, message);
        std::lock_guard<std::mutex> lock(m_mutex);
        if (m_file == nullptr) {
            return;
        }
        RotateIfNeeded(line.size());
        if (m_file == nullptr) {
            return;
        }
        std::fwrite(line.data(), 1, line.size(), m_file);
        std::fflush(m_file);
        m_size += line.size();
    } catch (...) {
        // Logging must never fail the caller.
    }
}

void Logger::Logf(LogLevel level, const char* format, ...) noexcept {
    if (!IsEnabled(level)) {
        return;
    }
    char buffer[1024];
    va_list args;
    va_start(args, format);
    const int length = std::vsnprintf(buffer, sizeof(buffer), format, args);
    va_end(args);
    if (length < 0) {
        return;
    }
    if (static_cast<size_t>(length) < sizeof(buffer)) {
        Write(level, std::string_view(buffer, static_cast<size_t>(length)));
        return;
    }
    try {
        std::string large(static_cast<size_t>(length) + 1, '\0');
        va_start(args, format);
        std::vsnprintf(large.data(), large.size(), format, args);
        va_end(args);
        large.pop_back();
        Write(level, large);
    } catch (...) {
    }
}

void Logger::LogFailure(const char* expression, HRESULT hr, const char* file, int line) noexcept {
    const char* slash = std::strrchr(file, '/');
    Logf(LogLevel::Error, "%s failed with 0x%08X (%s:%d)", expression, static_cast<uint32_t>(hr),
         slash != nullptr ? slash + 1 : file, line);
}

}  // namespace diagnose
