namespace FunctionalGroups.Tests.Support;

/// <summary>Children that count themselves on a <see cref="Probe"/>: for the parallelism-limit facts.</summary>
internal sealed class PeakMeter
{
    readonly Probe probe = new();

    public int Live => probe.Live;
    public int Peak => probe.Peak;

    /// <summary>A child that counts itself in, yields <paramref name="yields"/> times, counts itself out, gives <paramref name="value"/>.</summary>
    public Aff<GroupRuntime, int> Counted(int value, int yields = 1) => Child.FromTask(async ct =>
    {
        using var _ = probe.Enter();
        for (var i = 0; i < yields; i++) await PoolYield.Yield();
        return value;
    });
}
