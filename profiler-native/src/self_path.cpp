#include "self_path.h"

#include <dlfcn.h>
#include <limits.h>
#include <stdlib.h>

namespace diagnose {

std::string SelfLibraryPath() {
    Dl_info info{};
    if (::dladdr(reinterpret_cast<void*>(&SelfLibraryPath), &info) == 0 || info.dli_fname == nullptr) {
        return {};
    }
    char resolved[PATH_MAX];
    if (::realpath(info.dli_fname, resolved) != nullptr) {
        return resolved;
    }
    return info.dli_fname;
}

}  // namespace diagnose
