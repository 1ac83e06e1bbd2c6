using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Diagnose.EndToEnd.Tests.Support;

/// <summary>
/// A PostgreSQL server for the store tests: the one <c>DIAGNOSE_TEST_POSTGRES</c> names (a postgres:// URL), or a
/// throwaway one started from the installed binaries (<c>/usr/lib/postgresql/&lt;version&gt;/bin</c>) in a temporary
/// directory, on a free local port, trusting local connections; run as the <c>postgres</c> user when the tests run
/// as root (PostgreSQL refuses root). SQL goes through <c>psql</c>.
/// </summary>
internal sealed class PostgresServer : IDisposable
{
    private readonly string _psql;
    private readonly string? _directory;
    private readonly string? _binaries;

    private PostgresServer(string url, string psql, string? directory, string? binaries)
    {
        Url = url;
        _psql = psql;
        _directory = directory;
        _binaries = binaries;
    }

    /// <summary>The server's address, for <c>--store</c> and psql.</summary>
    public string Url { get; }

    /// <summary>A server, or null with the reason when there is none to use.</summary>
    public static PostgresServer? Start(out string? whyNot)
    {
        whyNot = null;
        var given = Environment.GetEnvironmentVariable("DIAGNOSE_TEST_POSTGRES");
        var binaries = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "initdb"))).OrderByDescending(d => d, StringComparer.Ordinal).FirstOrDefault()
            : null;
        var psql = binaries is not null && File.Exists(Path.Combine(binaries, "psql")) ? Path.Combine(binaries, "psql") : "psql";
        if (!string.IsNullOrEmpty(given))
        {
            return new PostgresServer(given, psql, null, null);
        }

        if (binaries is null)
        {
            whyNot = "no PostgreSQL: set DIAGNOSE_TEST_POSTGRES or install PostgreSQL (initdb in /usr/lib/postgresql/*/bin)";
            return null;
        }

        var directory = Directory.CreateTempSubdirectory("diagnose-pg-").FullName;
        var port = FreePort();
        var asRoot = Environment.UserName == "root";
        if (asRoot)
        {
            Run("chown", ["postgres", directory]);
        }

        var server = new PostgresServer($"postgres://diagnose@127.0.0.1:{port}/postgres", psql, directory, binaries);
        server.AsServerUser(Path.Combine(binaries, "initdb"), ["-D", Path.Combine(directory, "data"), "-U", "diagnose", "--auth=trust", "-E", "UTF8"]);
        server.AsServerUser(Path.Combine(binaries, "pg_ctl"), ["-D", Path.Combine(directory, "data"), "-o", $"-h 127.0.0.1 -p {port} -k {directory}", "-l", Path.Combine(directory, "log"), "-w", "start"]);
        return server;
    }

    /// <summary>Runs SQL and returns psql's unaligned, tuples-only output.</summary>
    public string Sql(string sql) => Run(_psql, ["-X", "-v", "ON_ERROR_STOP=1", "-At", "-d", Url.Replace("postgres://", "postgresql://", StringComparison.Ordinal), "-c", sql]).Trim();

    public void Dispose()
    {
        if (_directory is null || _binaries is null)
        {
            return;
        }

        try
        {
            AsServerUser(Path.Combine(_binaries, "pg_ctl"), ["-D", Path.Combine(_directory, "data"), "-m", "immediate", "stop"]);
        }
        finally
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private void AsServerUser(string program, string[] arguments)
    {
        if (Environment.UserName == "root")
        {
            Run("runuser", ["-u", "postgres", "--", program, .. arguments]);
        }
        else
        {
            Run(program, arguments);
        }
    }

    private static string Run(string program, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(60)) || process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed: {error.Result} {output.Result}");
        }

        return output.Result;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
