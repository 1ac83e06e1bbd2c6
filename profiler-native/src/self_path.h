// The absolute path of this shared library (dladdr on one of its own functions, made canonical).
#pragma once

#include <string>

namespace diagnose {

std::string SelfLibraryPath();

}  // namespace diagnose
