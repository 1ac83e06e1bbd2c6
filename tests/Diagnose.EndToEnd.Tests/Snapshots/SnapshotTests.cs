using System.Text.Json.Nodes;
using Diagnose.EndToEnd.Tests.Support;
using NUnit.Framework;

namespace Diagnose.EndToEnd.Tests.Snapshots;

/// <summary>
/// The snapshot instrument on a real process (issue 12, part 2): <c>Sample.Shipping.Ship</c> gets a shipment with
/// nesting deeper than 3, a cycle, a list, a dictionary with an Authorization header, a struct, a null, a 300-character
/// note, 150 codes, 25 fields in one object and an API key, plus a parameter named password ("ship 7 2 hunter2").
/// </summary>
[TestFixture(TargetRuntime.Net10, StartMode.Launched)]
[TestFixture(TargetRuntime.Net8, StartMode.Attached)]
public sealed class SnapshotTests(TargetRuntime runtime, StartMode mode)
{
    private const string Ship = "Sample.Shipping.Ship";
    private static readonly string[] s_secrets = ["hunter2", "key-1234-secret", "Bearer abc.def"];

    [Test]
    public void AnEndSnapshotHoldsTheArgumentsLocalsResultAndStackWithEveryCutMarkedAndNoSecret()
    {
        using var specs = new SpecFile().Add("ship", Ship, "snapshot", type: "snapshot", @event: "end").Save();
        using var app = TargetApp.Start(runtime, mode, specs.Path);
        Assert.That(specs.WaitApplied(app.Pid, "ship"), Is.Null);
        using var watch = BackgroundTool.Start(["watch", Pid(app), "--json"]);
        watch.WaitForError(l => l.StartsWith($"watching process {app.Pid}", StringComparison.Ordinal));

        var call = app.Send("ship 7 2 hunter2");
        var watched = watch.WaitForOutput(l => l.Contains("\"snapshot\"", StringComparison.Ordinal));

        Assert.That(call.Result, Is.EqualTo("= 7-2/3.75"));
        Assert.That(call.Snapshots, Has.Count.EqualTo(1), call.ToString());
        var snapshot = JsonNode.Parse(call.Snapshots[0])!;
        Assert.That(Text(snapshot, "probe"), Is.EqualTo("ship"));
        Assert.That(Text(snapshot, "method"), Is.EqualTo(Ship));
        Assert.That(Text(snapshot, "event"), Is.EqualTo("end"));
        var shipment = snapshot["args"]!["shipment"]!;
        Assert.That(Text(shipment, "$type"), Is.EqualTo("Sample.Shipment"));
        Assert.That(shipment["Id"]!.GetValue<int>(), Is.EqualTo(7));
        Assert.That(Text(shipment["To"]!, "City"), Is.EqualTo("Lyon"));
        Assert.That(shipment["To"]!["Location"]!["Latitude"]!.GetValue<double>(), Is.EqualTo(45.76));
        Assert.That(Text(shipment["To"]!["Location"]!["Cell"]!, "truncated"), Is.EqualTo("depth 3 reached (custom.depth)"));
        Assert.That(shipment["Parcels"]!["count"]!.GetValue<int>(), Is.EqualTo(2));
        Assert.That(shipment["Parcels"]!["items"]![1]!["Kg"]!.GetValue<double>(), Is.EqualTo(2.25));
        Assert.That(Text(shipment["Parcels"]!["items"]![0]!["Owner"]!, "cycle"), Is.EqualTo("$.args.shipment"));
        var headers = shipment["Headers"]!["entries"]!.AsArray().ToDictionary(e => Text(e!, "key"), e => Text(e!, "value"));
        Assert.That(headers, Is.EqualTo(new Dictionary<string, string> { ["Accept"] = "application/json", ["Authorization"] = "[redacted]" }));
        Assert.That(shipment["Size"]!.ToJsonString(), Is.EqualTo("""{"$type":"Sample.Dimensions","Width":40,"Height":30}"""));
        Assert.That(Text(shipment["Note"]!, "value"), Is.EqualTo(new string('n', 255)));
        Assert.That(Text(shipment["Note"]!, "truncated"), Is.EqualTo("300 characters, the first 255 kept"));
        Assert.That(shipment["Codes"]!["count"]!.GetValue<int>(), Is.EqualTo(150));
        Assert.That(shipment["Codes"]!["items"]!.AsArray().Select(i => i!.GetValue<int>()), Is.EqualTo(Enumerable.Range(0, 100)));
        Assert.That(Text(shipment["Codes"]!, "truncated"), Is.EqualTo("50 more items (at most 100)"));
        Assert.That(shipment.AsObject().ContainsKey("Missing") && shipment["Missing"] is null, Is.True, "a null field is written as null");
        Assert.That(Text(shipment, "ApiKey"), Is.EqualTo("[redacted]"));
        Assert.That(shipment["Extra"]!.AsObject().Count(p => p.Key.StartsWith('f')), Is.EqualTo(20));
        Assert.That(Text(shipment["Extra"]!, "truncated"), Is.EqualTo("5 more fields (at most 20)"));
        Assert.That(snapshot["args"]!["copies"]!.GetValue<int>(), Is.EqualTo(2));
        Assert.That(Text(snapshot["args"]!, "password"), Is.EqualTo("[redacted]"));
        Assert.That(Text(snapshot["locals"]!, "label"), Is.EqualTo("7-2"));
        Assert.That(snapshot["locals"]!["weight"]!.GetValue<double>(), Is.EqualTo(3.75));
        Assert.That(Text(snapshot, "result"), Is.EqualTo("7-2/3.75"));
        Assert.That(snapshot["exception"], Is.Null);
        var stack = snapshot["stack"]!.AsArray().Select(f => f!.GetValue<string>()).ToList();
        Assert.That(stack[0], Does.Match(@"^Sample\.Shipping\.Ship \(Shipping\.cs:\d+\)$"));
        Assert.That(stack, Has.Some.StartsWith("Sample.Commands.Run (Commands.cs:"));

        var fromWatch = JsonNode.Parse(watched)!["Properties"]!;
        Assert.That(Text(fromWatch, "Kind"), Is.EqualTo("snapshot"));
        Assert.That(fromWatch["Snapshot"]!["args"]!["copies"]!.GetValue<int>(), Is.EqualTo(2));
        Assert.That(Text(fromWatch["Snapshot"]!["locals"]!, "label"), Is.EqualTo("7-2"));
        foreach (var line in call.Lines.Concat(watch.Output))
        {
            Assert.That(s_secrets.Where(s => line.Contains(s, StringComparison.Ordinal)), Is.Empty, line);
        }
    }

    [Test]
    public void ASnapshotOfOneValueFollowsReferencesAsDeepAsCustomDepthSays()
    {
        using var specs = new SpecFile()
            .Add("to", Ship, "shipment.To", type: "snapshot", custom: new JsonObject { ["depth"] = 1 })
            .Add("bad-depth", Ship, "shipment", type: "snapshot", custom: new JsonObject { ["depth"] = 50 })
            .Save();
        using var app = TargetApp.Start(runtime, mode, specs.Path);
        Assert.That(specs.WaitApplied(app.Pid, "to"), Is.Null);

        var error = specs.WaitApplied(app.Pid, "bad-depth");
        var call = app.Send("ship 8 1 x");

        Assert.That(error, Does.Contain("'instrument.custom.depth' must be a whole number from 1 to 10 (how deep a snapshot follows references), got 50"));
        Assert.That(call.Snapshots, Is.EqualTo(new[]
        {
            """{"probe":"to","value":{"$type":"Sample.Address","City":"Lyon","Location":{"$type":"Sample.Geo","truncated":"depth 1 reached (custom.depth)"}}}""",
        }));
        Assert.That(call.Result, Is.EqualTo("= 8-1/3.75"));
    }

    [Test]
    public void CallAndReturnSnapshotsShowThisAndTheArgumentsAndAThrowShowsTheExceptionAndTheDefaultResult()
    {
        using var specs = new SpecFile()
            .Add("call", "Sample.Calculator.Add13", "snapshot", type: "snapshot", @event: "call")
            .Add("throws", "Sample.Calculator.Divide", "snapshot", type: "snapshot")
            .Save();
        using var app = TargetApp.Start(runtime, mode, specs.Path);
        Assert.That(specs.WaitApplied(app.Pid, "call"), Is.Null);
        Assert.That(specs.WaitApplied(app.Pid, "throws"), Is.Null);

        var add = JsonNode.Parse(app.Send("add13 5").Snapshots.Single())!;
        var divide = app.Send("divide 1 0");
        var thrown = JsonNode.Parse(divide.Snapshots.Single())!;

        Assert.That(Text(add["this"]!, "$type"), Is.EqualTo("Sample.Calculator"));
        Assert.That(add["args"]!.ToJsonString(), Is.EqualTo("""{"arg":5}"""));
        Assert.That(add.AsObject().ContainsKey("result") || add.AsObject().ContainsKey("exception"), Is.False, "a call event has no result");
        Assert.That(Text(thrown, "event"), Is.EqualTo("return"));
        Assert.That(thrown["args"]!.ToJsonString(), Is.EqualTo("""{"a":1,"b":0}"""));
        Assert.That(thrown["result"]!.GetValue<int>(), Is.EqualTo(0));
        Assert.That(Text(thrown["exception"]!, "$type"), Is.EqualTo("System.DivideByZeroException"));
        Assert.That(Text(thrown["exception"]!, "message"), Is.EqualTo("cannot divide 1 by zero"));
        Assert.That(divide.Result, Does.StartWith("! DivideByZeroException: cannot divide 1 by zero"), "the exception goes on unchanged");
    }

    private static string Text(JsonNode node, string name) => node[name]?.GetValue<string>() ?? throw new AssertionException($"no '{name}' in {node.ToJsonString()}");

    private static string Pid(TargetApp app) => app.Pid.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
