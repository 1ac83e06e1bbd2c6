#include "log_settings.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>

namespace diagnose {

namespace {

std::string Lower(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text;
}

}  // namespace

EnvLookup ProcessEnvironment() {
    return [](const char* name) -> std::optional<std::string> {
        const char* value = std::getenv(name);
        if (value == nullptr) {
            return std::nullopt;
        }
        return std::string(value);
    };
}

std::optional<LogLevel> ParseLogLevel(const std::string& text) {
    const std::string lower = Lower(text);
    if (lower == "debug") {
        return LogLevel::Debug;
    }
    if (lower == "info") {
        return LogLevel::Info;
    }
    if (lower == "warning" || lower == "warn") {
        return LogLevel::Warning;
    }
    if (lower == "error") {
        return LogLevel::Error;
    }
    return std::nullopt;
}

const char* LogLevelName(LogLevel level) {
    switch (level) {
        case LogLevel::Debug:
            return "DEBUG";
        case LogLevel::Info:
            return "INFO";
        case LogLevel::Warning:
            return "WARN";
        case LogLevel::Error:
            return "ERROR";
    }
    return "?";
}

LogSettings ResolveLogSettings(const EnvLookup& lookup, int pid) {
    LogSettings settings;
    if (auto level = lookup("DIAGNOSE_LOG_LEVEL")) {
        settings.level = ParseLogLevel(*level).value_or(LogLevel::Info);
    }
    if (auto keep = lookup("DIAGNOSE_LOG_KEEP_DAYS"); keep && !keep->empty() && keep->size() <= 5 &&
        std::all_of(keep->begin(), keep->end(), [](unsigned char c) { return std::isdigit(c) != 0; })) {
        settings.keepDays = static_cast<uint32_t>(std::stoul(*keep));
    }
    const auto configured = lookup("DIAGNOSE_LOG");
    if (configured && Lower(*configured) == "off") {
        settings.enabled = false;
        return settings;
    }
    settings.enabled = true;
    if (configured && !configured->empty()) {
        settings.path = *configured;
        return settings;
    }
    std::string directory = "/tmp";
    if (auto tmp = lookup("TMPDIR"); tmp && !tmp->empty()) {
        directory = *tmp;
        while (directory.size() > 1 && directory.back() == '/') {
            directory.pop_back();
        }
    }
    settings.path = directory + "/diagnose/diagnose-" + std::to_string(pid) + ".log";
    return settings;
}

}  // namespace diagnose
