using Diagnose.Rewriting;

namespace Diagnose.Sites;

/// <summary>A site ready to install: the values its hook needs and the handler that runs its instruments.</summary>
internal sealed record CompiledSite(IReadOnlyList<Capture> Captures, Delegate Handler, IReadOnlyList<Instrument> Instruments);
