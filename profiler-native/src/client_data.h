// Attach client data: UTF-8 text, one NAME=VALUE per line. Lines whose NAME starts with DIAGNOSE_ become
// environment variables of the target; every other line is reported back as ignored.
#pragma once

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

namespace diagnose {

struct ClientData {
    std::vector<std::pair<std::string, std::string>> variables;  // in order of appearance
    std::vector<std::string> ignoredLines;                       // non-empty lines that were not applied
};

// Accepts \n and \r\n line ends, skips empty lines and NUL padding, keeps '=' inside values.
ClientData ParseClientData(const void* data, size_t size);

}  // namespace diagnose
