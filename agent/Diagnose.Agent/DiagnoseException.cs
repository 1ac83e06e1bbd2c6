namespace Diagnose;

/// <summary>A failure Diagnose reports to its user: a target that cannot be found or probed, a bad spec, an unreachable profiler.</summary>
public class DiagnoseException : Exception
{
    public DiagnoseException(string message)
        : base(message)
    {
    }

    public DiagnoseException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
