namespace Diagnose.Native;

/// <summary>A profiler call failed with an HRESULT.</summary>
internal sealed class NativeCallException : DiagnoseException
{
    public NativeCallException(string call, int hresult)
        : base($"{call} failed: {HResults.Describe(hresult)}")
    {
        HResult = hresult;
    }
}
