namespace Sample;

/// <summary>
/// A target that knows nothing of Diagnose. It reads one command per line on stdin and prints one result line per
/// command (so tests can drive it), or with --serve it works on its own until stopped, one order every 200 ms or
/// every --period ms (for the demo and build/latency.sh).
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        Console.Out.Flush();
        Console.WriteLine($"ready {Environment.ProcessId} .NET {Environment.Version}");
        var period = Array.IndexOf(args, "--period") is var at and >= 0 ? int.Parse(args[at + 1]) : 200;
        return args.Contains("--serve") ? Serve(period) : CommandLoop.Run(_ => null);
    }

    private static int Serve(int periodMs)
    {
        var checkout = new Checkout();
        var calculator = new Calculator();
        var regions = new[] { "eu", "us", "apac" };
        for (var i = 1; ; i++)
        {
            var order = new Order(i, new Customer($"customer{i % 5}", regions[i % 3]), 10m * (i % 17) + 0.99m);
            checkout.Submit(order);
            calculator.Add13(i);
            if (i % Math.Max(1, 2000 / Math.Max(1, periodMs)) == 0)
            {
                Console.WriteLine($"served {i} orders");
            }

            Thread.Sleep(periodMs);
        }
    }
}
