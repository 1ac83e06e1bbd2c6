namespace Diagnose.Tests.Protocol.Support;

/// <summary>A fresh directory under the system's temporary folder, deleted on dispose.</summary>
internal sealed class TemporaryDirectory : IDisposable
{
    internal TemporaryDirectory()
    {
        Path = Directory.CreateTempSubdirectory("diagnose-specs-").FullName;
    }

    internal string Path { get; }

    internal string this[string name] => System.IO.Path.Combine(Path, name);

    /// <summary>Writes <paramref name="text"/> to <paramref name="name"/> and returns the file's path.</summary>
    internal string Write(string name, string text)
    {
        var path = this[name];
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    internal string Read(string name) => File.ReadAllText(this[name]);

    public void Dispose()
    {
        // Tests may have made folders read-only; give them back to their owner so they can go.
        foreach (var folder in Directory.EnumerateDirectories(Path, "*", SearchOption.AllDirectories).Prepend(Path))
        {
            if (!OperatingSystem.IsWindows() && new DirectoryInfo(folder).LinkTarget is null)
            {
                File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }

        Directory.Delete(Path, recursive: true);
    }
}
