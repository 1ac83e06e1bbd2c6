namespace Diagnose.Expressions;

/// <summary>A lambda bound with given parameter types inside a given outer scope (the binder caches these).</summary>
internal sealed class LambdaKey(LambdaSyntax lambda, LambdaScope? scope, Type[] types) : IEquatable<LambdaKey>
{
    private readonly LambdaSyntax lambda = lambda;
    private readonly LambdaScope? scope = scope;
    private readonly Type[] types = types;

    public bool Equals(LambdaKey? other) =>
        other is not null && ReferenceEquals(other.lambda, lambda) && ReferenceEquals(other.scope, scope) &&
        other.types.AsSpan().SequenceEqual(types);

    public override bool Equals(object? obj) => Equals(obj as LambdaKey);

    public override int GetHashCode() =>
        HashCode.Combine(System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(lambda), types.Length > 0 ? types[0] : null);
}
