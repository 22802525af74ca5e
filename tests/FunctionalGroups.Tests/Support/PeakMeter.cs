namespace FunctionalGroups.Tests.Support;

/// <summary>Counts the children running at once and keeps the peak: for the parallelism-limit facts.</summary>
internal sealed class PeakMeter
{
    int live;
    int peak;

    public int Live => Volatile.Read(ref live);
    public int Peak => Volatile.Read(ref peak);

    /// <summary>A child that counts itself in, yields <paramref name="yields"/> times, counts itself out, gives <paramref name="value"/>.</summary>
    public Aff<GroupRuntime, int> Counted(int value, int yields = 1) => Child.FromTask(async ct =>
    {
        var now = Interlocked.Increment(ref live);
        int seen;
        while ((seen = Volatile.Read(ref peak)) < now && Interlocked.CompareExchange(ref peak, now, seen) != seen)
        {
        }
        for (var i = 0; i < yields; i++) await PoolYield.Yield();
        Interlocked.Decrement(ref live);
        return value;
    });
}
