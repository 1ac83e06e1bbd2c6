using System.Runtime.InteropServices;

namespace Diagnose.Tests.Protocol.Support;

/// <summary>
/// A directory laid out as the kubelet mounts a ConfigMap: each key is a symlink <c>key -&gt; ..data/key</c>,
/// <c>..data</c> is a symlink to a timestamped folder, and an update writes a new folder and renames a new
/// <c>..data</c> link over the old one (one atomic step), then deletes the old folder.
/// </summary>
internal sealed class ConfigMapVolume
{
    private readonly TemporaryDirectory _root;
    private int _version;
    private string? _current;

    internal ConfigMapVolume(TemporaryDirectory root)
    {
        _root = root;
    }

    /// <summary>Publishes a new version holding exactly <paramref name="files"/> (name → content).</summary>
    internal void Publish(params (string Name, string Content)[] files)
    {
        var folder = $"..2026_11_22_10_00_{++_version:00}.{Guid.NewGuid():N}";
        foreach (var (name, content) in files)
        {
            _root.Write(Path.Combine(folder, name), content);
        }

        File.CreateSymbolicLink(_root["..data_tmp"], folder);
        if (Rename(_root["..data_tmp"], _root["..data"]) != 0)
        {
            throw new IOException($"rename failed: errno {Marshal.GetLastPInvokeError()}");
        }

        foreach (var (name, _) in files)
        {
            if (!File.Exists(_root[name]) && new FileInfo(_root[name]).LinkTarget is null)
            {
                File.CreateSymbolicLink(_root[name], Path.Combine("..data", name));
            }
        }

        if (_current is not null)
        {
            Directory.Delete(_root[_current], recursive: true);
        }

        _current = folder;
    }

    [DllImport("libc", EntryPoint = "rename", SetLastError = true)]
    private static extern int Rename(string oldPath, string newPath);
}
