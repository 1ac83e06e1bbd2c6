// Reads what the registry records about a module: name/path, flags and assembly (GetModuleInfo2) and the
// MVID (IMetaDataImport::GetScopeProps). Safe from ModuleLoadFinished and ProfilerAttachComplete.
#pragma once

#include "clr/profiler_info.h"
#include "logger.h"
#include "module_registry.h"

namespace diagnose {

HRESULT InspectModule(ICorProfilerInfo11* info, Logger& logger, ModuleID moduleId, ModuleInfo* module);

}  // namespace diagnose
