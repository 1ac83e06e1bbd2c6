using System.Text;
using System.Text.Json;
using Diagnose.Protocol.Specs;
using Npgsql;
using NpgsqlTypes;

namespace Diagnose.Cli.Stores;

/// <summary>
/// Specs in a PostgreSQL table shared by a fleet: one row per spec, <c>id</c> → <c>spec</c> (the spec's JSON as in a
/// spec file, <c>applied</c> included). Every process's sidecar reads the table and writes its own <c>applied</c>
/// entries back with a single-row <c>jsonb</c> update, so writers never overwrite each other's entries.
/// <code>
/// CREATE TABLE IF NOT EXISTS diagnose_specs (id text PRIMARY KEY, spec jsonb NOT NULL, updated_at timestamptz NOT NULL DEFAULT now());
/// </code>
/// The table is created when missing. <see cref="Load"/> throws <see cref="NpgsqlException"/> when the database
/// cannot be reached (the caller keeps the last specs and tries again).
/// </summary>
internal sealed class PostgresSpecStore : ISpecStore, IDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly string _table;
    private readonly object _gate = new();
    private SpecSet _specs = SpecSet.Empty;
    private string? _text;
    private bool _tableReady;

    public PostgresSpecStore(PostgresUrl url)
    {
        _dataSource = NpgsqlDataSource.Create(url.ConnectionString);
        _table = url.Table;
    }

    /// <summary>Never raised: the table is read when <see cref="Load"/> is called.</summary>
    public event EventHandler? Changed
    {
        add { }
        remove { }
    }

    public SpecSet Load()
    {
        EnsureTable();
        var document = new StringBuilder("{");
        using (var command = _dataSource.CreateCommand($"SELECT id, spec::text FROM {_table} ORDER BY id"))
        using (var reader = command.ExecuteReader())
        {
            var first = true;
            while (reader.Read())
            {
                document.Append(first ? string.Empty : ",").Append(JsonSerializer.Serialize(reader.GetString(0))).Append(':').Append(reader.GetString(1));
                first = false;
            }
        }

        var text = document.Append('}').ToString();
        lock (_gate)
        {
            if (text != _text)
            {
                _text = text;
                _specs = SpecSet.Parse(text, $"table {_table}");
            }

            return _specs;
        }
    }

    public void WriteApplied(string processKey, IReadOnlyDictionary<string, AppliedEntry> entries)
    {
        var specs = Load();
        var changed = entries.Where(e => specs.TryGet(e.Key, out var spec) && (!spec.Applied.TryGetValue(processKey, out var current) || current != e.Value || current.Stats != e.Value.Stats)).ToList();
        if (changed.Count == 0)
        {
            return;
        }

        using var batch = _dataSource.CreateBatch();
        foreach (var (id, entry) in changed)
        {
            var update = new NpgsqlBatchCommand(
                $"UPDATE {_table} SET spec = jsonb_set(spec, '{{applied}}', " +
                "(CASE WHEN jsonb_typeof(spec->'applied') = 'object' THEN spec->'applied' ELSE '{}'::jsonb END) || jsonb_build_object($1::text, jsonb_build_object('lm', $2::text, 'err', $3::text)), true) " +
                "WHERE id = $4 AND jsonb_typeof(spec) = 'object'");
            update.Parameters.Add(new NpgsqlParameter { Value = processKey, NpgsqlDbType = NpgsqlDbType.Text });
            update.Parameters.Add(new NpgsqlParameter { Value = (object?)entry.LastModified ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
            update.Parameters.Add(new NpgsqlParameter { Value = (object?)entry.Error ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
            update.Parameters.Add(new NpgsqlParameter { Value = id, NpgsqlDbType = NpgsqlDbType.Text });
            batch.BatchCommands.Add(update);
        }

        batch.ExecuteNonQuery();
        foreach (var (id, entry) in changed)
        {
            specs[id].SetApplied(processKey, entry);
        }
    }

    public void Dispose() => _dataSource.Dispose();

    private void EnsureTable()
    {
        if (_tableReady)
        {
            return;
        }

        using var command = _dataSource.CreateCommand($"CREATE TABLE IF NOT EXISTS {_table} (id text PRIMARY KEY, spec jsonb NOT NULL, updated_at timestamptz NOT NULL DEFAULT now())");
        command.ExecuteNonQuery();
        _tableReady = true;
    }
}
