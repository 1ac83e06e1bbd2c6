using System.Runtime.InteropServices;
using System.Text;

namespace Diagnose.Native;

/// <summary>
/// The profiler's C API (exports.h) as function pointers. The library is loaded by absolute path, so it is the
/// very copy the runtime loaded as its profiler (same handle, same state).
/// </summary>
internal sealed unsafe class NativeBridge
{
    private readonly delegate* unmanaged<int*, int> _getAbiVersion;
    private readonly delegate* unmanaged<int> _isActive;
    private readonly delegate* unmanaged<nuint, nuint*, uint*, int> _getFunctionInfo;
    private readonly delegate* unmanaged<nuint, uint, byte**, uint*, int> _getILBody;
    private readonly delegate* unmanaged<nuint, byte*, uint, uint*, int> _getTokenFromSig;
    private readonly delegate* unmanaged<nuint, byte*, uint, uint*, int> _getTokenFromTypeSpec;
    private readonly delegate* unmanaged<uint, NativeAbi.MethodBody*, uint, int> _requestReJit;
    private readonly delegate* unmanaged<uint, NativeAbi.MethodRef*, uint, int*, int> _requestRevert;
    private readonly delegate* unmanaged<nuint, uint, int*, int*, int> _getMethodState;
    private readonly delegate* unmanaged<int, byte*, int> _log;
    private readonly delegate* unmanaged<byte*, uint, uint*, int> _getLogPath;

    private NativeBridge(string path, IntPtr library)
    {
        Path = path;
        _getAbiVersion = (delegate* unmanaged<int*, int>)Export(library, "DiagnoseGetAbiVersion");
        _isActive = (delegate* unmanaged<int>)Export(library, "DiagnoseIsActive");
        _getFunctionInfo = (delegate* unmanaged<nuint, nuint*, uint*, int>)Export(library, "DiagnoseGetFunctionInfo");
        _getILBody = (delegate* unmanaged<nuint, uint, byte**, uint*, int>)Export(library, "DiagnoseGetILBody");
        _getTokenFromSig = (delegate* unmanaged<nuint, byte*, uint, uint*, int>)Export(library, "DiagnoseGetTokenFromSig");
        _getTokenFromTypeSpec = (delegate* unmanaged<nuint, byte*, uint, uint*, int>)Export(library, "DiagnoseGetTokenFromTypeSpec");
        _requestReJit = (delegate* unmanaged<uint, NativeAbi.MethodBody*, uint, int>)Export(library, "DiagnoseRequestReJIT");
        _requestRevert = (delegate* unmanaged<uint, NativeAbi.MethodRef*, uint, int*, int>)Export(library, "DiagnoseRequestRevert");
        _getMethodState = (delegate* unmanaged<nuint, uint, int*, int*, int>)Export(library, "DiagnoseGetMethodState");
        _log = (delegate* unmanaged<int, byte*, int>)Export(library, "DiagnoseLog");
        _getLogPath = (delegate* unmanaged<byte*, uint, uint*, int>)Export(library, "DiagnoseGetLogPath");
    }

    public string Path { get; }

    /// <summary>Loads the library at <paramref name="path"/> and checks its ABI version.</summary>
    /// <exception cref="DiagnoseException">The library cannot be loaded or speaks another ABI.</exception>
    public static NativeBridge Load(string path)
    {
        if (!NativeLibrary.TryLoad(path, out var library))
        {
            throw new DiagnoseException($"cannot load the profiler library '{path}'");
        }

        var bridge = new NativeBridge(path, library);
        int version;
        Check(bridge._getAbiVersion(&version), "DiagnoseGetAbiVersion");
        if (version != NativeAbi.AbiVersion)
        {
            throw new DiagnoseException($"the profiler library '{path}' has ABI version {version}, the agent needs {NativeAbi.AbiVersion}");
        }

        return bridge;
    }

    /// <summary>True when the runtime loaded this library as its profiler.</summary>
    public bool IsActive => _isActive() == NativeAbi.S_OK;

    public (nuint ModuleId, int MethodDef) GetFunctionInfo(IntPtr functionId)
    {
        nuint module;
        uint token;
        Check(_getFunctionInfo((nuint)functionId, &module, &token), "GetFunctionInfo");
        return (module, (int)token);
    }

    /// <summary>The original body (header, code, EH sections) as the runtime loaded it.</summary>
    public ReadOnlySpan<byte> GetILBody(nuint moduleId, int methodDef)
    {
        byte* body;
        uint size;
        Check(_getILBody(moduleId, (uint)methodDef, &body, &size), "GetILFunctionBody");
        return new ReadOnlySpan<byte>(body, checked((int)size));
    }

    public int GetTokenFromSig(nuint moduleId, byte[] signature)
    {
        uint token;
        fixed (byte* bytes = signature)
        {
            Check(_getTokenFromSig(moduleId, bytes, (uint)signature.Length, &token), "GetTokenFromSig");
        }

        return (int)token;
    }

    public int GetTokenFromTypeSpec(nuint moduleId, byte[] signature)
    {
        uint token;
        fixed (byte* bytes = signature)
        {
            Check(_getTokenFromTypeSpec(moduleId, bytes, (uint)signature.Length, &token), "GetTokenFromTypeSpec");
        }

        return (int)token;
    }

    /// <summary>
    /// Re-JITs the methods with the given bodies (null: the original IL), as one batch. Each map says where the
    /// body's original instructions are (exports.h ILMapEntry), so that stack traces keep their original lines.
    /// </summary>
    public void RequestReJit(IReadOnlyList<(nuint ModuleId, int MethodDef, byte[]? Body, NativeAbi.ILMapEntry[]? Map)> methods, TimeSpan timeout)
    {
        var handles = new GCHandle[2 * methods.Count];
        var bodies = new NativeAbi.MethodBody[methods.Count];
        try
        {
            for (var i = 0; i < methods.Count; i++)
            {
                var (_, _, body, map) = methods[i];
                handles[2 * i] = GCHandle.Alloc(body, GCHandleType.Pinned);
                handles[(2 * i) + 1] = GCHandle.Alloc(map, GCHandleType.Pinned);
                bodies[i] = new NativeAbi.MethodBody
                {
                    ModuleId = methods[i].ModuleId,
                    MethodDef = (uint)methods[i].MethodDef,
                    IL = body is null ? null : (byte*)handles[2 * i].AddrOfPinnedObject(),
                    ILSize = (uint)(body?.Length ?? 0),
                    Map = body is null || map is null ? null : (NativeAbi.ILMapEntry*)handles[(2 * i) + 1].AddrOfPinnedObject(),
                    MapCount = body is null ? 0 : (uint)(map?.Length ?? 0),
                };
            }

            fixed (NativeAbi.MethodBody* first = bodies)
            {
                Check(_requestReJit((uint)methods.Count, first, Milliseconds(timeout)), "RequestReJITWithInliners");
            }
        }
        finally
        {
            foreach (var handle in handles)
            {
                if (handle.IsAllocated)
                {
                    handle.Free();
                }
            }
        }
    }


    /// <summary>Reverts the methods to their original code; returns the per-method HRESULTs.</summary>
    public int[] RequestRevert(IReadOnlyList<(nuint ModuleId, int MethodDef)> methods, TimeSpan timeout)
    {
        var refs = methods.Select(m => new NativeAbi.MethodRef { ModuleId = m.ModuleId, MethodDef = (uint)m.MethodDef }).ToArray();
        var statuses = new int[refs.Length];
        fixed (NativeAbi.MethodRef* first = refs)
        fixed (int* status = statuses)
        {
            Check(_requestRevert((uint)refs.Length, first, Milliseconds(timeout), status), "RequestRevert");
        }

        return statuses;
    }

    public (NativeAbi.MethodState State, int LastError) GetMethodState(nuint moduleId, int methodDef)
    {
        int state;
        int error;
        Check(_getMethodState(moduleId, (uint)methodDef, &state, &error), "GetMethodState");
        return ((NativeAbi.MethodState)state, error);
    }

    public void Log(NativeAbi.LogLevel level, string message)
    {
        var bytes = Encoding.UTF8.GetBytes(message + "\0");
        fixed (byte* text = bytes)
        {
            _log((int)level, text);
        }
    }

    public string? LogPath()
    {
        uint needed;
        var buffer = new byte[4096];
        fixed (byte* bytes = buffer)
        {
            if (_getLogPath(bytes, (uint)buffer.Length, &needed) != NativeAbi.S_OK)
            {
                return null;
            }
        }

        return Encoding.UTF8.GetString(buffer, 0, Math.Max(0, (int)needed - 1));
    }

    private static uint Milliseconds(TimeSpan timeout) => (uint)Math.Clamp(timeout.TotalMilliseconds, 0, uint.MaxValue);

    private static void Check(int hresult, string what)
    {
        if (hresult < 0)
        {
            throw new NativeCallException(what, hresult);
        }
    }

    private static IntPtr Export(IntPtr library, string name) =>
        NativeLibrary.TryGetExport(library, name, out var address)
            ? address
            : throw new DiagnoseException($"the profiler library has no export '{name}' (an older or foreign build?)");
}
