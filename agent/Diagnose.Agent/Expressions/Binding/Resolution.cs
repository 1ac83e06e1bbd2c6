using System.Linq.Expressions;
using System.Reflection;

namespace Diagnose.Expressions;

/// <summary>The chosen overload and its final arguments (converted, params array built, defaults filled in).</summary>
internal sealed record Resolution(MethodBase Method, IReadOnlyList<Expression> Arguments);
