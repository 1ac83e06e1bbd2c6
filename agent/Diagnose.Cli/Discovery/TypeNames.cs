using System.Text;
using dnlib.DotNet;

namespace Diagnose.Cli.Discovery;

/// <summary>
/// Types as C# writes them (<c>int</c>, <c>List&lt;string&gt;</c>, <c>Outer+Inner</c>, <c>ref Order</c>): the spelling the
/// agent's target resolver accepts in a parameter list, so a listed overload can be pasted into <c>probe add</c>.
/// </summary>
internal static class TypeNames
{
    private static readonly Dictionary<string, string> s_keywords = new(StringComparer.Ordinal)
    {
        ["System.Boolean"] = "bool",
        ["System.Byte"] = "byte",
        ["System.SByte"] = "sbyte",
        ["System.Char"] = "char",
        ["System.Int16"] = "short",
        ["System.UInt16"] = "ushort",
        ["System.Int32"] = "int",
        ["System.UInt32"] = "uint",
        ["System.Int64"] = "long",
        ["System.UInt64"] = "ulong",
        ["System.Single"] = "float",
        ["System.Double"] = "double",
        ["System.Decimal"] = "decimal",
        ["System.String"] = "string",
        ["System.Object"] = "object",
        ["System.IntPtr"] = "nint",
        ["System.UIntPtr"] = "nuint",
        ["System.Void"] = "void",
    };

    /// <summary>The C# spelling of <paramref name="type"/>; generic parameters by the names <paramref name="method"/> gives them.</summary>
    public static string Of(TypeSig? type, MethodDef method) => Spell(type, method, new Style(Full: false, Keywords: true));

    /// <summary>
    /// Every way the agent accepts <paramref name="type"/> written in a target's parameter list (keyword or not, with
    /// namespace or not), normalised by <see cref="Normalize"/>.
    /// </summary>
    public static IReadOnlySet<string> Spellings(TypeSig? type, MethodDef method)
    {
        var styles = new[] { new Style(false, true), new Style(true, true), new Style(false, false), new Style(true, false) };
        var spellings = styles.Select(s => Normalize(Spell(type, method, s))).ToHashSet(StringComparer.Ordinal);
        if (type?.RemovePinnedAndModifiers() is { } plain)
        {
            spellings.Add(Normalize(plain.ReflectionFullName));
        }

        return spellings;
    }

    /// <summary>As the agent compares them: <c>ref T</c>, <c>out T</c>, <c>in T</c> as <c>T&amp;</c>, no spaces but ", ".</summary>
    public static string Normalize(string written)
    {
        var text = written.Trim();
        foreach (var prefix in new[] { "ref ", "out ", "in " })
        {
            if (text.StartsWith(prefix, StringComparison.Ordinal))
            {
                text = text[prefix.Length..].Trim() + "&";
            }
        }

        return string.Concat(text.Where(c => !char.IsWhiteSpace(c))).Replace(",", ", ");
    }

    private static string Spell(TypeSig? type, MethodDef method, Style style)
    {
        var builder = new StringBuilder();
        Append(builder, type, method, style);
        return builder.ToString();
    }

    private static void Append(StringBuilder builder, TypeSig? type, MethodDef method, Style style)
    {
        type = type?.RemovePinnedAndModifiers();
        switch (type)
        {
            case null:
                builder.Append('?');
                return;
            case ByRefSig byRef:
                builder.Append("ref ");
                Append(builder, byRef.Next, method, style);
                return;
            case SZArraySig or ArraySig or PtrSig:
                Append(builder, type.Next, method, style);
                builder.Append(type is PtrSig ? "*" : type is ArraySig array ? $"[{new string(',', (int)Math.Max(array.Rank, 1) - 1)}]" : "[]");
                return;
            case GenericVar variable:
                builder.Append(GenericName(method.DeclaringType.GenericParameters, variable.Number, "T"));
                return;
            case GenericMVar variable:
                builder.Append(GenericName(method.GenericParameters, variable.Number, "M"));
                return;
            case GenericInstSig instance:
                AppendNamed(builder, instance.GenericType?.TypeDefOrRef, instance.GenericArguments, method, style);
                return;
            case TypeDefOrRefSig named:
                AppendNamed(builder, named.TypeDefOrRef, [], method, style);
                return;
            case FnPtrSig:
                builder.Append("nint");
                return;
            default:
                builder.Append(type.TypeName);
                return;
        }
    }

    private static void AppendNamed(StringBuilder builder, ITypeDefOrRef? type, IList<TypeSig> arguments, MethodDef method, Style style)
    {
        if (type is null)
        {
            builder.Append('?');
            return;
        }

        if (style.Keywords && arguments.Count == 0 && s_keywords.TryGetValue(type.FullName, out var keyword))
        {
            builder.Append(keyword);
            return;
        }

        // An inner type's own arguments come after its outer types' ones (metadata repeats those on the inner type).
        var outer = type.DeclaringType;
        var outerArity = outer is null ? 0 : Arity(outer);
        if (outer is not null)
        {
            AppendNamed(builder, outer, arguments.Take(outerArity).ToList(), method, style);
            builder.Append('+');
        }
        else if (style.Full && type.Namespace.Length > 0)
        {
            builder.Append(type.Namespace).Append('.');
        }

        var name = type.Name.String;
        var tick = name.IndexOf('`');
        builder.Append(tick >= 0 ? name[..tick] : name);
        var own = arguments.Skip(outerArity).ToList();
        if (own.Count > 0)
        {
            builder.Append('<');
            for (var i = 0; i < own.Count; i++)
            {
                builder.Append(i == 0 ? "" : ", ");
                Append(builder, own[i], method, style);
            }

            builder.Append('>');
        }
    }

    private static int Arity(ITypeDefOrRef type)
    {
        var total = 0;
        for (var t = type; t is not null; t = t.DeclaringType)
        {
            var name = t.Name.String;
            var tick = name.IndexOf('`');
            total += tick >= 0 && int.TryParse(name[(tick + 1)..], out var n) ? n : 0;
        }

        return total;
    }

    /// <summary>With namespaces or not, C# keywords or not.</summary>
    private readonly record struct Style(bool Full, bool Keywords);

    private static string GenericName(IList<GenericParam> parameters, uint number, string fallback) =>
        number < parameters.Count ? parameters[(int)number].Name.String : fallback + number;
}
