using Diagnose.Protocol.Specs;

namespace Diagnose.Cli.Stores;

/// <summary>Opens the store a <c>--store</c> value names: a JSON file or directory, or a <c>postgres://</c> address.</summary>
internal static class StoreLocation
{
    /// <exception cref="CliException">Exit code 2: not an existing path, or not a usable PostgreSQL address.</exception>
    public static ISpecStore Open(string value, Action<string> report)
    {
        if (PostgresUrl.IsPostgres(value))
        {
            return new PostgresSpecStore(PostgresUrl.Parse(value), report);
        }

        var path = Path.GetFullPath(value);
        if (!File.Exists(path) && !Directory.Exists(path))
        {
            throw new CliException(ExitCodes.UsageError, $"--store: {value} is neither a file, a directory nor a postgres:// address");
        }

        return new DirectorySpecStore(path, report);
    }

    /// <summary>The value as it may be shown (no password).</summary>
    public static string Describe(string value) => PostgresUrl.IsPostgres(value) ? PostgresUrl.Redact(value) : Path.GetFullPath(value);
}
