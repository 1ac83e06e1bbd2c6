namespace Diagnose.Cli.Discovery;

/// <summary>
/// One method <c>methods</c> lists: the target that names it, its C# signature, where its body is, why it cannot be
/// probed (null when it can), and for compiler-generated code what it is in the source.
/// </summary>
internal sealed record DiscoveredMethod(
    string Assembly,
    string Target,
    string Signature,
    SourceLines Source,
    string? Refusal,
    string? SourceForm)
{
    public bool Probeable => Refusal is null;

    /// <summary>"lambda in Shop.Orders.Submit (Orders.cs:41)", or null for a method the user wrote.</summary>
    public string? SourceFormWithLocation => SourceForm is null ? null : Source.First is null ? SourceForm : $"{SourceForm} ({Source.Location})";
}
