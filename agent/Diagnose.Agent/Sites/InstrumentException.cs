namespace Diagnose;

/// <summary>An instrument error whose message is meant for users as is (e.g. "Cannot send non-numeric metric: abc").</summary>
internal sealed class InstrumentException : Exception
{
    public InstrumentException(string message)
        : base(message)
    {
    }
}
