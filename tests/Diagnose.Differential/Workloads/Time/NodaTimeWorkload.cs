using System.Reflection;
using System.Text;
using Diagnose.Differential.Output;
using NodaTime;
using NodaTime.Calendars;
using NodaTime.Text;
using NodaTime.TimeZones;

namespace Diagnose.Differential.Workloads.Time;

/// <summary>
/// NodaTime: seeded dates and instants through calendar arithmetic and periods, ten calendar systems, the bundled
/// time zone database (gaps, overlaps, zone intervals), patterns both ways (including text that does not parse), and
/// intervals and durations. No clock: every instant comes from the seed.
/// </summary>
internal sealed class NodaTimeWorkload : IWorkload
{
    private static readonly string[] s_zones =
    [
        "Europe/London", "America/New_York", "Australia/Lord_Howe", "Asia/Kathmandu", "Pacific/Chatham", "America/St_Johns",
        "Africa/Casablanca", "Europe/Moscow", "Pacific/Apia", "America/Sao_Paulo", "Asia/Tehran", "Etc/GMT+5", "UTC",
    ];

    private static readonly CalendarSystem[] s_calendars =
    [
        CalendarSystem.Iso, CalendarSystem.Gregorian, CalendarSystem.Julian, CalendarSystem.Coptic, CalendarSystem.HebrewCivil,
        CalendarSystem.HebrewScriptural, CalendarSystem.PersianSimple, CalendarSystem.PersianAstronomical, CalendarSystem.IslamicBcl,
        CalendarSystem.UmAlQura, CalendarSystem.Badi, CalendarSystem.GetIslamicCalendar(IslamicLeapYearPattern.Indian, IslamicEpoch.Astronomical),
    ];

    private static readonly string[] s_patterns =
    [
        "uuuu'-'MM'-'dd'T'HH':'mm':'ss.FFFFFFFFF", "dddd, d MMMM yyyy g", "MMM d, yy h:mm tt", "d MMM uuuu HH:mm:ss.fff", "r", "o", "s", "yyyy'年'M'月'd'日'",
    ];

    public string Library => "NodaTime";

    public Assembly Assembly => typeof(Instant).Assembly;

    public void Run(CaseWriter output, int inputs)
    {
        for (var i = 0; i < inputs; i++)
        {
            var seeded = new Seeded(4000 + i);
            var instant = Instant.FromDateTimeUtc(seeded.Utc());
            var date = instant.InUtc().Date;
            output.Case($"noda/arithmetic/{i}", text => Arithmetic(date, seeded, text));
            output.Case($"noda/calendars/{i}", text => Calendars(date, text));
            output.Case($"noda/zones/{i}", text => Zones(instant, seeded, text));
            output.Case($"noda/patterns/{i}", text => Patterns(instant, seeded, i, text));
            output.Case($"noda/intervals/{i}", text => Intervals(instant, seeded, text));
        }
    }

    private static void Arithmetic(LocalDate date, Seeded seeded, StringBuilder text)
    {
        var other = date.PlusDays(seeded.Int(-4000, 4000)).PlusMonths(seeded.Int(-30, 30));
        text.Append(date).Append(' ').Append(date.DayOfWeek).Append(' ').Append(date.DayOfYear).Append(" -> ").Append(other).Append('\n');
        foreach (var units in new[] { PeriodUnits.YearMonthDay, PeriodUnits.Days, PeriodUnits.Weeks | PeriodUnits.Days, PeriodUnits.Months })
        {
            var period = Period.Between(date, other, units);
            text.Append(units).Append(' ').Append(period).Append(' ').Append(date + period == other).Append('\n');
        }

        var time = new LocalTime(seeded.Int(0, 24), seeded.Int(0, 60), seeded.Int(0, 60)).PlusNanoseconds(seeded.Long() % 1_000_000_000);
        var dateTime = date.At(time);
        text.Append(dateTime).Append(' ').Append(dateTime.PlusHours(seeded.Int(-100, 100)).PlusTicks(seeded.Long() % 10_000_000)).Append('\n');
        text.Append(Period.Between(dateTime, dateTime.PlusMinutes(seeded.Int(-99999, 99999))).Normalize()).Append('\n');
        text.Append(WeekYearRules.Iso.GetWeekOfWeekYear(date)).Append(' ').Append(WeekYearRules.Iso.GetWeekYear(date)).Append(' ')
            .Append(WeekYearRules.ForMinDaysInFirstWeek(seeded.Int(1, 8), (IsoDayOfWeek)seeded.Int(1, 8)).GetWeekOfWeekYear(date)).Append('\n');
        text.Append(date.With(DateAdjusters.EndOfMonth)).Append(' ').Append(date.With(DateAdjusters.Next((IsoDayOfWeek)seeded.Int(1, 8)))).Append(' ')
            .Append(time.With(TimeAdjusters.TruncateToHour)).Append('\n');
        var yearMonth = new YearMonth(date.Year, date.Month);
        text.Append(yearMonth).Append(' ').Append(yearMonth.ToDateInterval().Length).Append(' ').Append(new AnnualDate(2, 29).InYear(date.Year));
    }

    private static void Calendars(LocalDate date, StringBuilder text)
    {
        foreach (var calendar in s_calendars)
        {
            try
            {
                var converted = date.WithCalendar(calendar);
                text.Append(calendar.Id).Append(' ').Append(converted.Year).Append('-').Append(converted.Month).Append('-').Append(converted.Day)
                    .Append(' ').Append(converted.Era).Append(' ').Append(converted.YearOfEra).Append(' ').Append(calendar.GetDaysInMonth(converted.Year, converted.Month))
                    .Append(' ').Append(converted.PlusMonths(13).PlusDays(-40)).Append(' ').Append(calendar.IsLeapYear(converted.Year)).Append('\n');
            }
            catch (ArgumentOutOfRangeException e)
            {
                text.Append(calendar.Id).Append(' ').Append(CaseWriter.Describe(e)).Append('\n');
            }
        }
    }

    private static void Zones(Instant instant, Seeded seeded, StringBuilder text)
    {
        var zone = DateTimeZoneProviders.Tzdb[seeded.Pick(s_zones)];
        var zoned = instant.InZone(zone);
        text.Append(zone.Id).Append(' ').Append(zoned).Append(' ').Append(zone.GetUtcOffset(instant)).Append('\n');
        foreach (var interval in zone.GetZoneIntervals(new Interval(instant, instant + Duration.FromDays(400))))
        {
            text.Append("  ").Append(interval.Name).Append(' ').Append(interval.HasStart ? interval.Start.ToString() : "-").Append(' ').Append(interval.WallOffset).Append(' ').Append(interval.Savings).Append('\n');
        }

        var local = zoned.LocalDateTime.PlusMinutes(seeded.Int(-600, 600));
        var mapping = zone.MapLocal(local);
        text.Append(local).Append(" maps ").Append(mapping.Count).Append('\n');
        text.Append(local.InZoneLeniently(zone)).Append(' ').Append(local.InZone(zone, Resolvers.CreateMappingResolver(Resolvers.ReturnLater, Resolvers.ReturnStartOfIntervalAfter))).Append('\n');
        try
        {
            text.Append(local.InZoneStrictly(zone)).Append('\n');
        }
        catch (SkippedTimeException e)
        {
            text.Append("skipped ").Append(e.Message).Append('\n');
        }
        catch (AmbiguousTimeException e)
        {
            text.Append("ambiguous ").Append(e.EarlierMapping).Append(' ').Append(e.LaterMapping).Append('\n');
        }

        var other = DateTimeZoneProviders.Tzdb[seeded.Pick(s_zones)];
        text.Append(zoned.WithZone(other)).Append(' ').Append(ZonedDateTime.Comparer.Local.Compare(zoned, zoned.WithZone(other))).Append('\n');
        text.Append(TzdbDateTimeZoneSource.Default.VersionId).Append(' ').Append(TzdbDateTimeZoneSource.Default.CanonicalIdMap[zone.Id]);
    }

    private static void Patterns(Instant instant, Seeded seeded, int variant, StringBuilder text)
    {
        var local = instant.InUtc().LocalDateTime;
        var pattern = LocalDateTimePattern.CreateWithInvariantCulture(s_patterns[variant % s_patterns.Length]);
        var formatted = pattern.Format(local);
        text.Append(formatted).Append(' ').Append(Show(pattern.Parse(formatted))).Append('\n');
        text.Append(InstantPattern.ExtendedIso.Format(instant)).Append(' ').Append(InstantPattern.General.Format(instant)).Append('\n');
        var offset = Offset.FromSeconds(seeded.Int(-18 * 3600, 18 * 3600));
        var offsetDateTime = instant.WithOffset(offset);
        text.Append(OffsetDateTimePattern.Rfc3339.Format(offsetDateTime)).Append(' ').Append(OffsetPattern.GeneralInvariant.Format(offset)).Append('\n');
        var duration = Duration.FromNanoseconds(seeded.Long() / 1000);
        text.Append(DurationPattern.Roundtrip.Format(duration)).Append(' ').Append(DurationPattern.CreateWithInvariantCulture("-H:mm:ss.fff").Format(duration)).Append('\n');
        var period = new PeriodBuilder { Years = seeded.Int(0, 5), Days = seeded.Int(-9, 9), Hours = seeded.Int(0, 30), Nanoseconds = seeded.Long() % 100000 }.Build();
        text.Append(PeriodPattern.Roundtrip.Format(period)).Append(' ').Append(PeriodPattern.NormalizingIso.Format(period)).Append('\n');
        var bad = new[] { formatted[..(formatted.Length / 2)], formatted + "x", "2021-02-29T00:00:00", "9999-12-31T24:00:00", seeded.Word(), "P1Y2M3DT4H5M6.7S", "PT-1H" };
        foreach (var input in bad)
        {
            text.Append(Show(pattern.Parse(input))).Append(" | ").Append(Show(PeriodPattern.Roundtrip.Parse(input))).Append(" | ").Append(Show(InstantPattern.General.Parse(input))).Append('\n');
        }

        text.Append(Show(LocalDatePattern.Iso.Parse(local.Date.ToString("uuuu-MM-dd", null)))).Append(' ').Append(Show(LocalTimePattern.ExtendedIso.Parse("23:59:60")));
    }

    private static void Intervals(Instant instant, Seeded seeded, StringBuilder text)
    {
        var end = instant + Duration.FromSeconds(seeded.Long() % 100_000_000);
        var interval = end >= instant ? new Interval(instant, end) : new Interval(end, instant);
        var duration = interval.Duration;
        text.Append(interval).Append(' ').Append(duration).Append(' ').Append(Seeded.R(duration.TotalDays)).Append(' ').Append(Seeded.R(duration.TotalMilliseconds)).Append('\n');
        text.Append(interval.Contains(instant + Duration.FromHours(1))).Append(' ').Append(duration.Days).Append(' ').Append(duration.SubsecondNanoseconds).Append('\n');
        var dates = new DateInterval(interval.Start.InUtc().Date, interval.End.InUtc().Date);
        text.Append(dates).Append(' ').Append(dates.Length).Append(' ').Append(dates.Contains(dates.Start.PlusDays(1))).Append(' ').Append(dates.Take(3).Count()).Append('\n');
        var other = new DateInterval(dates.Start.PlusDays(seeded.Int(-50, 50)), dates.End.PlusDays(seeded.Int(0, 50)));
        text.Append(dates.Intersection(other)?.ToString() ?? "none").Append(' ').Append(dates.Union(other)?.ToString() ?? "none").Append('\n');
        var scaled = duration * seeded.Fraction() / 3 - Duration.Epsilon;
        text.Append(scaled).Append(' ').Append(Duration.FromTimeSpan(scaled.ToTimeSpan())).Append(' ').Append(scaled.BclCompatibleTicks).Append(' ').Append(Duration.Max(scaled, duration));
    }

    private static string Show<T>(ParseResult<T> result) => result.Success ? $"ok {result.Value}" : $"fail {result.Exception.Message}";
}
