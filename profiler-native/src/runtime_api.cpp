#include "runtime_api.h"

#include "clr/iids.h"

namespace diagnose {

HRESULT InfoRuntimeApi::OpenMetadataForWrite(ModuleID moduleId, IUnknown** emit) {
    return m_info->GetModuleMetaData(moduleId, ofRead | ofWrite, clr::IID_IMetaDataEmit, emit);
}

}  // namespace diagnose
