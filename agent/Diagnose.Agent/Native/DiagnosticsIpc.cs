using System.Buffers.Binary;
using System.Net.Sockets;
using System.Text;

namespace Diagnose.Native;

/// <summary>
/// A minimal client of the runtime's diagnostics IPC (dotnet/diagnostics ipc-protocol.md), in-box only, for the one
/// command the agent needs inside the target: attaching the profiler to its own process.
/// Message: header { magic "DOTNET_IPC_V1\0" (14 bytes), u16 size (header + payload), u8 command set, u8 command id,
/// u16 reserved } then payload; little-endian. Reply: command set 0xFF, id 0x00 (OK) or 0xFF (error), payload i32 HRESULT.
/// </summary>
internal static class DiagnosticsIpc
{
    private const int HeaderSize = 20;
    private const byte ProfilerCommandSet = 0x03;
    private const byte AttachProfilerCommand = 0x01;
    private const byte ServerCommandSet = 0xFF;
    private static readonly byte[] s_magic = Encoding.ASCII.GetBytes("DOTNET_IPC_V1\0");

    /// <summary>The diagnostics socket of process <paramref name="pid"/>, or null when it has none.</summary>
    public static string? SocketPath(int pid)
    {
        var directory = Environment.GetEnvironmentVariable("TMPDIR");
        directory = string.IsNullOrEmpty(directory) ? "/tmp" : directory;
        try
        {
            return Directory.GetFiles(directory, $"dotnet-diagnostic-{pid}-*-socket").OrderByDescending(File.GetLastWriteTimeUtc).FirstOrDefault();
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>Sends AttachProfiler (0x0301) and returns the HRESULT the runtime answered.</summary>
    public static int AttachProfiler(int pid, Guid clsid, string profilerPath, byte[] clientData, TimeSpan timeout)
    {
        var socketPath = SocketPath(pid)
            ?? throw new DiagnoseException($"process {pid} has no diagnostics socket (is DOTNET_EnableDiagnostics=0 set?)");
        var path = Encoding.Unicode.GetBytes(profilerPath + "\0");
        var payload = new byte[4 + 16 + 4 + path.Length + 4 + clientData.Length];
        var span = payload.AsSpan();
        BinaryPrimitives.WriteUInt32LittleEndian(span, (uint)timeout.TotalMilliseconds);
        clsid.TryWriteBytes(span.Slice(4, 16));
        BinaryPrimitives.WriteUInt32LittleEndian(span[20..], (uint)(path.Length / 2));
        path.CopyTo(span[24..]);
        BinaryPrimitives.WriteUInt32LittleEndian(span[(24 + path.Length)..], (uint)clientData.Length);
        clientData.CopyTo(span[(28 + path.Length)..]);
        return Send(socketPath, ProfilerCommandSet, AttachProfilerCommand, payload, timeout + TimeSpan.FromSeconds(5));
    }

    private static int Send(string socketPath, byte commandSet, byte commandId, byte[] payload, TimeSpan timeout)
    {
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.ReceiveTimeout = socket.SendTimeout = (int)timeout.TotalMilliseconds;
        socket.Connect(new UnixDomainSocketEndPoint(socketPath));
        var message = new byte[HeaderSize + payload.Length];
        s_magic.CopyTo(message, 0);
        BinaryPrimitives.WriteUInt16LittleEndian(message.AsSpan(14), checked((ushort)message.Length));
        message[16] = commandSet;
        message[17] = commandId;
        payload.CopyTo(message, HeaderSize);
        socket.Send(message);

        var reply = new byte[HeaderSize + 4];
        var received = 0;
        while (received < reply.Length)
        {
            var n = socket.Receive(reply, received, reply.Length - received, SocketFlags.None);
            if (n == 0)
            {
                break;
            }

            received += n;
        }

        if (received < HeaderSize + 4 || reply[16] != ServerCommandSet)
        {
            throw new DiagnoseException($"the runtime's diagnostics server gave an unexpected reply ({received} bytes)");
        }

        return BinaryPrimitives.ReadInt32LittleEndian(reply.AsSpan(HeaderSize));
    }
}
