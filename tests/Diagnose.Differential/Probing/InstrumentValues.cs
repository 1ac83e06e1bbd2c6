using System.Reflection;

namespace Diagnose.Differential.Probing;

/// <summary>
/// What the two instruments of a probed method read. Plain: <c>args</c> on call, <c>result</c> on return
/// (<c>exception</c> when the method returns nothing). Rich (slower, allocates per call): also <c>this</c> on call,
/// and <c>result</c>, <c>exception</c> and <c>elapsed</c> (a start timestamp in the prologue) on return.
/// </summary>
internal sealed record InstrumentValues(string Call, string Return)
{
    public static InstrumentValues For(MethodBase method, bool rich)
    {
        var returnsValue = method is MethodInfo info && info.ReturnType != typeof(void);
        if (!rich)
        {
            return new InstrumentValues("args", returnsValue ? "result" : "exception");
        }

        return new InstrumentValues(
            method.IsStatic ? "args" : "new { args, target = this }",
            returnsValue ? "new { result, exception, elapsed }" : "new { exception, elapsed }");
    }
}
