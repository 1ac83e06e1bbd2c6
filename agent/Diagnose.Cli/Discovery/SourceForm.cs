namespace Diagnose.Cli.Discovery;

/// <summary>What compiler-generated code is ("lambda in Shop.Orders.Submit") and the method the user wrote it in.</summary>
internal sealed record SourceForm(string Text, string? Owner);
