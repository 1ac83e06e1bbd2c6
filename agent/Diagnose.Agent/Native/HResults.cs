namespace Diagnose.Native;

/// <summary>Names of the HRESULTs the profiling API reports, for error messages.</summary>
internal static class HResults
{
    private static readonly Dictionary<int, string> s_names = new()
    {
        [unchecked((int)0x80004001)] = "E_NOTIMPL",
        [unchecked((int)0x80004002)] = "E_NOINTERFACE",
        [unchecked((int)0x80004003)] = "E_POINTER",
        [unchecked((int)0x80004005)] = "E_FAIL",
        [unchecked((int)0x8000FFFF)] = "E_UNEXPECTED",
        [unchecked((int)0x80070057)] = "E_INVALIDARG",
        [unchecked((int)0x8007000E)] = "E_OUTOFMEMORY",
        [unchecked((int)0x800705B4)] = "timed out",
        [unchecked((int)0x80131351)] = "CORPROF_E_DATAINCOMPLETE",
        [unchecked((int)0x80131354)] = "CORPROF_E_FUNCTION_NOT_IL",
        [unchecked((int)0x80131363)] = "CORPROF_E_UNSUPPORTED_CALL_SEQUENCE",
        [unchecked((int)0x8013136A)] = "CORPROF_E_PROFILER_ALREADY_ACTIVE",
        [unchecked((int)0x8013136F)] = "CORPROF_E_UNSUPPORTED_FOR_ATTACHING_PROFILER",
        [unchecked((int)0x80131375)] = "CORPROF_E_PROFILER_CANCEL_ACTIVATION",
        [unchecked((int)0x8013137A)] = "CORPROF_E_MODULE_IS_DYNAMIC",
        [unchecked((int)0x8013137B)] = "CORPROF_E_CALLBACK4_REQUIRED",
        [unchecked((int)0x8013137C)] = "CORPROF_E_REJIT_NOT_ENABLED",
        [unchecked((int)0x80131130)] = "CLDB_E_RECORD_NOTFOUND",
        [unchecked((int)0x8013153A)] = "COR_E_INVALIDPROGRAM",
    };

    public static string Describe(int hresult) =>
        s_names.TryGetValue(hresult, out var name) ? $"{name} (0x{hresult:X8})" : $"HRESULT 0x{hresult:X8}";
}
