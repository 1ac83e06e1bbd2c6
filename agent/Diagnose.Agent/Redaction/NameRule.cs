using System.Text;

namespace Diagnose.Redaction;

/// <summary>
/// Decides whether a name (parameter, local, field, property, anonymous member, dictionary key) is sensitive.
/// Names are normalised first: lower case, <c>_ - . $ @</c> removed (<c>Api_Key</c>, <c>X-Api-Key</c> and
/// <c>api.key</c> all read <c>apikey</c>). A name matches a listed name when
/// <list type="number">
/// <item>it is that name (<c>ApiKey</c>, <c>API_KEY</c>), or</item>
/// <item>some of its consecutive words make that name, words being split at separators, at lower-to-upper case
/// changes and between letters and digits (<c>userPassword</c>, <c>passwordHash</c>, <c>X-Api-Key</c>,
/// <c>pinCode</c>, <c>AWS_SECRET_ACCESS_KEY</c>), or</item>
/// <item>the listed name has 6 characters or more and occurs anywhere in it (<c>dbpassword</c>,
/// <c>mysecretvalue</c>).</item>
/// </list>
/// So short names such as <c>pin</c>, <c>pwd</c>, <c>otp</c> or <c>token</c> match only as whole words:
/// <c>spinner</c>, <c>shipping</c> and <c>maxTokens</c> are not redacted, <c>userPin</c> is.
/// </summary>
internal sealed class NameRule
{
    /// <summary>Listed names at least this long also match inside a word.</summary>
    public const int ContainedLength = 6;

    private readonly HashSet<string> _names;
    private readonly string[] _contained;

    public NameRule(IEnumerable<string> names)
    {
        _names = new HashSet<string>(names.Select(Normalise).Where(n => n.Length > 0), StringComparer.Ordinal);
        _contained = _names.Where(n => n.Length >= ContainedLength).Order(StringComparer.Ordinal).ToArray();
    }

    /// <summary>The normalised names this rule matches (built-in and added).</summary>
    public IReadOnlyCollection<string> Names => _names;

    /// <summary>Lower case, with <c>_ - . $ @</c> removed.</summary>
    public static string Normalise(string name)
    {
        var builder = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            if (c is not ('_' or '-' or '.' or '$' or '@'))
            {
                builder.Append(char.ToLowerInvariant(c));
            }
        }

        return builder.ToString();
    }

    /// <summary>The words of a name, lower case: <c>X-Api-Key</c> → x, api, key; <c>HTTPHeader2</c> → http, header, 2.</summary>
    public static IReadOnlyList<string> Words(string name)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (!char.IsLetterOrDigit(c))
            {
                Flush(word, words);
                continue;
            }

            if (word.Length > 0 && StartsWord(name, i))
            {
                Flush(word, words);
            }

            word.Append(char.ToLowerInvariant(c));
        }

        Flush(word, words);
        return words;
    }

    public bool Matches(string name)
    {
        var normalised = Normalise(name);
        if (normalised.Length == 0)
        {
            return false;
        }

        if (_names.Contains(normalised))
        {
            return true;
        }

        foreach (var listed in _contained)
        {
            if (normalised.Contains(listed, StringComparison.Ordinal))
            {
                return true;
            }
        }

        var words = Words(name);
        var run = new StringBuilder();
        for (var first = 0; first < words.Count; first++)
        {
            run.Clear();
            for (var last = first; last < words.Count; last++)
            {
                run.Append(words[last]);
                if (_names.Contains(run.ToString()))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>A new word starts at <paramref name="i"/>: aB, a1, 1a, and the B of ABc (an acronym's end).</summary>
    private static bool StartsWord(string name, int i)
    {
        var previous = name[i - 1];
        var current = name[i];
        if (char.IsDigit(previous) != char.IsDigit(current))
        {
            return true;
        }

        if (char.IsLower(previous) && char.IsUpper(current))
        {
            return true;
        }

        return char.IsUpper(previous) && char.IsUpper(current) && i + 1 < name.Length && char.IsLower(name[i + 1]);
    }

    private static void Flush(StringBuilder word, List<string> words)
    {
        if (word.Length > 0)
        {
            words.Add(word.ToString());
            word.Clear();
        }
    }
}
