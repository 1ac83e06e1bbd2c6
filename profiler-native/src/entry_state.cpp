#include "entry_state.h"

namespace diagnose {

namespace {

std::atomic<AgentBridge*> g_bridge{nullptr};

}  // namespace

AgentBridge* ActiveBridge() {
    AgentBridge* bridge = g_bridge.load();
    return bridge != nullptr && bridge->IsActive() ? bridge : nullptr;
}

AgentBridge* RegisteredBridge() { return g_bridge.load(); }

bool RegisterBridge(AgentBridge* bridge) {
    AgentBridge* expected = nullptr;
    return g_bridge.compare_exchange_strong(expected, bridge);
}

}  // namespace diagnose
