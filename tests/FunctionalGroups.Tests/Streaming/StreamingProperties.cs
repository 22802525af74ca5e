using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using FunctionalGroups.Tests.Support;
using static FunctionalGroups.Tests.Streaming.StreamKit;

namespace FunctionalGroups.Tests.Streaming;

/// <summary>S1-S5 as properties over generated plans: item counts, yields per item (how long each runs, so the
/// completion order varies), which items fail, limits, windows and where the consumer leaves. Counters only, no sleeps;
/// each case runs on the thread pool.</summary>
public class StreamingProperties
{
    /// <summary>An item's task: yields <paramref name="yields"/> times, then fails with its own error or gives its index.</summary>
    static async Task<int> Body(int i, int yields, Exception? error, Probe probe)
    {
        using var _ = probe.Enter();
        for (var y = 0; y < yields; y++) await PoolYield.Yield();
        if (error is not null) throw error;
        return i;
    }

    static int[] Yields(byte[]? plan, int n) => Enumerable.Range(0, n).Select(i => plan is { Length: > 0 } ? plan[i % plan.Length] % 4 : 0).ToArray();

    [Property(MaxTest = 100)]
    public Task every_failure_is_reported_once(byte[] yieldPlan, bool[] failPlan, PositiveInt limit) => Task.Run(async () =>
    {
        var n = failPlan.Length;
        var yields = Yields(yieldPlan, n);
        var errors = failPlan.Select((f, i) => f ? new InvalidOperationException($"item {i}") : null).ToArray();
        var started = new System.Collections.Concurrent.ConcurrentBag<int>();
        var probe = new Probe();
        var fin = await Group.TraverseStream(new CountingSource(n).Async(), (i, _) =>
        {
            started.Add(i);
            return Body(i, yields[i], errors[i], probe);
        }, Limit(Math.Min(limit.Get, 8))).RunAsync();
        Assert.Equal(0, probe.Live);
        var failedStarts = started.Where(i => errors[i] is not null).Order().ToArray();
        if (failedStarts.Length == 0)
        {
            Assert.Equal(Enumerable.Range(0, n), fin.Value());
            return;
        }
        var reported = fin.Group().Errors.Map(e => Array.IndexOf(errors, e.ToException())).ToArray();
        // Each failure of an item that started, once, in item order; nothing else.
        Assert.Equal(failedStarts, reported);
    });

    [Property(MaxTest = 100)]
    public Task no_child_outlives_an_early_break(byte[] yieldPlan, PositiveInt count, NonNegativeInt leaveAfter, bool ordered) => Task.Run(async () =>
    {
        var n = Math.Min(count.Get, 40);
        var yields = Yields(yieldPlan, n);
        var probe = new Probe();
        var source = new CountingSource(n);
        var stream = ordered
            ? Group.Stream(source.Sync(), (i, _) => Body(i, yields[i], null, probe), 3, Limit(2))
            : Group.StreamUnordered(source.Sync(), (i, _) => Body(i, yields[i], null, probe), Limit(3)).Select(c => c.Value);
        var taken = 0;
        await foreach (var _ in stream)
            if (++taken > leaveAfter.Get % (n + 1)) break;
        Assert.Equal(0, probe.Live);
        Assert.Equal(1, source.Disposed);
    });

    [Property(MaxTest = 100)]
    public Task ordered_output_is_in_input_order_whatever_the_completion_order(byte[] yieldPlan, PositiveInt count, PositiveInt window) => Task.Run(async () =>
    {
        var n = Math.Min(count.Get, 60);
        var yields = Yields(yieldPlan, n);
        var probe = new Probe();
        var values = await Group.Stream(new CountingSource(n).Async(), (i, _) => Body(i, yields[i], null, probe), Math.Min(window.Get, 10), Limit(4)).ToListAsync();
        Assert.Equal(Enumerable.Range(0, n), values);
    });

    [Property(MaxTest = 100)]
    public Task at_most_parallelism_items_are_pulled_ahead(byte[] yieldPlan, PositiveInt limit) => Task.Run(async () =>
    {
        const int n = 60;
        var p = Math.Min(limit.Get, 8);
        var yields = Yields(yieldPlan, n);
        var taken = 0;
        var most = 0;
        IEnumerable<int> Source()
        {
            for (var i = 0; i < n; i++)
            {
                // Pulled and not yet taken, this item included.
                var ahead = i + 1 - Volatile.Read(ref taken);
                if (ahead > most) most = ahead;
                yield return i;
            }
        }
        var probe = new Probe();
        await foreach (var _ in Group.StreamUnordered(Source(), (i, _) => Body(i, yields[i], null, probe), Limit(p)))
            Interlocked.Increment(ref taken);
        // p in flight or waiting to be taken, and the one value in the consumer's hands.
        Assert.InRange(most, 1, p + 1);
        Assert.Equal(n, taken);
    });
}
