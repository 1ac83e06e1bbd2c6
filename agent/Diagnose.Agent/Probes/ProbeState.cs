namespace Diagnose;

/// <summary>Where a probe stands.</summary>
public enum ProbeState
{
    /// <summary>Not started, or stopped.</summary>
    Stopped = 0,

    /// <summary>Started; its target's assembly or type is not loaded yet. It installs when it loads.</summary>
    Pending = 1,

    /// <summary>Its methods run bodies with its instruments.</summary>
    Installed = 2,

    /// <summary>Started, but it could not be installed; <see cref="Probe.Error"/> says why.</summary>
    Failed = 3,
}
