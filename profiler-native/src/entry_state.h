// The module's entry state: which AgentBridge, if any, belongs to the profiler the runtime initialized in
// this process. A plain atomic pointer (nothing to destroy at exit).
#pragma once

#include "agent_bridge.h"

namespace diagnose {

// What every export except DiagnoseGetAbiVersion/DiagnoseIsActive returns while no profiler is active
// (the library was merely loaded, initialization failed, or the runtime already shut the profiler down).
constexpr HRESULT kErrorNotActive = E_UNEXPECTED;

// The active bridge, or nullptr.
AgentBridge* ActiveBridge();
// The bridge of the profiler the runtime initialized (active or shut down), or nullptr.
AgentBridge* RegisteredBridge();
// Registers the bridge of the one profiler instance; false if another one is already registered.
bool RegisterBridge(AgentBridge* bridge);

}  // namespace diagnose
