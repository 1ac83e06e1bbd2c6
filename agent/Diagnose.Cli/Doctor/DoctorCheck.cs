namespace Diagnose.Cli.Doctor;

/// <summary>How a check came out: ok, a warning that does not stop attach, or a failure that does.</summary>
internal enum CheckStatus
{
    Ok = 0,
    Warn = 1,
    Fail = 2,
}

/// <summary>One check of <c>diagnose doctor</c>: what was found, and for a warning or failure what to do about it.</summary>
internal sealed record DoctorCheck(string Name, CheckStatus Status, string Detail, string? Fix = null)
{
    public static DoctorCheck Ok(string name, string detail) => new(name, CheckStatus.Ok, detail);

    public static DoctorCheck Warn(string name, string detail, string fix) => new(name, CheckStatus.Warn, detail, fix);

    public static DoctorCheck Fail(string name, string detail, string fix) => new(name, CheckStatus.Fail, detail, fix);
}
