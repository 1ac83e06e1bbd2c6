using System.Linq.Expressions;

namespace Diagnose.Sites;

/// <summary>
/// An instrument bound at one site: the input it fires with (double for numeric instruments, object otherwise), the
/// check that gates it (the manager's CheckCall and the condition; null when none), and its tags (string[]).
/// Both site back ends (the emitted fast path and the compiled handler) are built from these.
/// </summary>
internal sealed record BoundInstrument(Instrument Instrument, Expression Input, Expression? Guard, Expression Tags);
