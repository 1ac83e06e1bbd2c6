#include "module_inspector.h"

#include <vector>

#include "clr/iids.h"
#include "clr/metadata.h"
#include "com_ptr.h"
#include "hresult_macros.h"
#include "text.h"

namespace diagnose {

namespace {

constexpr ULONG kInitialNameChars = 1024;

}  // namespace

HRESULT InspectModule(ICorProfilerInfo11* info, Logger& logger, ModuleID moduleId, ModuleInfo* module) {
    module->id = moduleId;
    std::vector<WCHAR> name(kInitialNameChars);
    ULONG nameLength = 0;
    LPCBYTE baseAddress = nullptr;
    HRESULT hr = info->GetModuleInfo2(moduleId, &baseAddress, static_cast<ULONG>(name.size()), &nameLength,
                                      name.data(), &module->assemblyId, &module->flags);
    if (FAILED(hr) && nameLength > name.size()) {
        name.resize(nameLength);
        hr = info->GetModuleInfo2(moduleId, &baseAddress, static_cast<ULONG>(name.size()), &nameLength, name.data(),
                                  &module->assemblyId, &module->flags);
    }
    IfFailLogRet_(logger, hr);
    const size_t chars = nameLength > 0 && nameLength <= name.size() ? nameLength - 1 : 0;  // length counts the NUL
    module->name = Utf16ToUtf8(name.data(), chars);
    module->isDynamic = (module->flags & COR_PRF_MODULE_DYNAMIC) != 0;

    ComPtr<IMetaDataImport> import;
    hr = info->GetModuleMetaData(moduleId, ofRead, clr::IID_IMetaDataImport, import.OutUnknown());
    if (hr == S_OK && import) {
        ULONG scopeNameLength = 0;
        hr = import->GetScopeProps(nullptr, 0, &scopeNameLength, &module->mvid);
        module->hasMvid = SUCCEEDED(hr);
        if (FAILED(hr)) {
            logger.Logf(LogLevel::Debug, "GetScopeProps failed for module 0x%zx with %s", moduleId, FormatHr(hr).c_str());
        }
    }
    return S_OK;
}

}  // namespace diagnose
