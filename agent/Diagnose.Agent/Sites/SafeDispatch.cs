namespace Diagnose.Sites;

/// <summary>
/// The one place where instrument errors are caught (compiled handlers call it from their catch blocks): the
/// instrument is disabled, its owner told, and the probed method goes on as if nothing happened.
/// </summary>
internal static class SafeDispatch
{
    public static void Fail(Instrument instrument, Exception error)
    {
        try
        {
            instrument.Fail(Describe(error));
            AgentLog.Warning($"instrument '{instrument.Name}' disabled: {Describe(error)}");
        }
        catch (Exception)
        {
            // Reporting must not throw into the probed method either.
        }
    }

    /// <summary>An error that belongs to every instrument of a site (e.g. its task cannot be observed).</summary>
    public static void FailAll(Instrument[] instruments, Exception error)
    {
        foreach (var instrument in instruments)
        {
            Fail(instrument, error);
        }
    }

    public static string Describe(Exception error) => error switch
    {
        InstrumentException or Expressions.ExpressionException or DiagnoseException => error.Message,
        System.Reflection.TargetInvocationException { InnerException: { } inner } => Describe(inner),
        _ => $"{error.GetType().Name}: {error.Message}",
    };
}
