namespace Sample;

/// <summary>
/// A target that knows nothing of Diagnose. It reads one command per line on stdin and prints one result line per
/// command (so tests can drive it), or with --serve it works on its own until stopped (for the demo).
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        Console.Out.Flush();
        Console.WriteLine($"ready {Environment.ProcessId} .NET {Environment.Version}");
        return args.Contains("--serve") ? Serve() : Commands();
    }

    private static int Commands()
    {
        var calculator = new Calculator();
        var checkout = new Checkout();
        var cache = new Cache<int>();
        string? line;
        while ((line = Console.ReadLine()) is not null)
        {
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 0)
            {
                continue;
            }

            if (parts[0] == "exit")
            {
                return parts.Length > 1 ? int.Parse(parts[1]) : 0;
            }

            try
            {
                Console.WriteLine($"= {Run(parts, calculator, checkout, cache)}");
            }
            catch (Exception e)
            {
                Console.WriteLine($"! {e.GetType().Name}: {e.Message} @ {e.StackTrace?.Split('\n')[0].Trim()}");
            }
        }

        return 0;
    }

    private static string Run(string[] p, Calculator calculator, Checkout checkout, Cache<int> cache) => p[0] switch
    {
        "add13" => calculator.Add13(int.Parse(p[1])).ToString(),
        "greet" => calculator.Greet(p[1], int.Parse(p[2])),
        "divide" => calculator.Divide(int.Parse(p[1]), int.Parse(p[2])).ToString(),
        "square" => Calculator.Square(long.Parse(p[1])).ToString(),
        "remember" => Remember(calculator, p[1]),
        "classify" => Calculator.Classify(int.Parse(p[1])),
        "submit" => checkout.Submit(new Order(int.Parse(p[1]), new Customer(p[2], p[3]), decimal.Parse(p[4]))).ToString(),
        "price" => checkout.Price(int.Parse(p[1]), new Money(long.Parse(p[2]), "EUR")).ToString(),
        "area" => ((Shape)new Circle(double.Parse(p[1]))).Area().ToString("0.###"),
        "describe" => ((Shape)new Circle(double.Parse(p[1]))).Describe(),
        "hello" => ((IGreeter)new PoliteGreeter()).Hello(p[1]),
        "cache" => CacheGet(cache, p[1], int.Parse(p[2])),
        "first" => Generic.First<string>(p.Skip(1).ToList(), "none") + "," + Generic.First<int>(p.Skip(1).Select(int.Parse).ToList(), -1),
        "fib" => Generic.Fib(int.Parse(p[1])).ToString(),
        "guarded" => Handlers.Guarded(int.Parse(p[1])),
        "long" => Handlers.Long(int.Parse(p[1])).ToString(),
        "hot" => Hot.Loop(int.Parse(p[1])).ToString(),
        "warm" => Warm(int.Parse(p[1])),
        _ => throw new ArgumentException($"unknown command '{p[0]}'"),
    };

    private static string Remember(Calculator calculator, string note)
    {
        calculator.Remember(note);
        return calculator.LastNote ?? "null";
    }

    private static string CacheGet(Cache<int> cache, string key, int value)
    {
        var before = cache.Get(key, -1);
        cache.Put(key, value);
        return $"{before}->{cache.Get(key, -1)}";
    }

    /// <summary>Runs the hot loop long enough for tiering to compile it at tier 1 with Small inlined.</summary>
    private static string Warm(int rounds)
    {
        long sum = 0;
        for (var i = 0; i < rounds; i++)
        {
            sum += Hot.Loop(1000);
        }

        Thread.Sleep(500); // let the tiering background thread install the tier-1 code
        for (var i = 0; i < rounds; i++)
        {
            sum += Hot.Loop(1000);
        }

        return sum.ToString();
    }

    private static int Serve()
    {
        var checkout = new Checkout();
        var calculator = new Calculator();
        var regions = new[] { "eu", "us", "apac" };
        for (var i = 1; ; i++)
        {
            var order = new Order(i, new Customer($"customer{i % 5}", regions[i % 3]), 10m * (i % 17) + 0.99m);
            checkout.Submit(order);
            calculator.Add13(i);
            if (i % 10 == 0)
            {
                Console.WriteLine($"served {i} orders");
            }

            Thread.Sleep(200);
        }
    }
}
