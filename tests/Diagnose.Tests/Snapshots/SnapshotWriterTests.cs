using System.Net;
using System.Text.Json.Nodes;
using Diagnose.Guardrails;
using Diagnose.Redaction;
using Diagnose.Snapshots;
using NUnit.Framework;

namespace Diagnose.Tests.Snapshots;

/// <summary>The snapshot writer on values built here: what it reads (fields only), where it cuts, what it redacts.</summary>
public sealed class SnapshotWriterTests
{
    private static readonly Redactor s_redactor = new(RedactionSettings.None);

    [Test]
    public void AGetterIsNeverRunOnlyFieldsAreRead()
    {
        var watched = new Watched();

        var json = Value(watched);

        Assert.That(watched.GetterRuns, Is.Zero);
        Assert.That(json.ToJsonString(), Is.EqualTo("""{"$type":"Diagnose.Tests.Snapshots.SnapshotWriterTests.Watched","_hidden":42,"GetterRuns":0}"""));
    }

    [Test]
    public void ScalarsAreJsonValuesAndFrameworkValuesAreInvariantText()
    {
        var json = Value(new object?[] { 1, -2L, 2.5, double.NaN, 1.25m, 'c', true, null, DayOfWeek.Friday, new DateTime(2026, 12, 7, 1, 2, 3, DateTimeKind.Utc), TimeSpan.FromSeconds(90), Guid.Empty, (int?)7 });

        Assert.That(json["items"]!.ToJsonString(), Is.EqualTo("""[1,-2,2.5,"NaN",1.25,"c",true,null,"Friday","2026-12-07T01:02:03.0000000Z","00:01:30","00000000-0000-0000-0000-000000000000",7]"""));
    }

    [Test]
    public void ADictionaryShowsItsLiveEntriesOnlyAndASensitiveKeyRedactsItsValue()
    {
        var headers = new Dictionary<string, string> { ["a"] = "1", ["gone"] = "2", ["Authorization"] = "Bearer x", ["b"] = "3" };
        headers.Remove("gone");

        var json = Value(headers);

        Assert.That(json["count"]!.GetValue<int>(), Is.EqualTo(3));
        Assert.That(json["entries"]!.ToJsonString(), Is.EqualTo("""[{"key":"a","value":"1"},{"key":"Authorization","value":"[redacted]"},{"key":"b","value":"3"}]"""));
    }

    [Test]
    public void AMultidimensionalArrayIsListedInRowOrder() =>
        Assert.That(Value(new[,] { { 1, 2 }, { 3, 4 } })["items"]!.ToJsonString(), Is.EqualTo("[1,2,3,4]"));

    [Test]
    public void AnExceptionShowsItsMessageAndInnerFromItsFieldsNotItsGetters()
    {
        var json = Value(new InvalidOperationException("outer", new ArgumentException("inner")));

        Assert.That(json["message"]!.GetValue<string>(), Is.EqualTo("outer"));
        Assert.That(json["inner"]!["$type"]!.GetValue<string>(), Is.EqualTo("System.ArgumentException"));
        Assert.That(json["inner"]!["message"]!.GetValue<string>(), Is.EqualTo("inner"));
    }

    [Test]
    public void ValuesOfSecretTypesAreRedactedWhateverTheirName() =>
        Assert.That(Value(new NetworkCredential("bob", "pw"))!.GetValue<string>(), Is.EqualTo("[redacted]"));

    [Test]
    public void RuntimeObjectsShowTheirTypeOnly() =>
        Assert.That(Value(typeof(string)).ToJsonString(), Does.StartWith("""{"$type":"System."""));

    [Test]
    public void ASnapshotStopsAtOneMebibyteAndSaysSo()
    {
        var page = Enumerable.Range(0, 100).Select(_ => new string('x', 255)).ToArray();
        var book = Enumerable.Range(0, 100).Select(_ => page).ToArray(); // about 2.6 MB of text

        var text = SnapshotWriter.Write("big", book, SnapshotLimits.Default, s_redactor);

        Assert.That(System.Text.Encoding.UTF8.GetByteCount(text), Is.LessThan(SnapshotLimits.Default.Bytes + 64 * 1024));
        Assert.That(JsonNode.Parse(text)!["truncated"]!.GetValue<string>(), Is.EqualTo("the snapshot reached its limit of 1024 KiB; later values were left out"));
    }

    [Test]
    public void ACycleIsMarkedWithThePathOfItsFirstOccurrence()
    {
        var node = new Node();
        node.Next = new Node { Next = node };

        Assert.That(Value(node)["Next"]!["Next"]!.ToJsonString(), Is.EqualTo("""{"$type":"Diagnose.Tests.Snapshots.SnapshotWriterTests.Node","cycle":"$.value"}"""));
    }

    [Test]
    public void ASnapshotProbeFiresOnceASecondByDefault()
    {
        var guard = new ProbeGuard(new SnapshotInstrument("s"), new GuardDefaults(LogRate: 100, ProcessLogRate: 1000, CallBudgetMs: 10, CpuPercent: 5), new TokenBucket(1000));

        var fired = Enumerable.Range(0, 10).Count(_ => guard.Enter() && guard.Begin() >= 0);

        Assert.That(guard.Rate, Is.EqualTo(1));
        Assert.That(fired, Is.EqualTo(1), "no refill happens here: only the guard monitor adds tokens");
    }

    private static JsonNode Value(object? value) => JsonNode.Parse(SnapshotWriter.Write("p", value, SnapshotLimits.Default, s_redactor))!["value"]!;

    private sealed class Watched
    {
        private readonly int _hidden = 42;

        public int GetterRuns { get; private set; }

        public int Computed
        {
            get
            {
                GetterRuns++;
                return _hidden;
            }
        }
    }

    private sealed class Node
    {
        public Node? Next { get; set; }
    }
}
