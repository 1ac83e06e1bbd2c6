// Text helpers: UTF-16 (WCHAR) <-> UTF-8 and printable forms of HRESULTs and GUIDs.
#pragma once

#include <string>
#include <string_view>

#include "clr/types.h"

namespace diagnose {

std::string Utf16ToUtf8(const WCHAR* text, size_t length);
std::string Utf16ToUtf8(const WCHAR* nulTerminated);
std::u16string Utf8ToUtf16(std::string_view text);

std::string FormatHr(HRESULT hr);         // "0x80131363"
std::string FormatGuid(const GUID& guid);  // "8a3e5f21-4c7d-4e2b-9b1a-d1a6c0f3e742"

}  // namespace diagnose
