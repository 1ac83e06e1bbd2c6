using System.Text.Json;
using System.Text.Json.Serialization;
using BenchmarkDotNet.Attributes;
using Diagnose.Redaction;
using Diagnose.Snapshots;

namespace Diagnose.Benchmarks.Snapshots;

/// <summary>
/// What one snapshot costs (issue 12): an order with a customer, an address and 20 lines, read field by field within
/// the limits, redacted, against the same graph written by hand with System.Text.Json (getters, cycles ignored, the
/// same depth), which is what a developer would log instead. Snapshots are 1 a second by default; a call dropped by
/// that limit costs what GuardrailBenchmarks measures.
/// </summary>
[MemoryDiagnoser]
public class SnapshotBenchmarks
{
    private static readonly JsonSerializerOptions s_options = new() { ReferenceHandler = ReferenceHandler.IgnoreCycles, MaxDepth = 4, IncludeFields = true };
    private readonly Redactor _redactor = new(RedactionSettings.None);
    private readonly Order _order = Order.Make();

    [Benchmark(Baseline = true)]
    public string HandWrittenJson() => JsonSerializer.Serialize(_order, s_options);

    [Benchmark]
    public string Snapshot() => SnapshotWriter.Write("bench", _order, SnapshotLimits.Default, _redactor);

    public sealed class Order
    {
        public int Id { get; set; }

        public Customer? Customer { get; set; }

        public List<Line> Lines { get; set; } = new();

        public decimal Total { get; set; }

        public static Order Make()
        {
            var order = new Order { Id = 42, Customer = new Customer { Name = "Ada", Address = new Address { City = "Lyon", Street = "1 rue de la République" } }, Total = 123.45m };
            for (var i = 0; i < 20; i++)
            {
                order.Lines.Add(new Line { Sku = $"SKU-{i:000}", Quantity = i + 1, Price = 2.5m * i, Order = order });
            }

            return order;
        }
    }

    public sealed class Customer
    {
        public string Name { get; set; } = "";

        public Address? Address { get; set; }
    }

    public sealed class Address
    {
        public string City { get; set; } = "";

        public string Street { get; set; } = "";
    }

    public sealed class Line
    {
        public string Sku { get; set; } = "";

        public int Quantity { get; set; }

        public decimal Price { get; set; }

        public Order? Order { get; set; }
    }
}
