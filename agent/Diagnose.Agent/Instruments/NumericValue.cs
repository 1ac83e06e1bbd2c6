using System.Globalization;

namespace Diagnose;

/// <summary>Conversion of instrument values to metric numbers, with diagnose's error text.</summary>
internal static class NumericValue
{
    public static double ToDouble(object? value) => value switch
    {
        double d => d,
        float f => f,
        int i => i,
        long l => l,
        decimal m => (double)m,
        short s => s,
        byte b => b,
        sbyte sb => sb,
        ushort us => us,
        uint ui => ui,
        ulong ul => ul,
        bool flag => flag ? 1 : 0,
        TimeSpan span => span.TotalSeconds,
        Enum e => Convert.ToDouble(e, CultureInfo.InvariantCulture),
        _ => throw new InstrumentException($"Cannot send non-numeric metric: {ValueText.Render(value)}"),
    };
}
