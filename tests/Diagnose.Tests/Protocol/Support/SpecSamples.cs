namespace Diagnose.Tests.Protocol.Support;

/// <summary>Spec documents as diagnose users write them, for tests to read.</summary>
internal static class SpecSamples
{
    /// <summary>
    /// Three specs: a log on return with tags and a condition, a histogram on call with a fractional lifespan and a
    /// Python-style naive timestamp, an increment that never expires; unknown keys at every level, another process's
    /// applied entry, and a number written as 10.0. Compact, as <c>SpecSet.ToJson(indented: false)</c> writes it.
    /// </summary>
    internal const string Compact =
        """{"instr-1":{"target":"MyApp.Billing.Invoice.Total","instrument":{"type":"log","name":"myapp.total","value":"result","event":"return","custom":{"tags":"new { customer = this.CustomerId }","condition":"result > 1000","owner":"billing-team"}},"lifespan":10.0,"lastmodified":"2026-11-22T10:00:00Z","applied":{"web-1:4242":{"lm":"2026-11-22T10:00:00Z","err":null}},"note":"ticket OPS-17"},"instr-2":{"target":"MyApp.Orders.OrderService.Place(MyApp.Orders.Order)","instrument":{"type":"hist","name":"orders.place.lines","value":"order.Lines.Count","event":"call","custom":{},"sample":0.25},"lifespan":2.5,"lastmodified":"2026-11-22T09:58:31.123456","applied":{}},"instr-3":{"target":"MyApp.Cache`1.Get","instrument":{"type":"incr","name":"cache.get","value":"1","event":"return","custom":{"tags":"[\"region:eu\", \"cache:\" + key]"}},"lifespan":null,"lastmodified":"2026-11-21 17:30:00","applied":{"web-1:4242":{"lm":"2026-11-21 17:30:00","err":"Error: type 'MyApp.Cache`1' was not found"},"web-2:99":{"lm":"2026-11-20T08:00:00Z","err":null,"seen":3}}}}""";

    /// <summary>The one spec of SPEC.md, indented as people write it by hand.</summary>
    internal const string Readme =
        """
        {
          "instr-1": {
            "target": "MyApp.Billing.Invoice.Total",
            "instrument": {"type": "log", "name": "myapp.total", "value": "result", "event": "return", "custom": {}},
            "lifespan": 10,
            "lastmodified": "2026-11-22T10:00:00Z",
            "applied": {}
          }
        }
        """;

    /// <summary>One valid spec with the given id and target, lifespan 10 from 2026-11-22T10:00:00Z.</summary>
    internal static string One(string id, string target = "MyApp.Billing.Invoice.Total") =>
        """
        {"@id": {"target": "@target",
          "instrument": {"type": "log", "name": "@id", "value": "result", "event": "return", "custom": {}},
          "lifespan": 10, "lastmodified": "2026-11-22T10:00:00Z", "applied": {}}}
        """.Replace("@id", id).Replace("@target", target);

    /// <summary>A minimal valid spec value (no lifespan, no timestamp) for <paramref name="target"/>.</summary>
    internal static string Body(string target) =>
        $$$"""{"target": "{{{target}}}", "instrument": {"type": "log", "name": "n", "value": "result"}}""";
}
