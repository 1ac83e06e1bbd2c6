namespace Sample;

/// <summary>The commands a test can send a target, one per line: "add13 5" → "= 18", or "! Type: message @ frame".</summary>
public static class Commands
{
    private static readonly Calculator s_calculator = new();
    private static readonly Checkout s_checkout = new();
    private static readonly Cache<int> s_cache = new();

    /// <summary>Runs one command line and returns the line to print.</summary>
    public static string Execute(string[] p)
    {
        try
        {
            return $"= {Run(p, s_calculator, s_checkout, s_cache)}";
        }
        catch (Exception e)
        {
            return $"! {e.GetType().Name}: {e.Message} @ {e.StackTrace?.Split('\n')[0].Trim()}";
        }
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
        "steps" => Hot.Steps(int.Parse(p[1])).ToString(),
        "warm" => Warm(int.Parse(p[1])),
        "locals" => Locals.Compute(int.Parse(p[1])),
        "risky" => Locals.Risky(p[1]),
        "work" => Slow.Work(int.Parse(p[1])).ToString(),
        "heat" => Heat.Repeat(int.Parse(p[1])).ToString(),
        "heat-scale" => $"{Heat.Scale(int.Parse(p[1]))},{Heat.Scale(double.Parse(p[1]))}",
        "timed" => Slow.Timed(int.Parse(p[1])).ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        "fetch" => Fetch.GetAsync(int.Parse(p[1])).GetAwaiter().GetResult().ToString(),
        "fail" => Await(Fetch.FailAsync(int.Parse(p[1]))),
        "trace" => Traces.Capture(p[1]),
        "label" => Fetch.LabelAsync(int.Parse(p[1])).AsTask().GetAwaiter().GetResult(),
        "countdown" => string.Join(",", Iterators.Countdown(int.Parse(p[1]))),
        "countdown-async" => string.Join(",", Iterators.CountdownAsync(int.Parse(p[1])).ToBlockingEnumerable()),
        "fire" => FireAndWait(int.Parse(p[1])),
        "max" => $"{Constrained.Max(int.Parse(p[1]), int.Parse(p[2]))},{Constrained.Max(p[1], p[2])}",
        "describe-class" => Constrained.Describe(p[1]),
        "or-default" => Constrained.OrDefault<int>(p.Length > 1 ? int.Parse(p[1]) : null).ToString(),
        "shelf" => new Shelf()[int.Parse(p[1])],
        "vector" => (new Vector(int.Parse(p[1]), int.Parse(p[2])) + new Vector(1, 1)).ToString(),
        "dot" => new Vector(int.Parse(p[1]), int.Parse(p[2])).Dot(new Vector(2, 3)).ToString(),
        "scale" => Vector.Scale(new Vector(int.Parse(p[1]), int.Parse(p[2])), 3).ToString(),
        "half" => ByRef.TryHalf(int.Parse(p[1]), out var half) + "," + half,
        "increment" => Increment(int.Parse(p[1]), int.Parse(p[2])),
        "slot" => (ByRef.Slot(int.Parse(p[1])) += 1).ToString(),
        "span" => ByRef.SumSpan(p.Skip(1).Select(int.Parse).ToArray()).ToString(),
        "pointer" => Pointer(int.Parse(p[1])),
        "stack" => ByRef.Stack(int.Parse(p[1])).ToString(),
        "params" => Arguments.Count(p[1], p.Skip(2).Select(int.Parse).ToArray()).ToString(),
        "optional" => p.Length > 2 ? Arguments.Greet(p[1], p[2]) : Arguments.Greet(p[1]),
        "shout" => ((IShouter)new Shouter()).Shout(p[1]),
        "whisper" => ((IShouter)new Shouter()).Whisper(p[1]),
        "squares" => Closures.SumOfSquares(int.Parse(p[1])).ToString(),
        "adder" => Closures.Adder(int.Parse(p[1]))(int.Parse(p[2])).ToString(),
        "shouted" => p[1].Shouted(),
        "point" => new Point(int.Parse(p[1]), int.Parse(p[2])).Length.ToString("0.###"),
        "nested" => Deep.Nested(int.Parse(p[1])),
        "pid" => Native.getpid().ToString(),
        "registry" => Registry.Names,
        "join" => string.Join("+", p.Skip(1)),
        "concat" => string.Concat(p[1], p[2]), // String.Concat's precompiled code has String.IsNullOrEmpty inlined
        "json" => System.Text.Json.JsonSerializer.Serialize(new Point(int.Parse(p[1]), int.Parse(p[2]))),
        "il" => IlShape(p[1], int.Parse(p[2])),
        "login" => Login(p[1], p[2]),
        "lines-async" => Lines.TotalAsync(int.Parse(p[1])).GetAwaiter().GetResult().ToString(),
        "lines-iterator" => string.Join(",", Lines.Evens(int.Parse(p[1]))),
        "lines-lambda" => Lines.Doubled(p.Skip(1).Select(int.Parse).ToArray()).ToString(),
        "lines-pick" => $"{Lines.Pick(p[1], p[2], p[3] == "second")},{Lines.Pick(int.Parse(p[4]), int.Parse(p[5]), p[3] == "second")}",
        "lines-guarded" => Lines.Guarded(int.Parse(p[1])),
        "ship" => Shipping.Ship(Shipping.Make(int.Parse(p[1])), int.Parse(p[2]), p[3]),
        "charge" => new Store(p[1]).Charge(decimal.Parse(p[2], System.Globalization.CultureInfo.InvariantCulture)).ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => throw new ArgumentException($"unknown command '{p[0]}'"),
    };

    private static System.Reflection.Assembly? s_ilShapes;

    /// <summary>Calls IlShapes.Shapes.&lt;method&gt;(arg) from IlShapes.dll next to this program (written by tests/targets/IlShapes).</summary>
    private static string IlShape(string method, int arg)
    {
        s_ilShapes ??= System.Reflection.Assembly.LoadFrom(Path.Combine(AppContext.BaseDirectory, "IlShapes.dll"));
        var type = s_ilShapes.GetType("IlShapes.Shapes", throwOnError: true)!;
        if (method == "faults")
        {
            return type.GetField("Faults")!.GetValue(null)!.ToString()!;
        }

        var parameters = type.GetMethod(method)!.GetParameters().Length == 2 ? new object[] { arg, 0 } : new object[] { arg };
        try
        {
            return type.GetMethod(method)!.Invoke(null, parameters)!.ToString()!;
        }
        catch (System.Reflection.TargetInvocationException e) when (e.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerException).Throw();
            throw;
        }
    }

    /// <summary>"login bob hunter2": a login with a password, an Authorization header, a license key and an employee id.</summary>
    private static string Login(string user, string password)
    {
        var headers = new Dictionary<string, string> { ["Authorization"] = "Bearer tok-abc123", ["Accept"] = "json" };
        return new Auth().Login(user, password, new LoginRequest(user, password), headers, new Secrets.LicenseKey("lic-7777"), "emp-4242");
    }

    private static string FireAndWait(int delay)
    {
        var before = AsyncVoid.Completed;
        AsyncVoid.Fire(delay);
        Thread.Sleep(delay + 200);
        return (AsyncVoid.Completed - before).ToString();
    }

    private static string Increment(int start, int by)
    {
        var counter = start;
        ByRef.Increment(ref counter, by);
        return counter.ToString();
    }

    private static unsafe string Pointer(int value)
    {
        var local = value;
        return ByRef.ReadPointer(&local).ToString();
    }

    private static string Await(Task task)
    {
        task.GetAwaiter().GetResult();
        return "done";
    }

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

    /// <summary>
    /// Calls the hot loop in bursts with pauses, long enough for tiering to install its tier-1 code (Small inlined):
    /// call counting starts once the process has been quiet for the tiering delay, and promotion runs in the background.
    /// </summary>
    private static string Warm(int rounds)
    {
        long sum = 0;
        for (var round = 0; round < rounds; round++)
        {
            for (var i = 0; i < 40; i++)
            {
                sum += Hot.Loop(100);
            }

            Thread.Sleep(150);
        }

        return sum.ToString();
    }

}
