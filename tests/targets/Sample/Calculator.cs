namespace Sample;

/// <summary>Plain instance and static methods: value and reference parameters and results.</summary>
public class Calculator
{
    public int Add13(int arg) => arg + 13;

    public string Greet(string name, int times)
    {
        var text = string.Empty;
        for (var i = 0; i < times; i++)
        {
            text += name;
        }

        return text;
    }

    public int Divide(int a, int b)
    {
        if (b == 0)
        {
            throw new DivideByZeroException($"cannot divide {a} by zero");
        }

        return a / b;
    }

    public static long Square(long x) => x * x;

    public void Remember(string note) => LastNote = note;

    public string? LastNote { get; private set; }

    /// <summary>Several returns.</summary>
    public static string Classify(int n)
    {
        if (n < 0)
        {
            return "negative";
        }

        if (n == 0)
        {
            return "zero";
        }

        return n % 2 == 0 ? "even" : "odd";
    }
}
