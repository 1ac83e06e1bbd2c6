using Diagnose.Rewriting;

namespace Diagnose.Sites;

/// <summary>
/// A site ready to install: the values its hook needs, and either an emitted hook to call directly
/// (<see cref="Emitted"/>) or a handler that HookFunctions' FireN calls (<see cref="Handler"/>).
/// </summary>
internal sealed record CompiledSite(IReadOnlyList<Capture> Captures, Delegate? Handler, IReadOnlyList<Instrument> Instruments, EmittedSite? Emitted);
