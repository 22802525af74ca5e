using FunctionalGroups.Tests.Support;
using static FunctionalGroups.Tests.Streaming.StreamKit;

namespace FunctionalGroups.Tests.Streaming;

/// <summary>S2: the first real failure stops the pull: no item is pulled or started after it, the running children
/// are cancelled and joined, the source is disposed. Children start in source order (G15), in the caller's context
/// (G16).</summary>
public class S2_FailFastStopsThePullTests
{
    [Fact]
    public async Task S2_TraverseStream_pulls_nothing_after_the_first_failure_and_joins_the_running_children()
    {
        var source = CountingSource.Endless();
        var gates = new ItemGates(2);
        var boom = new InvalidOperationException("boom");
        var running = Group.TraverseStream(source.Sync(), async (i, ct) =>
        {
            if (i == 1)
            {
                await gates.Started[0].Task;
                throw boom;
            }
            return await gates.Stubborn(i, ct);
        }, Limit(2)).RunAsync().AsTask();
        await gates.SawCancel[0].Task;
        Assert.False(running.IsCompleted);
        gates.Release[0].SetResult();
        var error = (await running).Group();
        Assert.Same(boom, Assert.Single(error.Errors).ToException());
        Assert.Equal(2, source.Pulled);
        Assert.Equal(1, source.Disposed);
    }

    [Fact]
    public async Task S2_children_start_in_source_order_under_a_limit_whatever_order_they_end_in()
    {
        var order = new System.Collections.Concurrent.ConcurrentQueue<int>();
        var gates = new ItemGates(6);
        var running = Group.TraverseStream(new CountingSource(6).Async(), (i, ct) =>
        {
            order.Enqueue(i);
            return gates.Body(i, ct);
        }, Limit(3)).RunAsync().AsTask();
        foreach (var i in new[] { 2, 1, 0, 5, 4, 3 })
        {
            await gates.Started[i].Task;
            gates.Release[i].SetResult();
        }
        Assert.Equal(Enumerable.Range(0, 6), (await running).Value());
        Assert.Equal(Enumerable.Range(0, 6), order);
    }

    static readonly AsyncLocal<string?> Ambient = new();

    [Fact]
    public async Task S2_every_child_runs_in_the_callers_context_and_its_own_writes_reach_no_sibling_nor_the_source()
    {
        Ambient.Value = "caller";
        var seen = new System.Collections.Concurrent.ConcurrentBag<string?>();
        IEnumerable<int> Source()
        {
            for (var i = 0; i < 8; i++)
            {
                seen.Add(Ambient.Value);
                yield return i;
            }
        }
        var values = await Group.Stream(Source(), async (i, _) =>
        {
            seen.Add(Ambient.Value);
            Ambient.Value = $"child {i}";
            await PoolYield.Yield();
            return i;
        }, window: 4, Limit(2)).ToListAsync();
        Assert.Equal(Enumerable.Range(0, 8), values);
        Assert.Equal(16, seen.Count);
        Assert.All(seen, v => Assert.Equal("caller", v));
        Assert.Equal("caller", Ambient.Value);
    }

    [Fact]
    public async Task S2_with_StartOnThreadPool_children_still_start_in_order_and_give_every_value()
    {
        var options = Limit(4) with { StartOnThreadPool = true };
        var all = await Group.TraverseStream(new CountingSource(100).Sync(), async (i, _) => { await PoolYield.Yield(); return i * 2; }, options).RunAsync();
        Assert.Equal(Enumerable.Range(0, 100).Select(i => i * 2), all.Value());
    }

    [Fact]
    public async Task S2_StreamUnordered_stops_pulling_at_the_first_failure_and_throws_every_failure_once_all_ended()
    {
        var source = CountingSource.Endless();
        var boom = new InvalidOperationException("boom");
        var taken = new List<long>();
        var thrown = await Assert.ThrowsAsync<GroupException>(async () =>
        {
            await foreach (var c in Group.StreamUnordered(source.Sync(), (i, _) => i == 5 ? Task.FromException<int>(boom) : Task.FromResult(i), Limit(2)))
                taken.Add(c.Index);
        });
        Assert.Same(boom, Assert.Single(thrown.Group.Errors).ToException());
        Assert.Equal(6, source.Pulled);
        // Values ready before the failure were handed out if the consumer came first: never one after it (S4).
        Assert.InRange(taken.Count, 0, 5);
        Assert.Equal(Enumerable.Range(0, taken.Count).Select(i => (long)i), taken);
        Assert.Equal(1, source.Disposed);
    }

    [Fact]
    public async Task S2_the_groups_timeout_stops_the_pull_and_joins_the_running_children()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        var source = CountingSource.Endless();
        var gates = new ItemGates(2);
        var options = Limit(2) with { Timeout = TimeSpan.FromSeconds(1), TimeProvider = clock };
        var running = Group.TraverseStream(source.Sync(), (i, ct) => gates.Body(i, ct), options).RunAsync().AsTask();
        await gates.Started[1].Task;
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(Errors.TimedOut, (await running).Error());
        Assert.Equal(2, gates.Ended);
        Assert.Equal(2, source.Pulled);
        Assert.Equal(1, source.Disposed);
    }
}
