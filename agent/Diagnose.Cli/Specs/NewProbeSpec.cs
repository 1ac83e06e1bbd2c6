using System.Globalization;
using System.Text.Json.Nodes;
using Diagnose.Protocol.Specs;

namespace Diagnose.Cli.Specs;

/// <summary>The spec <c>diagnose probe add</c> sends, built from its options the way a spec file would say it.</summary>
internal sealed record NewProbeSpec(
    string Target,
    string Type = "log",
    string? Name = null,
    string? Value = null,
    string Event = "return",
    string? Tags = null,
    string? When = null,
    double? Lifespan = null,
    string? Id = null,
    double? Rate = null,
    long? MaxHits = null,
    bool Elapsed = false,
    bool ToStandardOutput = true)
{
    /// <summary>
    /// The value recorded when none is given: <c>args</c> for a log on call, <c>result</c> for a log on return or end,
    /// <c>1</c> for incr (counts calls), <c>elapsed</c> for hist (durations), <c>result</c> for test, <c>snapshot</c> (the
    /// whole frame) for snapshot; other types
    /// (gauge, your own) need one.
    /// </summary>
    public static string? DefaultValue(string type, string @event) => type switch
    {
        "log" => @event == "call" ? "args" : "result",
        "incr" => "1",
        "hist" => "elapsed",
        "test" => "result",
        "snapshot" => "snapshot",
        _ => null,
    };

    /// <summary>The spec, modified now; a lifespan counts from now.</summary>
    /// <exception cref="CliException">Exit code 2: the options do not make a valid spec.</exception>
    public Spec Build(DateTimeOffset now, Func<string> randomSuffix)
    {
        var value = Value ?? DefaultValue(Type, Event)
            ?? throw new CliException(ExitCodes.UsageError, $"--value is needed for a '{Type}' instrument (e.g. --value result, or --value \"order.Total\")");
        var id = Id ?? DefaultId(Target, randomSuffix());
        var custom = new JsonObject();
        if (!string.IsNullOrWhiteSpace(Tags))
        {
            custom["tags"] = Tags;
        }

        if (!string.IsNullOrWhiteSpace(When))
        {
            custom["condition"] = When;
        }

        if (Rate is { } rate)
        {
            custom["rate"] = double.IsFinite(rate) && rate >= 0 ? rate : throw new CliException(ExitCodes.UsageError, $"--rate must be a number of fires per second, 0 or more (0: no limit), not {rate.ToString(CultureInfo.InvariantCulture)}");
        }

        if (MaxHits is { } maxHits)
        {
            custom["maxHits"] = maxHits >= 1 ? maxHits : throw new CliException(ExitCodes.UsageError, $"--max-hits must be 1 or more (the probe removes itself after that many fires), not {maxHits}");
        }

        if (Elapsed)
        {
            custom["elapsed"] = Event is "return" or "end" ? true : throw new CliException(ExitCodes.UsageError, $"--elapsed keeps the elapsed times of calls, which a '{Event}' probe does not see: use --event return or end");
        }

        if (!ToStandardOutput)
        {
            custom["stdout"] = false; // a log instrument's lines go to the channel only, not to the process's stdout
        }

        var spec = new JsonObject
        {
            ["target"] = Target,
            ["instrument"] = new JsonObject
            {
                ["type"] = Type,
                ["name"] = Name ?? Target,
                ["value"] = value,
                ["event"] = Event,
                ["custom"] = custom,
            },
        };
        if (Lifespan is { } minutes)
        {
            spec["lifespan"] = minutes;
        }

        spec["lastmodified"] = SpecTimestamp.Format(now);
        var read = SpecSet.Parse(new JsonObject { [id] = spec }.ToJsonString(), "the probe");
        var built = read.First();
        if (!built.IsValid)
        {
            throw new CliException(ExitCodes.UsageError, built.Error!);
        }

        return built;
    }

    /// <summary>The method's name, lowercased, and a random suffix: <c>add13-3fa2c1</c>.</summary>
    public static string DefaultId(string target, string suffix)
    {
        var text = target;
        var paren = text.IndexOf('(');
        if (paren >= 0)
        {
            text = text[..paren];
        }

        text = text[(text.LastIndexOf(']') + 1)..].TrimEnd('.');
        var method = text[(text.LastIndexOf('.') + 1)..];
        if (method.Length == 0 || text.EndsWith("..ctor", StringComparison.Ordinal))
        {
            method = "ctor";
        }

        var clean = new string(method.ToLower(CultureInfo.InvariantCulture).Where(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-').ToArray());
        return $"{(clean.Length == 0 ? "probe" : clean)}-{suffix}";
    }

    public static string RandomSuffix() => Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(3)).ToLowerInvariant();
}
