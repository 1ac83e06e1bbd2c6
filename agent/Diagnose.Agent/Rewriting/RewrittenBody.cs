namespace Diagnose.Rewriting;

/// <summary>An instrumented method body and the map from its original instructions to their new offsets.</summary>
internal sealed record RewrittenBody(byte[] IL, IReadOnlyList<ILMapEntry> Map);
