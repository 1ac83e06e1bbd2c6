using System.Numerics;
using System.Reflection;

namespace Diagnose.Expressions;

/// <summary>
/// The one place that decides what an expression may call or create in restricted mode (the default): members that
/// only read. Field reads and property getters (indexers too) are always allowed and never come here. Allowed:
/// ToString/Equals/GetHashCode/GetType/CompareTo on anything; every public method of string (except the few that
/// write into arguments), Math, MathF, Convert, the primitive types, decimal, Guid, DateTime, DateTimeOffset,
/// TimeSpan, DateOnly, TimeOnly, Enum, Nullable, KeyValuePair, tuples and System.Linq.Enumerable; the reading
/// methods of System.Collections* types and arrays (Contains, ContainsKey, IndexOf…); the public methods of types
/// marked <see cref="ContextValueAttribute"/>. Everything else, notably System.IO, System.Net, System.Reflection,
/// Process, Activator, Environment's setters and Exit, threads and tasks, is refused.
/// The sandbox (<see cref="Sandbox"/>) comes first, for reads too: what reads the environment, configuration or the
/// file system layout is refused even where it only reads.
/// </summary>
internal static class AllowList
{
    private static readonly HashSet<string> OnAnything = ["ToString", "Equals", "GetHashCode", "GetType", "CompareTo"];

    private static readonly HashSet<Type> PureTypes =
    [
        typeof(string), typeof(Math), typeof(MathF), typeof(Convert), typeof(Enumerable), typeof(Enum), typeof(object),
        typeof(bool), typeof(char), typeof(sbyte), typeof(byte), typeof(short), typeof(ushort), typeof(int), typeof(uint),
        typeof(long), typeof(ulong), typeof(nint), typeof(nuint), typeof(float), typeof(double), typeof(decimal), typeof(Half),
        typeof(BigInteger), typeof(Guid), typeof(DateTime), typeof(DateTimeOffset), typeof(TimeSpan), typeof(DateOnly),
        typeof(TimeOnly), typeof(Version), typeof(Index), typeof(Range), typeof(Nullable), typeof(Tuple), typeof(ValueTuple),
        typeof(StringComparer), typeof(Uri),
    ];

    private static readonly HashSet<Type> PureGenericTypes =
    [
        typeof(Nullable<>), typeof(KeyValuePair<,>), typeof(Tuple<>), typeof(Tuple<,>), typeof(Tuple<,,>), typeof(Tuple<,,,>),
        typeof(ValueTuple<>), typeof(ValueTuple<,>), typeof(ValueTuple<,,>), typeof(ValueTuple<,,,>),
    ];

    // Members of otherwise pure types that write into their arguments or into shared state.
    private static readonly HashSet<string> Writers = ["CopyTo", "TryCopyTo", "Intern", "TryFormat", "TryWriteBytes"];

    private static readonly HashSet<string> CollectionReads =
    [
        "Contains", "ContainsKey", "ContainsValue", "IndexOf", "LastIndexOf", "BinarySearch", "Exists", "Find", "FindAll",
        "FindIndex", "FindLast", "FindLastIndex", "TrueForAll", "ConvertAll", "GetRange", "ToArray", "Peek", "GetValueOrDefault",
        "IsSubsetOf", "IsSupersetOf", "IsProperSubsetOf", "IsProperSupersetOf", "Overlaps", "SetEquals", "AsReadOnly",
        "GetValue", "GetLength", "GetLowerBound", "GetUpperBound",
    ];

    private static readonly HashSet<Type> CreatableTypes =
    [
        typeof(DateTime), typeof(DateTimeOffset), typeof(TimeSpan), typeof(DateOnly), typeof(TimeOnly), typeof(Guid),
        typeof(decimal), typeof(Version), typeof(BigInteger), typeof(Index), typeof(Range),
    ];

    /// <summary>Whether restricted mode may call <paramref name="method"/>.</summary>
    public static bool IsAllowed(MethodBase method)
    {
        if (method is ConstructorInfo)
        {
            return IsCreationAllowed(method.DeclaringType!);
        }

        var type = method.DeclaringType!;
        if (!method.IsPublic || type.IsSubclassOf(typeof(Delegate)) || Sandbox.Refuses(method))
        {
            return false;
        }

        if (OnAnything.Contains(method.Name) || method.IsSpecialName && method.Name.StartsWith("get_", StringComparison.Ordinal))
        {
            return true;
        }

        if (Writers.Contains(method.Name))
        {
            return false;
        }

        var definition = type.IsGenericType ? type.GetGenericTypeDefinition() : type;
        if (PureTypes.Contains(type) || PureGenericTypes.Contains(definition) || type.IsDefined(typeof(ContextValueAttribute), false))
        {
            return true;
        }

        if (type == typeof(CollectionExtensions))
        {
            return method.Name is "GetValueOrDefault" or "AsReadOnly";
        }

        return IsCollection(type) && CollectionReads.Contains(method.Name);
    }

    /// <summary>Whether restricted mode may create an instance of <paramref name="type"/> with <c>new</c>.</summary>
    public static bool IsCreationAllowed(Type type) =>
        type.IsPrimitive || CreatableTypes.Contains(type) ||
        (type.IsGenericType && PureGenericTypes.Contains(type.GetGenericTypeDefinition()));

    public static ExpressionException CallRefused(MethodBase method, int position, BindContext context) =>
        context.Error($"calling '{TypeNames.Display(method)}' is not allowed ({(Sandbox.RefusesAsReader(method) ? Sandbox.Reason : "side effects")})", position);

    public static ExpressionException CreationRefused(Type type, int position, BindContext context) =>
        context.Error($"creating '{TypeNames.Display(type)}' is not allowed (side effects)", position);

    /// <summary>Throws in restricted mode when the call is not allowed.</summary>
    public static void CheckCall(MethodBase method, int position, BindContext context)
    {
        if (!context.Unrestricted && !IsAllowed(method))
        {
            throw method is ConstructorInfo ? CreationRefused(method.DeclaringType!, position, context) : CallRefused(method, position, context);
        }
    }

    /// <summary>
    /// Throws in restricted mode when reading the field, property or indexer <paramref name="member"/> would read the
    /// environment, configuration or file system layout (every other read is allowed).
    /// </summary>
    public static void CheckRead(MemberInfo member, int position, BindContext context)
    {
        if (!context.Unrestricted && Sandbox.Refuses(member))
        {
            throw context.Error($"reading '{TypeNames.Display(member)}' is not allowed ({Sandbox.Reason})", position);
        }
    }

    private static bool IsCollection(Type type) =>
        type.IsArray || type == typeof(Array) ||
        (type.Namespace?.StartsWith("System.Collections", StringComparison.Ordinal) == true &&
            typeof(System.Collections.IEnumerable).IsAssignableFrom(type));
}
