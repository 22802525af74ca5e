using FunctionalGroups.Tests.Support;
using static FunctionalGroups.Tests.Support.ScopeKit;

namespace FunctionalGroups.Tests.Scopes;

public class G01_ScopeJoinAllTests
{
    [Fact]
    public async Task G1_a_scope_waits_for_its_body_and_every_spawned_child()
    {
        var release = Kids.Gate();
        var probe = new Probe();
        var scope = Group.Scope<int>(s => Body(async ct =>
        {
            for (var i = 0; i < 3; i++) s.SpawnOrThrow(Kids.IgnoresCancellation(release.Task, i, probe: probe));
            await PoolYield.Yield();
            return 42;                                   // the body ends first ...
        }));

        var running = scope.RunAsync().AsTask();
        await Until(() => probe.Started == 3);
        await PoolYield.Yield();
        Assert.False(running.IsCompleted);               // ... and the scope still waits for its children
        Assert.Equal(3, probe.Live);

        release.SetResult();
        var fin = await running;
        var end = Probe.Tick();
        Assert.Equal(42, fin.Value());
        Assert.Equal(0, probe.Live);
        Assert.True(probe.LastEnd < end);
    }

    [Fact]
    public async Task G1_a_scope_waits_for_a_child_that_ignores_cancellation()
    {
        var release = Kids.Gate();
        var sawCancel = Kids.Gate();
        var probe = new Probe();
        var boom = Error.New("boom");
        var scope = Group.Scope<int>(s => Body(async ct =>
        {
            s.SpawnOrThrow(Kids.IgnoresCancellation(release.Task, 7, sawCancel, probe));
            s.SpawnOrThrow(Kids.FailsWith(boom));
            return await HangUntilCancelled<int>(ct).ConfigureAwait(false);
        }));

        var running = scope.RunAsync().AsTask();
        await sawCancel.Task;                            // the failure has cancelled the scope ...
        await PoolYield.Yield();
        Assert.False(running.IsCompleted);               // ... which still waits for the stubborn child
        Assert.Equal(1, probe.Live);

        release.SetResult();
        var error = (await running).Group();
        Assert.Equal(0, probe.Live);
        Assert.Same(boom, Assert.Single(error.Errors));
    }

    [Fact]
    public async Task G1_a_scope_waits_for_grandchildren_spawned_by_children_after_the_body_and_the_children_ended()
    {
        var release = Kids.Gate();
        var probe = new Probe();
        var childrenEnded = 0;
        var scope = Group.Scope<int>(s => Body(ct =>
        {
            for (var i = 0; i < 4; i++)
                s.SpawnOrThrow(Body(async ct2 =>
                {
                    await PoolYield.Yield();
                    s.SpawnOrThrow(Kids.IgnoresCancellation(release.Task, 1, probe: probe));
                    s.SpawnOrThrow(Body(async _ =>
                    {
                        using var __ = probe.Enter();
                        await PoolYield.Yield();
                        s.SpawnOrThrow(Kids.IgnoresCancellation(release.Task, 2, probe: probe));   // a great-grandchild
                        return 0;
                    }));
                    Interlocked.Increment(ref childrenEnded);
                    return 0;
                }));
            return Task.FromResult(5);
        }));

        var running = scope.RunAsync().AsTask();
        await Until(() => Volatile.Read(ref childrenEnded) == 4 && probe.Started == 12 && probe.Live == 8);
        await PoolYield.Yield();
        Assert.False(running.IsCompleted);

        release.SetResult();
        var fin = await running;
        var end = Probe.Tick();
        Assert.Equal(5, fin.Value());
        Assert.Equal(0, probe.Live);
        Assert.Equal(12, probe.Ended);
        Assert.True(probe.LastEnd < end);
    }

    [Fact]
    public async Task G1_an_empty_scope_gives_the_body_value()
    {
        Assert.Equal(3, (await Group.Scope<int>(_ => Prelude.SuccessAff<GroupRuntime, int>(3)).RunAsync()).Value());
    }
}
