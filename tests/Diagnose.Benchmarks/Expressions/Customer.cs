namespace Diagnose.Benchmarks.Expressions;

public sealed class Customer
{
    public Customer(string region)
    {
        Region = region;
    }

    public string Region { get; }
}
