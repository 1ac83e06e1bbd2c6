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
    public static string Of(TypeSig? type, MethodDef method)
    {
        var builder = new StringBuilder();
        Append(builder, type, method);
        return builder.ToString();
    }

    private static void Append(StringBuilder builder, TypeSig? type, MethodDef method)
    {
        type = type?.RemovePinnedAndModifiers();
        switch (type)
        {
            case null:
                builder.Append('?');
                return;
            case ByRefSig byRef:
                builder.Append("ref ");
                Append(builder, byRef.Next, method);
                return;
            case SZArraySig or ArraySig or PtrSig:
                Append(builder, type.Next, method);
                builder.Append(type is PtrSig ? "*" : type is ArraySig array ? $"[{new string(',', (int)Math.Max(array.Rank, 1) - 1)}]" : "[]");
                return;
            case GenericVar variable:
                builder.Append(GenericName(method.DeclaringType.GenericParameters, variable.Number, "T"));
                return;
            case GenericMVar variable:
                builder.Append(GenericName(method.GenericParameters, variable.Number, "M"));
                return;
            case GenericInstSig instance:
                AppendNamed(builder, instance.GenericType?.TypeDefOrRef, instance.GenericArguments, method);
                return;
            case TypeDefOrRefSig named:
                AppendNamed(builder, named.TypeDefOrRef, [], method);
                return;
            case FnPtrSig:
                builder.Append("nint");
                return;
            default:
                builder.Append(type.TypeName);
                return;
        }
    }

    private static void AppendNamed(StringBuilder builder, ITypeDefOrRef? type, IList<TypeSig> arguments, MethodDef method)
    {
        if (type is null)
        {
            builder.Append('?');
            return;
        }

        if (arguments.Count == 0 && s_keywords.TryGetValue(type.FullName, out var keyword))
        {
            builder.Append(keyword);
            return;
        }

        // An inner type's own arguments come after its outer types' ones (metadata repeats those on the inner type).
        var outer = type.DeclaringType;
        var outerArity = outer is null ? 0 : Arity(outer);
        if (outer is not null)
        {
            AppendNamed(builder, outer, arguments.Take(outerArity).ToList(), method);
            builder.Append('+');
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
                Append(builder, own[i], method);
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

    private static string GenericName(IList<GenericParam> parameters, uint number, string fallback) =>
        number < parameters.Count ? parameters[(int)number].Name.String : fallback + number;
}
