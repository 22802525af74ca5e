namespace FunctionalGroups.Tests.Support;

/// <summary>Counts live children (and their peak) and orders start/end marks on one global sequence.</summary>
internal sealed class Probe
{
    static long clock;
    int live;
    int peak;
    int started;
    int ended;
    int sawCancellation;
    long lastEnd;

    public static long Tick() => Interlocked.Increment(ref clock);

    public int Live => Volatile.Read(ref live);
    public int Peak => Volatile.Read(ref peak);
    public int Started => Volatile.Read(ref started);
    public int Ended => Volatile.Read(ref ended);
    public int SawCancellationCount => Volatile.Read(ref sawCancellation);
    public long LastEnd => Interlocked.Read(ref lastEnd);

    public IDisposable Enter()
    {
        Interlocked.Increment(ref started);
        var now = Interlocked.Increment(ref live);
        int seen;
        while ((seen = Volatile.Read(ref peak)) < now && Interlocked.CompareExchange(ref peak, now, seen) != seen)
        {
        }
        return new Exit(this);
    }

    public void SawCancellation() => Interlocked.Increment(ref sawCancellation);

    sealed class Exit(Probe probe) : IDisposable
    {
        public void Dispose()
        {
            var tick = Tick();
            long seen;
            do seen = Interlocked.Read(ref probe.lastEnd);
            while (tick > seen && Interlocked.CompareExchange(ref probe.lastEnd, tick, seen) != seen);
            Interlocked.Increment(ref probe.ended);
            Interlocked.Decrement(ref probe.live);
        }
    }
}
