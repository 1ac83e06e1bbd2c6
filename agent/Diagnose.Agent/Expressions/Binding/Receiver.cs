using System.Linq.Expressions;

namespace Diagnose.Expressions;

/// <summary>
/// What the left of a '.' turned out to be: a value, a type (for static members and nested types) or a
/// namespace still being spelled out (<c>System.IO</c> in <c>System.IO.File</c>).
/// </summary>
internal readonly record struct Receiver(Expression? Value, Type? Type, string? Namespace, int Position)
{
    public static Receiver OfValue(Expression value, int position) => new(value, null, null, position);

    public static Receiver OfType(Type type, int position) => new(null, type, null, position);

    public static Receiver OfNamespace(string name, int position) => new(null, null, name, position);
}
