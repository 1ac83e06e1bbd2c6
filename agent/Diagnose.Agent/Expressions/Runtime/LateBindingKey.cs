namespace Diagnose.Expressions;

/// <summary>What a late-bound operation was compiled for: the operation, the mode and the run-time types.</summary>
internal sealed class LateBindingKey(string operation, bool unrestricted, Type target, Type?[] arguments)
    : IEquatable<LateBindingKey>
{
    private readonly string operation = operation;
    private readonly bool unrestricted = unrestricted;
    private readonly Type target = target;
    private readonly Type?[] arguments = arguments;

    public bool Equals(LateBindingKey? other) =>
        other is not null && other.operation == operation && other.unrestricted == unrestricted &&
        other.target == target && other.arguments.AsSpan().SequenceEqual(arguments);

    public override bool Equals(object? obj) => Equals(obj as LateBindingKey);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(operation);
        hash.Add(unrestricted);
        hash.Add(target);
        foreach (var argument in arguments)
        {
            hash.Add(argument);
        }

        return hash.ToHashCode();
    }
}
