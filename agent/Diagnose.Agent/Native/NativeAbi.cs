using System.Runtime.InteropServices;

namespace Diagnose.Native;

/// <summary>
/// The values shared with profiler-native/include/diagnose/exports.h. Defined once on this side;
/// tests/Diagnose.Tests/Native/NativeAbiTests.cs compares them with the header.
/// </summary>
internal static class NativeAbi
{
    public const int AbiVersion = 2;

    public const string ProfilerClsid = "8A3E5F21-4C7D-4E2B-9B1A-D1A6C0F3E742";

    public const string LibraryFileName = "libDiagnose.Profiler.so";

    /// <summary>Set by the profiler in the process environment: the absolute path of the loaded library.</summary>
    public const string ProfilerPathVariable = "DIAGNOSE_PROFILER_PATH";

    public const int S_OK = 0;
    public const int S_FALSE = 1;
    public const int Timeout = unchecked((int)0x800705B4);

    /// <summary>exports.h diagnose::ILMapEntry: 8 bytes.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct ILMapEntry
    {
        public uint OldOffset;
        public uint NewOffset;
    }

    /// <summary>exports.h diagnose::MethodBody: 48 bytes.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public unsafe struct MethodBody
    {
        public nuint ModuleId;
        public uint MethodDef;
        public uint Reserved0;
        public byte* IL;
        public uint ILSize;
        public uint Reserved1;
        public ILMapEntry* Map;
        public uint MapCount;
        public uint Reserved2;
    }

    /// <summary>exports.h diagnose::MethodRef: 16 bytes.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct MethodRef
    {
        public nuint ModuleId;
        public uint MethodDef;
        public uint Reserved0;
    }

    /// <summary>exports.h diagnose::MethodState.</summary>
    public enum MethodState
    {
        None = 0,
        Requested = 1,
        Compiled = 2,
        Failed = 3,
        Reverted = 4,
    }

    /// <summary>exports.h diagnose::LogLevel.</summary>
    public enum LogLevel
    {
        Debug = 0,
        Info = 1,
        Warning = 2,
        Error = 3,
    }
}
