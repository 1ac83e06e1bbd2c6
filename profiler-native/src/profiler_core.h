// Everything a running profiler shares between the runtime callbacks, the worker thread and the C exports.
// Created once the runtime handed over ICorProfilerInfo11; never destroyed while the process runs.
#pragma once

#include "body_store.h"
#include "clr/profiler_info.h"
#include "logger.h"
#include "metadata_emitters.h"
#include "method_states.h"
#include "module_registry.h"
#include "rejit_engine.h"
#include "runtime_api.h"
#include "worker.h"

namespace diagnose {

struct ProfilerCore {
    ProfilerCore(ICorProfilerInfo11* info, Logger& logger)
        : info(info), logger(logger), runtime(info), worker(runtime, logger), emitters(runtime, logger, worker),
          engine(runtime, logger, emitters, states) {}

    ICorProfilerInfo11* info;
    Logger& logger;
    InfoRuntimeApi runtime;
    ModuleRegistry modules;
    BodyStore bodies;
    MethodStates states;
    Worker worker;
    MetadataEmitters emitters;
    ReJitEngine engine;
};

}  // namespace diagnose
