using FunctionalGroups.Tests.Support;

namespace FunctionalGroups.Tests.Rules;

public class G14_ScaleTests
{
    const int N = 100_000;

    [Fact]
    public async Task G14_a_group_of_100_000_children_works()
    {
        var children = Enumerable.Range(0, N).Select(i => Child.FromTask(async ct =>
        {
            await PoolYield.Yield();
            return i;
        }));
        var values = (await Group.All(children).RunAsync()).Value();
        Assert.Equal(N, values.Count);
        Assert.True(values.SequenceEqual(Enumerable.Range(0, N)));
    }

    [Fact]
    public async Task G14_100_000_levels_of_nesting_work_on_success()
    {
        var probe = new Probe();
        var effect = Kids.Ok(1, probe);
        for (var level = 0; level < N; level++) effect = Group.All(effect).Map(s => s[0] + 1);
        Assert.Equal(N + 1, (await effect.RunAsync()).Value());
        Assert.Equal(0, probe.Live);
    }

    [Fact]
    public async Task G14_100_000_levels_of_nesting_work_when_the_deepest_child_fails()
    {
        var boom = new TimeoutException("deep");
        var effect = Child.FromTask<int>(_ => throw boom);
        for (var level = 0; level < N; level++) effect = Group.All(effect).Map(s => s[0]);
        var error = (await effect.RunAsync()).Group();
        Assert.Same(boom, Assert.Single(error.Leaves).ToException());
        Assert.True(error.Is<TimeoutException>());
        Assert.Contains("TimeoutException: deep", error.ToString());
    }

    [Fact]
    public async Task G14_100_000_levels_of_nesting_are_cancelled_from_outside()
    {
        using var cts = new CancellationTokenSource();
        var probe = new Probe();
        var started = Kids.Gate();
        var deepest = Child.FromTask(async ct =>
        {
            started.SetResult();
            return await Kids.Hangs(probe).Run(GroupRuntime.New(CancellationTokenSource.CreateLinkedTokenSource(ct))).ConfigureAwait(false) is var fin && fin.IsSucc ? 1 : throw new OperationCanceledException(ct);
        });
        var effect = deepest;
        for (var level = 0; level < N; level++) effect = Group.All(effect).Map(s => s[0]);
        var running = effect.RunAsync(cts.Token).AsTask();
        await started.Task;
        cts.Cancel();
        var fin = await running;
        Assert.True(fin.Error().Is(Errors.Cancelled));
        Assert.Equal(1, probe.SawCancellationCount);
    }

    [Fact]
    public async Task G14_100_000_children_cancelled_at_once_work()
    {
        var probe = new Probe();
        var children = Enumerable.Range(0, N).Select(_ => Kids.Hangs(probe)).Append(Kids.Fails(new TimeoutException()));
        var fin = await Group.All(children).RunAsync();
        Assert.Single(fin.Group().Errors);
        Assert.Equal(N, probe.SawCancellationCount);
        Assert.Equal(0, probe.Live);
    }

    [Fact]
    public async Task G14_a_group_awaited_on_a_single_threaded_context_completes_without_blocking_it()
    {
        // The children continue on the context (no ConfigureAwait(false)), so the context's thread must stay free.
        var fin = await SingleThreadContext.Run(async () =>
        {
            var uiThread = Environment.CurrentManagedThreadId;
            var children = Enumerable.Range(0, 100).Select(i => Child.FromTask(async ct =>
            {
                await Task.Yield();
                Assert.Equal(uiThread, Environment.CurrentManagedThreadId);
                return i;
            }));
            var failing = Group.All(children.Append(Child.FromTask<int>(async ct =>
            {
                await Task.Yield();
                throw new TimeoutException();
            })).Append(Kids.Hangs()));
            var first = await Group.All(children).RunAsync();
            var second = await failing.RunAsync();
            Assert.Equal(uiThread, Environment.CurrentManagedThreadId);
            return (first, second);
        });
        Assert.Equal(100, fin.first.Value().Count);
        Assert.Single(fin.second.Group().Errors);
    }

    [Fact]
    public async Task G14_a_nested_group_starts_its_children_on_the_starting_thread()
    {
        var starter = Environment.CurrentManagedThreadId;
        var seen = new int[4];
        Aff<GroupRuntime, int> Records(int slot) => Child.FromTask(ct =>
        {
            seen[slot] = Environment.CurrentManagedThreadId;
            return Task.FromResult(slot);
        });
        var nested = Group.All(Records(1), Records(2)).Map(s => s.Sum());
        var running = Group.All(Records(0), nested, Records(3)).RunAsync();
        Assert.Equal(new[] { starter, starter, starter, starter }, seen);
        Assert.Equal(new[] { 0, 3, 3 }, (await running).Value());
    }
}
