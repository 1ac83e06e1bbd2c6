using System.Text.RegularExpressions;
using Npgsql;

namespace Diagnose.Cli.Stores;

/// <summary>
/// A PostgreSQL store address: <c>postgres://user:password@host:5432/database?table=diagnose_specs&amp;sslmode=require</c>
/// (<c>postgresql://</c> too). <c>table</c> names the specs table (default <c>diagnose_specs</c>, optionally
/// schema-qualified); other query keys are Npgsql connection string keywords (e.g. <c>host=/var/run/postgresql</c>
/// for a Unix socket). Percent-escapes are decoded.
/// </summary>
internal sealed partial record PostgresUrl(string ConnectionString, string Table)
{
    public const string DefaultTable = "diagnose_specs";

    public static bool IsPostgres(string text) =>
        text.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) || text.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase);

    /// <exception cref="CliException">Exit code 2: not a usable address.</exception>
    public static PostgresUrl Parse(string url)
    {
        var match = Shape().Match(url);
        if (!match.Success)
        {
            throw Bad(url, "expected postgres://user:password@host:port/database?table=name");
        }

        var builder = new NpgsqlConnectionStringBuilder();
        try
        {
            if (match.Groups["user"].Success)
            {
                builder.Username = Uri.UnescapeDataString(match.Groups["user"].Value);
            }

            if (match.Groups["password"].Success)
            {
                builder.Password = Uri.UnescapeDataString(match.Groups["password"].Value);
            }

            if (match.Groups["host"].Value is { Length: > 0 } host)
            {
                builder.Host = Uri.UnescapeDataString(host.Trim('[', ']'));
            }

            if (match.Groups["port"].Success)
            {
                builder.Port = int.Parse(match.Groups["port"].Value, System.Globalization.CultureInfo.InvariantCulture);
            }

            if (match.Groups["database"].Value is { Length: > 0 } database)
            {
                builder.Database = Uri.UnescapeDataString(database);
            }

            var table = DefaultTable;
            foreach (var pair in match.Groups["query"].Value.Split('&', StringSplitOptions.RemoveEmptyEntries))
            {
                var equals = pair.IndexOf('=');
                var key = Uri.UnescapeDataString(equals < 0 ? pair : pair[..equals]);
                var value = equals < 0 ? string.Empty : Uri.UnescapeDataString(pair[(equals + 1)..]);
                if (key == "table")
                {
                    table = value;
                }
                else
                {
                    builder[key] = value;
                }
            }

            if (!TableName().IsMatch(table))
            {
                throw Bad(url, $"table '{table}' must be a plain name or schema.name");
            }

            builder.Host ??= "localhost";
            builder.ApplicationName ??= "diagnose";
            return new PostgresUrl(builder.ConnectionString, table);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or OverflowException or KeyNotFoundException)
        {
            throw Bad(url, e.Message);
        }
    }

    /// <summary>The address without its password, for messages.</summary>
    public static string Redact(string url) => Shape().Match(url) is { Success: true } match && match.Groups["password"].Success
        ? url.Remove(match.Groups["password"].Index, match.Groups["password"].Length).Insert(match.Groups["password"].Index, "***")
        : url;

    private static CliException Bad(string url, string why) => new(ExitCodes.UsageError, $"--store {Redact(url)}: {why}");

    [GeneratedRegex(@"^postgres(?:ql)?://(?:(?<user>[^:@/?]*)(?::(?<password>[^@/?]*))?@)?(?<host>\[[^\]]*\]|[^:/?]*)(?::(?<port>\d{1,5}))?(?:/(?<database>[^?]*))?(?:\?(?<query>.*))?$", RegexOptions.IgnoreCase)]
    private static partial Regex Shape();

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)?$")]
    private static partial Regex TableName();
}
