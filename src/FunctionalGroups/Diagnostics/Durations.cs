using static System.FormattableString;

namespace FunctionalGroups.Diagnostics;

/// <summary>How the renderings write an age or a timeout: short, truncated (never rounded up), the largest two units,
/// the same in every culture.</summary>
internal static class Durations
{
    /// <summary><c>850ms</c>, <c>1.2s</c>, <c>42s</c>, <c>3m05s</c>, <c>2h07m</c>, <c>3d04h</c>.</summary>
    internal static string Format(TimeSpan span)
    {
        if (span < TimeSpan.Zero) span = TimeSpan.Zero;
        if (span < TimeSpan.FromSeconds(1)) return Invariant($"{(long)span.TotalMilliseconds}ms");
        if (span < TimeSpan.FromSeconds(10)) return Invariant($"{Math.Floor(span.TotalSeconds * 10) / 10:0.0}s");
        if (span < TimeSpan.FromMinutes(1)) return Invariant($"{(long)span.TotalSeconds}s");
        if (span < TimeSpan.FromHours(1)) return Invariant($"{(long)span.TotalMinutes}m{span.Seconds:00}s");
        if (span < TimeSpan.FromDays(1)) return Invariant($"{(long)span.TotalHours}h{span.Minutes:00}m");
        return Invariant($"{(long)span.TotalDays}d{span.Hours:00}h");
    }

    internal static string Format(TimeSpan? span) => span is { } value ? Format(value) : "-";
}
