using Diagnose.Cli;
using Diagnose.Cli.Stores;
using Npgsql;
using NUnit.Framework;

namespace Diagnose.Tests.Cli;

/// <summary><c>--store postgres://…</c> addresses.</summary>
public sealed class PostgresUrlTests
{
    [Test]
    public void EveryPartOfTheAddressIsUsed()
    {
        var url = PostgresUrl.Parse("postgres://ops%40x:p%3Ass@db.internal:6543/fleet?table=probes.specs&sslmode=require");
        var builder = new NpgsqlConnectionStringBuilder(url.ConnectionString);

        Assert.That(url.Table, Is.EqualTo("probes.specs"));
        Assert.That((builder.Username, builder.Password, builder.Host, builder.Port, builder.Database), Is.EqualTo(("ops@x", "p:ss", "db.internal", 6543, "fleet")));
        Assert.That(builder.SslMode, Is.EqualTo(SslMode.Require));
        Assert.That(builder.ApplicationName, Is.EqualTo("diagnose"));
    }

    [Test]
    public void MissingPartsHaveDefaults()
    {
        var url = PostgresUrl.Parse("postgresql://db");
        var builder = new NpgsqlConnectionStringBuilder(url.ConnectionString);

        Assert.That(url.Table, Is.EqualTo("diagnose_specs"));
        Assert.That((builder.Host, builder.Port, builder.Database), Is.EqualTo(("db", 5432, (string?)null)));
    }

    [Test]
    public void AUnixSocketDirectoryComesAsHostParameter()
    {
        var builder = new NpgsqlConnectionStringBuilder(PostgresUrl.Parse("postgres:///ops?host=/var/run/postgresql").ConnectionString);

        Assert.That((builder.Host, builder.Database), Is.EqualTo(("/var/run/postgresql", "ops")));
    }

    [TestCase("postgres://db/x?table=drop table", "table 'drop table' must be a plain name or schema.name")]
    [TestCase("postgres://db/x?table=a;b", "table 'a;b' must be a plain name or schema.name")]
    [TestCase("postgres://db/x?nonsense=1", "nonsense")]
    [TestCase("postgres://db:99999999/x", "expected postgres://")]
    [TestCase("postgres://u:secret@db:1/x?sslmode=maybe", "--store postgres://u:***@db:1/x?sslmode=maybe")]
    public void BadAddressesAreUsageErrorsWithoutThePassword(string text, string part)
    {
        var error = Assert.Throws<CliException>(() => PostgresUrl.Parse(text))!;

        Assert.That(error.ExitCode, Is.EqualTo(ExitCodes.UsageError));
        Assert.That(error.Message, Does.Contain(part));
        Assert.That(error.Message, Does.Not.Contain("secret"));
    }

    [Test]
    public void OnlyPostgresSchemesArePostgres()
    {
        Assert.That(PostgresUrl.IsPostgres("postgres://x"), Is.True);
        Assert.That(PostgresUrl.IsPostgres("PostgreSQL://x"), Is.True);
        Assert.That(PostgresUrl.IsPostgres("/etc/postgres://x"), Is.False);
    }
}
