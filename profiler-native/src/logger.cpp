#include "logger.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <unistd.h>

#include <cerrno>
#include <cstdarg>
#include <cstring>
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

// Opens path for appending, readable and writable by its owner only (0600 whatever the umask, also for a file
// that exists already). A symbolic link, or a file another user owns (which could read what we write), is refused.
FILE* OpenOwnerOnly(const std::string& path) {
    const int fd = ::open(path.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | O_NOFOLLOW, S_IRUSR | S_IWUSR);
    if (fd < 0) {
        return nullptr;
    }
    struct stat info {};
    if (::fstat(fd, &info) != 0 || !S_ISREG(info.st_mode) || info.st_uid != ::geteuid() ||
        ((info.st_mode & 07777) != (S_IRUSR | S_IWUSR) && ::fchmod(fd, S_IRUSR | S_IWUSR) != 0)) {
        ::close(fd);
        return nullptr;
    }
    FILE* file = ::fdopen(fd, "a");
    if (file == nullptr) {
        ::close(fd);
    }
    return file;
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

bool IsDiagnoseLogFileName(std::string_view name) {
    constexpr std::string_view prefix = "diagnose-";
    if (name.substr(0, prefix.size()) != prefix) {
        return false;
    }
    name.remove_prefix(prefix.size());
    size_t digits = 0;
    while (digits < name.size() && name[digits] >= '0' && name[digits] <= '9') {
        ++digits;
    }
    if (digits == 0) {
        return false;
    }
    name.remove_prefix(digits);
    return name == ".log" || name == ".log.1";
}

int PruneOldLogs(const std::string& directory, uint32_t keepDays, const std::string& keep) noexcept {
    if (keepDays == 0) {
        return 0;
    }
    DIR* listing = ::opendir(directory.empty() ? "." : directory.c_str());
    if (listing == nullptr) {
        return 0;
    }
    const time_t cutoff = ::time(nullptr) - static_cast<time_t>(keepDays) * 24 * 60 * 60;
    int removed = 0;
    try {
        while (const dirent* entry = ::readdir(listing)) {
            if (!IsDiagnoseLogFileName(entry->d_name)) {
                continue;
            }
            const std::string path = directory + "/" + entry->d_name;
            struct stat info {};
            // Only regular files of this user, not written for keepDays; never the file about to be used.
            if (path == keep || ::lstat(path.c_str(), &info) != 0 || !S_ISREG(info.st_mode) ||
                info.st_uid != ::geteuid() || info.st_mtime >= cutoff) {
                continue;
            }
            if (::unlink(path.c_str()) == 0) {
                ++removed;
            }
        }
    } catch (...) {
    }
    ::closedir(listing);
    return removed;
}

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
        m_pruned = 0;
        m_level = settings.level;
        m_maxBytes = settings.maxBytes;
        if (!settings.enabled || settings.path.empty()) {
            return;
        }
        CreateParentDirectories(settings.path);
        const size_t slash = settings.path.rfind('/');
        const int pruned = PruneOldLogs(slash == std::string::npos ? std::string(".") : settings.path.substr(0, slash),
                                        settings.keepDays, settings.path);
        m_pruned = pruned;
        m_file = OpenOwnerOnly(settings.path);
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

int Logger::Pruned() const noexcept {
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_pruned;
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
    m_file = OpenOwnerOnly(m_path);
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
