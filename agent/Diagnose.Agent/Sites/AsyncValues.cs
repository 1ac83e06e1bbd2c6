using System.Linq.Expressions;

namespace Diagnose.Sites;

/// <summary>The parameters of an async site's completion handler: the awaited value and the fault.</summary>
internal sealed class AsyncValues
{
    public AsyncValues(Type awaited)
    {
        IsVoid = awaited == typeof(void);
        var type = IsVoid || awaited.ContainsGenericParameters ? typeof(object) : awaited;
        Result = Expression.Parameter(type, "awaited");
        Fault = Expression.Parameter(typeof(Exception), "fault");
    }

    public bool IsVoid { get; }

    public ParameterExpression Result { get; }

    public ParameterExpression Fault { get; }
}
