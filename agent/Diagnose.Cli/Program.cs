namespace Diagnose.Cli;

internal static class Program
{
    private static int Main(string[] args)
    {
        Console.Error.WriteLine("diagnose: no commands yet");
        return 2;
    }
}
