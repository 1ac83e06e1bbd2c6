namespace Diagnose.Rewriting;

/// <summary>
/// Where one instruction of the original IL begins in a rewritten body (the runtime's <c>COR_IL_MAP</c> without its
/// accuracy flag). The runtime maps an offset of the new body back to the <see cref="OldOffset"/> of the last entry
/// whose <see cref="NewOffset"/> is not after it.
/// </summary>
internal readonly record struct ILMapEntry(int OldOffset, int NewOffset);
