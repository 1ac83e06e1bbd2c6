// The metadata interfaces Diagnose uses: IMetaDataImport (only up to GetScopeProps: Diagnose never calls a
// later slot and never implements this interface, so the rest is not declared) and IMetaDataEmit (complete,
// slots 3-51; unused methods are `Unused_<RealName>()` placeholders that must never be called).
#pragma once

#include "clr/unknwn.h"

class IMetaDataImport : public IUnknown {
public:
    virtual void STDMETHODCALLTYPE CloseEnum(HCORENUM hEnum) = 0;                    // 3
    virtual HRESULT STDMETHODCALLTYPE CountEnum(HCORENUM hEnum, ULONG* pulCount) = 0;  // 4
    virtual HRESULT STDMETHODCALLTYPE ResetEnum(HCORENUM hEnum, ULONG ulPos) = 0;      // 5
    virtual HRESULT STDMETHODCALLTYPE Unused_EnumTypeDefs() = 0;                       // 6
    virtual HRESULT STDMETHODCALLTYPE Unused_EnumInterfaceImpls() = 0;                 // 7
    virtual HRESULT STDMETHODCALLTYPE Unused_EnumTypeRefs() = 0;                       // 8
    virtual HRESULT STDMETHODCALLTYPE Unused_FindTypeDefByName() = 0;                  // 9
    virtual HRESULT STDMETHODCALLTYPE GetScopeProps(WCHAR* szName, ULONG cchName, ULONG* pchName,
                                                    GUID* pmvid) = 0;  // 10
};

class IMetaDataEmit : public IUnknown {
public:
    virtual HRESULT STDMETHODCALLTYPE Unused_SetModuleProps() = 0;  // 3
    virtual HRESULT STDMETHODCALLTYPE Unused_Save() = 0;
    virtual HRESULT STDMETHODCALLTYPE Unused_SaveToStream() = 0;
    virtual HRESULT STDMETHODCALLTYPE Unused_GetSaveSize() = 0;
    virtual HRESULT STDMETHODCALLTYPE Unused_DefineTypeDef() = 0;
    virtual HRESULT STDMETHODCALLTYPE Unused_DefineNestedType() = 0;
    virtual HRESULT STDMETHODCALLTYPE Unused_SetHandler() = 0;
    virtual HRESULT STDMETHODCALLTYPE Unused_DefineMethod() = 0;  // 10
    virtual HRESULT STDMETHODCALLTYPE Unused_DefineMethodImpl() = 0;
    virtual HRESULT STDMETHODCALLTYPE Unused_DefineTypeRefByName() = 0;
    virtual HRESULT STDMETHODCALLTYPE Unused_DefineImportType() = 0;
    virtual HRESULT STDMETHODCALLTYPE Unused_DefineMemberRef() = 0;
    virtual HRESULT STDMETHODCALLTYPE Unused_DefineImportMember() = 0;
    virtual HRESULT STDMETHODCALLTYPE Unused_DefineEvent() = 0;
    virtual HRESULT STDMETHODCALLTYPE Unused_SetClassLayout() = 0;
    virtual HRESULT STDMETHODCALLTYPE Unused_DeleteClassLayout() = 0;
    virtual HRESULT STDMETHODCALLTYPE Unused_SetFieldMarshal() = 0;
    virtual HRESULT STDMETHODCALLTYPE Unused_DeleteFieldMarshal() = 0;  // 20
    virtual HRESULT STDMETHODCALLTYPE Unused_DefinePermissionSet() = 0;
    virtual HRESULT STDMETHODCALLTYPE Unused_SetRVA() = 0;
    virtual HRESULT STDMETHODCALLTYPE GetTokenFromSig(PCCOR_SIGNATURE pvSig, ULONG cbSig,
                                                      mdSignature* pmsig) = 0;  // 23
    virtual HRESULT STDMETHODCALLTYPE Unused_DefineModuleRef() = 0;
    virtual HRESULT STDMETHODCALLTYPE Unused_SetParent() = 0;
    virtual HRESULT STDMETHODCALLTYPE GetTokenFromTypeSpec(PCCOR_SIGNATURE pvSig, ULONG cbSig,
                                                           mdTypeSpec* ptypespec) = 0;  // 26
    virtual HRESULT STDMETHODCALLTYPE Unused_SaveToMemory() = 0;
    virtual HRESULT STDMETHODCALLTYPE Unused_DefineUserString() = 0;
    virtual HRESULT STDMETHODCALLTYPE Unused_DeleteToken() = 0;
    virtual HRESULT STDMETHODCALLTYPE Unused_SetMethodProps() = 0;  // 30
    virtual HRESULT STDMETHODCALLTYPE Unused_SetTypeDefProps() = 0;
    virtual HRESULT STDMETHODCALLTYPE Unused_SetEventProps() = 0;
    virtual HRESULT STDMETHODCALLTYPE Unused_SetPermissionSetProps() = 0;
    virtual HRESULT STDMETHODCALLTYPE Unused_DefinePinvokeMap() = 0;
    virtual HRESULT STDMETHODCALLTYPE Unused_SetPinvokeMap() = 0;
    virtual HRESULT STDMETHODCALLTYPE Unused_DeletePinvokeMap() = 0;
    virtual HRESULT STDMETHODCALLTYPE Unused_DefineCustomAttribute() = 0;
    virtual HRESULT STDMETHODCALLTYPE Unused_SetCustomAttributeValue() = 0;
    virtual HRESULT STDMETHODCALLTYPE Unused_DefineField() = 0;
    virtual HRESULT STDMETHODCALLTYPE Unused_DefineProperty() = 0;  // 40
    virtual HRESULT STDMETHODCALLTYPE Unused_DefineParam() = 0;
    virtual HRESULT STDMETHODCALLTYPE Unused_SetFieldProps() = 0;
    virtual HRESULT STDMETHODCALLTYPE Unused_SetPropertyProps() = 0;
    virtual HRESULT STDMETHODCALLTYPE Unused_SetParamProps() = 0;
    virtual HRESULT STDMETHODCALLTYPE Unused_DefineSecurityAttributeSet() = 0;
    virtual HRESULT STDMETHODCALLTYPE Unused_ApplyEditAndContinue() = 0;
    virtual HRESULT STDMETHODCALLTYPE Unused_TranslateSigWithScope() = 0;
    virtual HRESULT STDMETHODCALLTYPE Unused_SetMethodImplFlags() = 0;
    virtual HRESULT STDMETHODCALLTYPE Unused_SetFieldRVA() = 0;
    virtual HRESULT STDMETHODCALLTYPE Unused_Merge() = 0;     // 50
    virtual HRESULT STDMETHODCALLTYPE Unused_MergeEnd() = 0;  // 51
};
