// The ReJIT and revert calls themselves. Runs on the worker thread only, and never holds a lock that JIT
// threads need while the runtime suspends itself inside RequestReJITWithInliners / RequestRevert.
#pragma once

#include <vector>

#include "logger.h"
#include "metadata_emitters.h"
#include "method_key.h"
#include "method_states.h"
#include "runtime_api.h"

namespace diagnose {

class ReJitEngine {
public:
    ReJitEngine(RuntimeApi& runtime, Logger& logger, MetadataEmitters& emitters, MethodStates& states);

    // ApplyMetaData for modules with new tokens, then one RequestReJITWithInliners(BLOCK_INLINING) for the batch.
    HRESULT ReJit(const std::vector<MethodKey>& methods);
    // RequestRevert for the batch; statuses receives one HRESULT per method.
    HRESULT Revert(const std::vector<MethodKey>& methods, std::vector<HRESULT>* statuses);

private:
    RuntimeApi& m_runtime;
    Logger& m_logger;
    MetadataEmitters& m_emitters;
    MethodStates& m_states;
};

}  // namespace diagnose
