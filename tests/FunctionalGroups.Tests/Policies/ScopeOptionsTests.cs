using FunctionalGroups.Tests.Support;
using Microsoft.Extensions.Time.Testing;
using static FunctionalGroups.Tests.Support.ScopeKit;

namespace FunctionalGroups.Tests.Policies;

public class ScopeOptionsTests
{
    [Fact]
    public async Task A_scope_under_a_limit_never_runs_more_children_at_once()
    {
        var meter = new PeakMeter();
        var handles = new List<ChildHandle<GroupRuntime, int>>();
        var fin = await Group.Scope<int>(scope => Body(async ct =>
        {
            for (var i = 0; i < 200; i++) handles.Add(scope.SpawnOrThrow(meter.Counted(i)));
            await Task.CompletedTask.ConfigureAwait(false);
            return 0;
        }), GroupOptions.Default with { MaxParallelism = 3 }).RunAsync();
        Assert.Equal(0, fin.Value());
        Assert.InRange(meter.Peak, 1, 3);
        Assert.Equal(Enumerable.Range(0, 200), handles.Select(h => h.Outcome().Value()));
    }

    [Fact]
    public async Task A_scope_under_a_limit_never_starts_a_waiting_child_once_it_fails()
    {
        var later = new Probe();
        var release = Kids.Gate();
        var running = Group.Scope<int>(scope => Body<int>(async ct =>
        {
            scope.SpawnOrThrow(Kids.IgnoresCancellation(release.Task, 0));              // holds the only slot
            for (var i = 0; i < 20; i++) scope.SpawnOrThrow(Kids.Ok(i, later));         // wait their turn
            scope.SpawnOrThrow(Child.FromTask<int>(_ => throw new TimeoutException()));  // waits too
            await Task.CompletedTask.ConfigureAwait(false);
            throw new InvalidOperationException("the body fails");
        }), GroupOptions.Default with { MaxParallelism = 1 }).RunAsync().AsTask();
        release.SetResult();
        var fin = await running;
        Assert.IsType<InvalidOperationException>(Assert.Single(fin.Group().Errors).ToException());
        Assert.Equal(0, later.Started);
    }

    [Fact]
    public async Task A_scope_times_out_on_its_clock_and_joins_every_child()
    {
        var clock = new FakeTimeProvider();
        var probe = new Probe();
        var running = Group.Scope<int>(scope =>
            from a in scope.Spawn(Kids.Hangs(probe))
            from x in a.Join
            select x, GroupOptions.Default with { Timeout = TimeSpan.FromSeconds(3), TimeProvider = clock }).RunAsync().AsTask();
        clock.Advance(TimeSpan.FromSeconds(3));
        var fin = await running;
        Assert.True(fin.Error().Is(Errors.TimedOut));
        Assert.IsNotType<GroupError>(fin.Error());
        Assert.Equal(0, probe.Live);
    }
}
