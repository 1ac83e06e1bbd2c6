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
/// The table is created when missing, and with it (also on a table that exists) a trigger that issues
/// <c>pg_notify('&lt;table&gt;', id)</c> when a row is inserted, deleted, or changed other than in its <c>applied</c>
/// entries. The store LISTENs on its own connection and raises <see cref="Changed"/> on every notification, so a
/// change reaches the sidecar at once; when that connection drops it is opened again (every 2 s until it works)
/// and the caller's polling carries on meanwhile. <see cref="Load"/> throws <see cref="NpgsqlException"/> when the database
/// cannot be reached (the caller keeps the last specs and tries again).
/// </summary>
internal sealed class PostgresSpecStore : ISpecStore, IDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly string _table;
    private static readonly TimeSpan ReconnectAfter = TimeSpan.FromSeconds(2);

    private readonly object _gate = new();
    private readonly Action<string> _report;
    private readonly CancellationTokenSource _stop = new();
    private Thread? _listener;
    private SpecSet _specs = SpecSet.Empty;
    private string? _text;
    private bool _tableReady;

    public PostgresSpecStore(PostgresUrl url, Action<string>? report = null)
    {
        _report = report ?? (_ => { });
        _dataSource = NpgsqlDataSource.Create(url.ConnectionString);
        _table = url.Table;
    }

    /// <summary>Raised on the listening thread when the table's trigger notifies (and when listening fails: read again).</summary>
    public event EventHandler? Changed;

    /// <summary>The notification channel: the table's name as PostgreSQL folds it.</summary>
    internal string Channel => _table.ToLowerInvariant();

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

    public void Dispose()
    {
        _stop.Cancel();
        _listener?.Join(TimeSpan.FromSeconds(5));
        _dataSource.Dispose();
    }

    private void EnsureTable()
    {
        if (_tableReady)
        {
            return;
        }

        using var command = _dataSource.CreateCommand($"CREATE TABLE IF NOT EXISTS {_table} (id text PRIMARY KEY, spec jsonb NOT NULL, updated_at timestamptz NOT NULL DEFAULT now())");
        command.ExecuteNonQuery();
        try
        {
            CreateTrigger();
        }
        catch (PostgresException e)
        {
            _report($"cannot create the notify trigger on {_table}: {e.MessageText}; changes are seen by polling only");
        }

        _tableReady = true;
        _listener = new Thread(Listen) { IsBackground = true, Name = "diagnose store listener" };
        _listener.Start();
    }

    /// <summary>
    /// The trigger function and its triggers, made or replaced under an advisory lock (sidecars starting together
    /// would otherwise collide on <c>CREATE OR REPLACE</c>). An update that changes only <c>applied</c> (what the
    /// sidecars write back) does not notify.
    /// </summary>
    private void CreateTrigger()
    {
        var function = $"{_table}_notify";
        using var connection = _dataSource.OpenConnection();
        using var transaction = connection.BeginTransaction();
        using var command = new NpgsqlCommand(
            $"SELECT pg_advisory_xact_lock(hashtext('diagnose:{_table}'));" +
            $"CREATE OR REPLACE FUNCTION {function}() RETURNS trigger LANGUAGE plpgsql AS $f$ BEGIN " +
            "IF TG_OP = 'UPDATE' AND OLD.id = NEW.id AND jsonb_typeof(OLD.spec) = 'object' AND jsonb_typeof(NEW.spec) = 'object' " +
            "AND (OLD.spec - 'applied') = (NEW.spec - 'applied') THEN RETURN NULL; END IF; " +
            $"PERFORM pg_notify('{Channel}', CASE WHEN TG_OP = 'DELETE' THEN OLD.id ELSE NEW.id END); RETURN NULL; END $f$;" +
            $"CREATE OR REPLACE TRIGGER diagnose_notify AFTER INSERT OR UPDATE OR DELETE ON {_table} FOR EACH ROW EXECUTE FUNCTION {function}();",
            connection,
            transaction);
        command.ExecuteNonQuery();
        transaction.Commit();
    }

    /// <summary>LISTENs on a connection of its own until disposed; a dropped connection is opened again.</summary>
    private void Listen()
    {
        var failed = false;
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                using var connection = _dataSource.OpenConnection();
                connection.Notification += (_, _) => Changed?.Invoke(this, EventArgs.Empty);
                using (var listen = new NpgsqlCommand($"LISTEN \"{Channel}\"", connection))
                {
                    listen.ExecuteNonQuery();
                }

                if (failed)
                {
                    _report($"listening to {_table} again");
                    failed = false;
                    Changed?.Invoke(this, EventArgs.Empty); // what changed while not listening
                }

                while (!_stop.IsCancellationRequested)
                {
                    connection.WaitAsync(_stop.Token).GetAwaiter().GetResult();
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (Exception e) when (e is NpgsqlException or InvalidOperationException or IOException)
            {
                if (!failed)
                {
                    _report($"not listening to {_table}: {e.Message}; polling meanwhile, connecting again every {ReconnectAfter.TotalSeconds} s");
                    failed = true;
                }

                _stop.Token.WaitHandle.WaitOne(ReconnectAfter);
            }
        }
    }
}
