using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Diagnose.Protocol.Specs;

/// <summary>
/// Signs specs and checks their signatures: <c>"signature": "hmac-sha256:&lt;base64&gt;"</c>, a member of the spec
/// beside <c>target</c>, the HMAC-SHA256 with a <see cref="SpecKey"/> of the spec's canonical form: the
/// <see cref="CanonicalJson"/> text of the two-element array <c>[id, spec]</c>, where the spec object leaves out
/// <c>signature</c> and <c>applied</c> (what processes write back). So the id, the target, the instrument, the
/// lifespan, <c>lastmodified</c> and any other key are signed; key order, whitespace and number spelling are not.
/// </summary>
internal static class SpecSignature
{
    internal const string Field = "signature";

    internal const string Scheme = "hmac-sha256:";

    /// <summary>The members processes write back into a spec: never signed.</summary>
    private static readonly string[] Unsigned = [Field, "applied"];

    /// <summary>The bytes the signature is computed over.</summary>
    /// <exception cref="FormatException">The spec is not a JSON object, or repeats a key.</exception>
    internal static byte[] CanonicalForm(string id, JsonElement spec)
    {
        if (spec.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("it is not a JSON object");
        }

        var text = new StringBuilder("[");
        CanonicalJson.WriteString(id, text);
        text.Append(',');
        CanonicalJson.WriteObject(spec.EnumerateObject().Where(p => !Unsigned.Contains(p.Name)).Select(p => (p.Name, p.Value)), text);
        return Encoding.UTF8.GetBytes(text.Append(']').ToString());
    }

    /// <summary>The signature text of a spec: <c>hmac-sha256:</c> and the base64 of the 32-byte MAC.</summary>
    /// <exception cref="FormatException">The spec is not a JSON object, or repeats a key.</exception>
    internal static string Compute(SpecKey key, string id, JsonElement spec)
    {
        return Scheme + Convert.ToBase64String(HMACSHA256.HashData(key.Bytes, CanonicalForm(id, spec)));
    }

    /// <summary>A copy of <paramref name="spec"/> with its signature (put in place of an old one, else after the other keys but <c>applied</c>).</summary>
    /// <exception cref="FormatException">The spec is not a JSON object, or repeats a key.</exception>
    internal static Spec Sign(SpecKey key, Spec spec)
    {
        var json = SpecJson.ToElement(spec.WriteTo);
        var signature = Compute(key, spec.Id, json);
        var signed = SpecJson.ToElement(writer =>
        {
            writer.WriteStartObject();
            var written = false;
            foreach (var member in json.EnumerateObject())
            {
                if (member.Name == Field || (member.Name == "applied" && !written))
                {
                    if (!written)
                    {
                        writer.WriteString(Field, signature);
                        written = true;
                    }

                    if (member.Name == Field)
                    {
                        continue;
                    }
                }

                member.WriteTo(writer);
            }

            if (!written)
            {
                writer.WriteString(Field, signature);
            }

            writer.WriteEndObject();
        });
        return SpecReader.Read(spec.Id, signed);
    }

    /// <summary>
    /// Null when <paramref name="spec"/> carries a signature that <paramref name="key"/> made over its content;
    /// otherwise why it is refused, naming the spec (<c>spec 'x': signature does not match …</c>).
    /// </summary>
    internal static string? Refusal(SpecKey key, Spec spec)
    {
        var json = spec.Json;
        if (json.ValueKind != JsonValueKind.Object || !json.TryGetProperty(Field, out var given) || given.ValueKind == JsonValueKind.Null)
        {
            return $"spec '{spec.Id}': spec is not signed (it has no '{Field}'; a process with a key runs signed specs only: sign it with 'diagnose sign FILE --key KEYFILE')";
        }

        byte[] expected;
        try
        {
            expected = HMACSHA256.HashData(key.Bytes, CanonicalForm(spec.Id, json));
        }
        catch (FormatException e)
        {
            return $"spec '{spec.Id}': signature does not match: {e.Message}, and a signed spec must not";
        }

        var text = given.ValueKind == JsonValueKind.String ? given.GetString()! : string.Empty;
        var mac = Decode(text);
        if (mac is null || !CryptographicOperations.FixedTimeEquals(mac, expected))
        {
            return $"spec '{spec.Id}': signature does not match (the spec was changed after it was signed, or signed with another key; nothing of it runs)";
        }

        return null;
    }

    private static byte[]? Decode(string text)
    {
        if (!text.StartsWith(Scheme, StringComparison.Ordinal))
        {
            return null;
        }

        try
        {
            return Convert.FromBase64String(text[Scheme.Length..]);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
