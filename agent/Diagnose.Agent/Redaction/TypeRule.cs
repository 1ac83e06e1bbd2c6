namespace Diagnose.Redaction;

/// <summary>
/// Types whose values are always redacted, whatever they are called: the built-in ones (secure strings,
/// credentials, keys and key parameters, authentication headers) and full-name patterns users add, where <c>*</c>
/// stands for any characters and <c>?</c> for one (<c>MyApp.Secrets.*</c>). A type matches when it or one of its
/// base types does, so <c>System.Security.Cryptography.AsymmetricAlgorithm</c> covers RSA, ECDsa, DSA and their
/// implementations. Generic types match by their definition's name (<c>MyApp.Secret`1</c>).
/// </summary>
internal sealed class TypeRule
{
    public static IReadOnlyList<string> BuiltIn { get; } =
    [
        "System.Security.SecureString",
        "System.Net.NetworkCredential",
        "System.Security.Cryptography.AsymmetricAlgorithm",
        "System.Security.Cryptography.SymmetricAlgorithm",
        "System.Security.Cryptography.KeyedHashAlgorithm",
        "System.Security.Cryptography.CngKey",
        "System.Security.Cryptography.RSAParameters",
        "System.Security.Cryptography.DSAParameters",
        "System.Security.Cryptography.ECParameters",
        "System.Net.Http.Headers.AuthenticationHeaderValue",
    ];

    private readonly HashSet<string> _exact;
    private readonly string[] _patterns;

    public TypeRule(IEnumerable<string> patterns)
    {
        var all = patterns.Select(p => p.Trim()).Where(p => p.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        _exact = all.Where(p => !IsPattern(p)).ToHashSet(StringComparer.Ordinal);
        _patterns = all.Where(IsPattern).ToArray();
    }

    /// <summary>The names and patterns this rule matches.</summary>
    public IEnumerable<string> Patterns => _exact.Concat(_patterns);

    public bool Matches(Type type)
    {
        for (var current = type; current is not null && current != typeof(object) && current != typeof(ValueType); current = current.BaseType)
        {
            var name = (current.IsGenericType && !current.IsGenericTypeDefinition ? current.GetGenericTypeDefinition() : current).FullName;
            if (name is null)
            {
                continue;
            }

            if (_exact.Contains(name) || _patterns.Any(p => Glob(p, name)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether <paramref name="text"/> matches <paramref name="pattern"/> (<c>*</c>: any characters, <c>?</c>: one).</summary>
    public static bool Glob(string pattern, string text)
    {
        int p = 0, t = 0, star = -1, resume = 0;
        while (t < text.Length)
        {
            if (p < pattern.Length && (pattern[p] == '?' || pattern[p] == text[t]))
            {
                p++;
                t++;
            }
            else if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                resume = t;
            }
            else if (star >= 0)
            {
                p = star + 1;
                t = ++resume;
            }
            else
            {
                return false;
            }
        }

        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }

        return p == pattern.Length;
    }

    private static bool IsPattern(string text) => text.Contains('*') || text.Contains('?');
}
