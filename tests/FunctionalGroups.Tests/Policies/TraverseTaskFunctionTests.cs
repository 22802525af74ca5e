using FunctionalGroups.Tests.Support;

namespace FunctionalGroups.Tests.Policies;

/// <summary>
/// <c>Group.Traverse(items, (item, token) =&gt; Task)</c>, the lifted fan-out with no value per item: the same rules as
/// the effect form (values in item order, fail fast, every failure once, join-all, context, start order), checked here
/// on the path that calls the function straight from the drainer.
/// </summary>
public class TraverseTaskFunctionTests
{
    static async Task<int> Square(int i, Probe probe)
    {
        using var _ = probe.Enter();
        await PoolYield.Yield();
        return i * i;
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(4)]
    public async Task G5_values_come_in_item_order_and_no_more_than_the_limit_run(int limit)
    {
        var probe = new Probe();
        var values = (await Group.Traverse(Enumerable.Range(0, 1_000), (i, _) => Square(i, probe),
            GroupOptions.Default with { MaxParallelism = limit == 0 ? null : limit }).RunAsync()).Value();

        Assert.Equal(Enumerable.Range(0, 1_000).Select(static i => i * i), values);
        Assert.Equal(1_000, probe.Ended);
        if (limit > 0) Assert.InRange(probe.Peak, 1, limit);
    }

    [Fact]
    public async Task G2_after_the_first_failure_no_further_item_starts()
    {
        var called = 0;
        var release = Kids.Gate();
        var boom = new TimeoutException("item 1");
        Task<int> Start(int i, CancellationToken ct)
        {
            Interlocked.Increment(ref called);
            return i switch
            {
                0 => release.Task.ContinueWith(static _ => 0, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default),
                1 => Task.FromException<int>(boom),
                _ => Task.FromResult(i),
            };
        }

        var running = Group.Traverse(Enumerable.Range(0, 1_000_000), Start, GroupOptions.Default with { MaxParallelism = 2 }).RunAsync().AsTask();
        release.SetResult();
        var fin = await running;

        Assert.Same(boom, Assert.Single(fin.Group().Errors).ToException());
        Assert.Equal(2, called);
    }

    [Fact]
    public async Task G3_a_function_that_throws_or_gives_no_task_fails_that_item_only()
    {
        var boom = new InvalidOperationException("f threw");
        Task<int> Start(int i, CancellationToken ct) => i switch
        {
            1 => throw boom,
            3 => null!,
            _ => Task.FromResult(i),
        };

        var errors = (await Group.Traverse(new[] { 0, 1, 2, 3 }, Start, GroupOptions.Default with { MaxParallelism = 1 })
            .RunAsync()).Group().Errors;

        // Fail fast: item 1 fails as it starts, so items 2 and 3 never start (G2).
        Assert.Same(boom, Assert.Single(errors).ToException());
        var noTask = (await Group.Traverse(new[] { 3 }, Start).RunAsync()).Group().Errors;
        Assert.Contains("gave null for item 0 instead of a task", Assert.Single(noTask).Message);
    }

    [Fact]
    public async Task G13_items_cancelled_by_a_failing_sibling_are_not_reported_and_G1_every_item_ended_first()
    {
        var probe = new Probe();
        var boom = new InvalidOperationException("item 2");
        var othersWaiting = Kids.Gate();
        var waiting = 0;
        async Task<int> Start(int i, CancellationToken ct)
        {
            using var _ = probe.Enter();
            if (i != 2)
            {
                // Item 2 fails only once the four others wait for the cancel, so each of them is cancelled for certain.
                if (Interlocked.Increment(ref waiting) == 4) othersWaiting.SetResult();
                try
                {
                    await Task.Delay(Timeout.Infinite, ct).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    probe.SawCancellation();
                    throw;
                }
            }
            await othersWaiting.Task.ConfigureAwait(false);
            throw boom;
        }

        var fin = await Group.Traverse(Enumerable.Range(0, 5), Start).RunAsync();
        var end = Probe.Tick();

        Assert.Same(boom, Assert.Single(fin.Group().Errors).ToException());
        Assert.Equal(4, probe.SawCancellationCount);
        Assert.Equal(5, probe.Ended);
        Assert.True(probe.LastEnd < end, "an item ended after the group returned");
    }

    [Fact]
    public async Task G1_an_item_that_ignores_cancellation_keeps_the_group_waiting()
    {
        var release = Kids.Gate();
        var cancelled = Kids.Gate();
        async Task<int> Start(int i, CancellationToken ct)
        {
            if (i == 0)
            {
                using var registration = ct.Register(() => cancelled.TrySetResult());
                await release.Task.ConfigureAwait(false);
                return 0;
            }
            await PoolYield.Yield();
            throw new InvalidOperationException("item 1");
        }

        var running = Group.Traverse(new[] { 0, 1 }, Start).RunAsync().AsTask();
        await cancelled.Task;
        Assert.False(running.IsCompleted, "the group returned while item 0 still ran");
        release.SetResult();
        Assert.Single((await running).Group().Errors);
    }

    [Fact]
    public async Task A_task_that_completes_with_null_fails_its_item()
    {
        var fin = await Group.Traverse(new[] { "a", "b" }, (s, _) => Task.FromResult(s == "b" ? null! : s)).RunAsync();
        Assert.IsType<ValueIsNullException>(Assert.Single(fin.Group().Errors).ToException());
    }

    [Fact]
    public async Task G8_each_run_calls_the_function_afresh()
    {
        var called = 0;
        var traverse = Group.Traverse(Enumerable.Range(0, 10), (i, _) =>
        {
            Interlocked.Increment(ref called);
            return Task.FromResult(i);
        });
        Assert.Equal(0, called);
        Assert.Equal(Enumerable.Range(0, 10), (await traverse.RunAsync()).Value());
        Assert.Equal(Enumerable.Range(0, 10), (await traverse.RunAsync()).Value());
        Assert.Equal(20, called);
    }

    static readonly AsyncLocal<string?> Caller = new();

    [Fact]
    public async Task G15_items_start_in_order_and_G16_each_starts_in_the_callers_context()
    {
        var started = new System.Collections.Concurrent.ConcurrentQueue<(int Item, string? Seen)>();
        async Task<int> Start(int i, CancellationToken ct)
        {
            started.Enqueue((i, Caller.Value));
            // A child's own AsyncLocal write stays its own: the next item must not see it (G16).
            Caller.Value = $"item {i}";
            await PoolYield.Yield();
            return i;
        }

        Caller.Value = "caller";
        var fin = await Group.Traverse(Enumerable.Range(0, 200), Start, GroupOptions.Default with { MaxParallelism = 3 }).RunAsync();

        Assert.Equal(Enumerable.Range(0, 200), fin.Value());
        Assert.Equal(Enumerable.Range(0, 200), started.Select(static s => s.Item));
        Assert.All(started, static s => Assert.Equal("caller", s.Seen));
    }

    [Fact]
    public void Bad_input_is_refused_at_build_time()
    {
        Assert.Throws<ArgumentNullException>("items", () => Group.Traverse((IEnumerable<int>)null!, (i, _) => Task.FromResult(i)));
        Assert.Throws<ArgumentNullException>("f", () => Group.Traverse(new[] { 1 }, (Func<int, CancellationToken, Task<int>>)null!));
        Assert.Throws<ArgumentNullException>("options", () => Group.Traverse(new[] { 1 }, (i, _) => Task.FromResult(i), null!));
    }
}
