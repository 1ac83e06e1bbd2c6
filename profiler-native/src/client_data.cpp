#include "client_data.h"

#include <string_view>

namespace diagnose {

namespace {

constexpr std::string_view kPrefix = "DIAGNOSE_";

bool IsValidName(std::string_view name) {
    if (name.size() <= kPrefix.size() || name.substr(0, kPrefix.size()) != kPrefix) {
        return false;
    }
    for (char c : name) {
        const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
        if (!ok) {
            return false;
        }
    }
    return true;
}

}  // namespace

ClientData ParseClientData(const void* data, size_t size) {
    ClientData result;
    if (data == nullptr || size == 0) {
        return result;
    }
    const std::string_view text(static_cast<const char*>(data), size);
    size_t start = 0;
    while (start <= text.size()) {
        size_t end = text.find('\n', start);
        if (end == std::string_view::npos) {
            end = text.size();
        }
        std::string_view line = text.substr(start, end - start);
        while (!line.empty() && (line.back() == '\r' || line.back() == '\0')) {
            line.remove_suffix(1);
        }
        while (!line.empty() && line.front() == '\0') {
            line.remove_prefix(1);
        }
        if (!line.empty()) {
            const size_t equals = line.find('=');
            const std::string_view name = equals == std::string_view::npos ? line : line.substr(0, equals);
            if (equals != std::string_view::npos && IsValidName(name)) {
                result.variables.emplace_back(std::string(name), std::string(line.substr(equals + 1)));
            } else {
                result.ignoredLines.emplace_back(line);
            }
        }
        start = end + 1;
    }
    return result;
}

}  // namespace diagnose
