namespace Diagnose.Expressions;

/// <summary>
/// Marks a type whose values the agent itself gives expressions (<c>hotspots</c> and its parts): its public methods
/// only read, so restricted mode may call them (<c>hotspots.Source(12)</c>), and its members also answer to their
/// names in lower case, as diagnose writes them (<c>hotspots.source(12)</c>, <c>hotspots.worst.line</c>). Messages
/// call the type <see cref="Name"/>, what the user knows it by, not the agent's type name.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, Inherited = false)]
internal sealed class ContextValueAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}
