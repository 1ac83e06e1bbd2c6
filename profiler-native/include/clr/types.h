// Basic Windows/COM types as the CoreCLR profiling API uses them on Linux x64 (LP64, SysV ABI).
// Written for Diagnose from the public documentation; sizes follow the PAL: 32-bit HRESULT/ULONG/DWORD/BOOL,
// 16-bit WCHAR (char16_t), pointer-sized IDs.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>

#define STDMETHODCALLTYPE

using HRESULT = int32_t;
using ULONG = uint32_t;
using ULONG32 = uint32_t;
using LONG = int32_t;
using DWORD = uint32_t;
using BOOL = int32_t;
using UINT = uint32_t;
using USHORT = uint16_t;
using BYTE = uint8_t;
using WCHAR = char16_t;
using LPCBYTE = const BYTE*;
using UINT_PTR = uintptr_t;
using SIZE_T = size_t;

constexpr BOOL TRUE = 1;
constexpr BOOL FALSE = 0;

struct GUID {
    uint32_t Data1;
    uint16_t Data2;
    uint16_t Data3;
    uint8_t Data4[8];
};
static_assert(sizeof(GUID) == 16, "GUID is 16 bytes");
using IID = GUID;
using CLSID = GUID;
using REFGUID = const GUID&;
using REFIID = const GUID&;
using REFCLSID = const GUID&;

inline bool operator==(const GUID& a, const GUID& b) { return std::memcmp(&a, &b, sizeof(GUID)) == 0; }
inline bool operator!=(const GUID& a, const GUID& b) { return !(a == b); }

// Metadata tokens: the top byte is the table, the low 24 bits the row.
using mdToken = uint32_t;
using mdModule = mdToken;
using mdTypeDef = mdToken;
using mdTypeRef = mdToken;
using mdMethodDef = mdToken;
using mdFieldDef = mdToken;
using mdMemberRef = mdToken;
using mdSignature = mdToken;
using mdTypeSpec = mdToken;
using mdString = mdToken;
using mdModuleRef = mdToken;

constexpr mdToken mdtMethodDef = 0x06000000;
constexpr mdToken mdtSignature = 0x11000000;
constexpr mdToken mdtTypeSpec = 0x1b000000;
constexpr mdToken TypeFromToken(mdToken token) { return token & 0xff000000u; }

using PCCOR_SIGNATURE = const uint8_t*;
using HCORENUM = void*;

// Runtime object identities (opaque pointers inside the runtime).
using ProcessID = uintptr_t;
using AssemblyID = uintptr_t;
using AppDomainID = uintptr_t;
using ModuleID = uintptr_t;
using ClassID = uintptr_t;
using ThreadID = uintptr_t;
using ContextID = uintptr_t;
using FunctionID = uintptr_t;
using ObjectID = uintptr_t;
using GCHandleID = uintptr_t;
using ReJITID = uintptr_t;
using COR_PRF_FRAME_INFO = uintptr_t;
using COR_PRF_ELT_INFO = uintptr_t;
using EVENTPIPE_PROVIDER = uintptr_t;

// HRESULTs.
constexpr HRESULT S_OK = 0;
constexpr HRESULT S_FALSE = 1;
constexpr HRESULT MakeHr(uint32_t value) { return static_cast<HRESULT>(value); }
constexpr HRESULT E_NOTIMPL = MakeHr(0x80004001);
constexpr HRESULT E_NOINTERFACE = MakeHr(0x80004002);
constexpr HRESULT E_POINTER = MakeHr(0x80004003);
constexpr HRESULT E_ABORT = MakeHr(0x80004004);
constexpr HRESULT E_FAIL = MakeHr(0x80004005);
constexpr HRESULT E_UNEXPECTED = MakeHr(0x8000FFFF);
constexpr HRESULT E_OUTOFMEMORY = MakeHr(0x8007000E);
constexpr HRESULT E_INVALIDARG = MakeHr(0x80070057);
constexpr HRESULT CLASS_E_NOAGGREGATION = MakeHr(0x80040110);
constexpr HRESULT CLASS_E_CLASSNOTAVAILABLE = MakeHr(0x80040111);
constexpr HRESULT CORPROF_E_FUNCTION_NOT_IL = MakeHr(0x80131354);
constexpr HRESULT CORPROF_E_UNSUPPORTED_CALL_SEQUENCE = MakeHr(0x80131363);
constexpr HRESULT CORPROF_E_PROFILER_ALREADY_ACTIVE = MakeHr(0x8013136A);
constexpr HRESULT CORPROF_E_UNSUPPORTED_FOR_ATTACHING_PROFILER = MakeHr(0x8013136F);
constexpr HRESULT CORPROF_E_MODULE_IS_DYNAMIC = MakeHr(0x8013137A);

constexpr uint32_t ERROR_INSUFFICIENT_BUFFER = 122;
constexpr uint32_t ERROR_TIMEOUT = 1460;
constexpr HRESULT HRESULT_FROM_WIN32(uint32_t error) {
    return error == 0 ? S_OK : MakeHr((error & 0x0000FFFFu) | 0x80070000u);
}

constexpr bool SUCCEEDED(HRESULT hr) { return hr >= 0; }
constexpr bool FAILED(HRESULT hr) { return hr < 0; }
