using FunctionalGroups.Tests.Support;
using static FunctionalGroups.Tests.Support.ScopeKit;

namespace FunctionalGroups.Tests.Scopes;

public class G10_ExplicitCancelTests
{
    [Fact]
    public async Task G10_Cancel_from_the_body_cancels_every_child_and_the_body_and_ends_with_the_given_value()
    {
        var probe = new Probe();
        var scope = Group.Scope<int>(s => Body(async ct =>
        {
            for (var i = 0; i < 3; i++) s.SpawnOrThrow(Kids.Hangs(probe));
            await PoolYield.Yield();
            s.CancelNow(7);
            Assert.True(s.IsShuttingDown);
            return await HangUntilCancelled<int>(ct).ConfigureAwait(false);
        }));
        Assert.Equal(7, (await scope.RunAsync()).Value());
        Assert.Equal(3, probe.SawCancellationCount);
        Assert.Equal(0, probe.Live);
    }

    [Fact]
    public async Task G10_the_body_value_wins_over_the_Cancel_value_when_the_body_produced_one()
    {
        var probe = new Probe();
        var scope = Group.Scope<int>(s =>
            from h in s.Spawn(Kids.Hangs(probe))
            from _ in s.Cancel(7)
            select 5);
        Assert.Equal(5, (await scope.RunAsync()).Value());
        Assert.Equal(1, probe.SawCancellationCount);
        Assert.Equal(0, probe.Live);
    }

    [Fact]
    public async Task G10_Cancel_from_a_child_cancels_the_body_and_the_siblings()
    {
        var probe = new Probe();
        var bodySaw = 0;
        var scope = Group.Scope<int>(s => Body(async ct =>
        {
            s.SpawnOrThrow(Kids.Hangs(probe));
            s.SpawnOrThrow(from _ in Prelude.Aff<GroupRuntime, Unit>(async rt =>
                           {
                               await PoolYield.Yield();
                               return Unit.Default;
                           })
                           from c in s.Cancel(9)
                           select 0);
            try
            {
                return await HangUntilCancelled<int>(ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                Interlocked.Increment(ref bodySaw);
                throw;
            }
        }));
        Assert.Equal(9, (await scope.RunAsync()).Value());
        Assert.Equal(1, bodySaw);
        Assert.Equal(1, probe.SawCancellationCount);
        Assert.Equal(0, probe.Live);
    }

    [Fact]
    public async Task G10_calling_Cancel_twice_is_fine_and_the_first_value_wins()
    {
        var scope = Group.Scope<int>(s =>
            from h in s.Spawn(Kids.Hangs())
            from a in s.Cancel(1)
            from b in s.Cancel(2)
            from x in Body<int>(ct => HangUntilCancelled<int>(ct))
            select x);
        Assert.Equal(1, (await scope.RunAsync()).Value());
    }

    [Fact]
    public async Task G10_Cancel_of_a_Unit_scope_twice_from_two_children_ends_with_no_error()
    {
        var probe = new Probe();
        var scope = Group.Scope<Unit>(s =>
            from a in s.Spawn(Kids.Hangs(probe))
            from b in s.Spawn(s.Cancel())
            from c in s.Spawn(s.Cancel())
            from x in Body<Unit>(ct => HangUntilCancelled<Unit>(ct))
            select x);
        Assert.Equal(Unit.Default, (await scope.RunAsync()).Value());
        Assert.Equal(0, probe.Live);
    }

    [Fact]
    public async Task G10_a_cleanup_failure_during_an_explicit_cancel_is_still_reported()
    {
        var cleanup = new InvalidOperationException("cleanup");
        var scope = Group.Scope<int>(s =>
            from h in s.Spawn(Kids.FailsWhenCancelled(cleanup))
            from _ in s.Cancel(1)
            select 2);
        Assert.Same(cleanup, Assert.Single((await scope.RunAsync()).Group().Errors).ToException());
    }

    [Fact]
    public async Task G10_Cancel_of_a_nested_scope_ends_only_that_scope()
    {
        var probe = new Probe();
        var scope = Group.Scope<int>(outer =>
            from inner in outer.Spawn(Group.Scope<int>(s =>
                from h in s.Spawn(Kids.Hangs(probe))
                from _ in s.Cancel(3)
                from x in Body<int>(ct => HangUntilCancelled<int>(ct))
                select x))
            from sibling in outer.Spawn(Kids.Ok(4))
            from a in inner.Join
            from b in sibling.Join
            select a + b);
        Assert.Equal(7, (await scope.RunAsync()).Value());
        Assert.Equal(0, probe.Live);
    }

    [Fact]
    public async Task G10_an_outer_cancel_after_an_explicit_cancel_still_ends_with_the_value()
    {
        using var cts = new CancellationTokenSource();
        var cancelled = Kids.Gate();
        var scope = Group.Scope<int>(s => Body(async ct =>
        {
            s.SpawnOrThrow(Kids.Hangs());
            s.CancelNow(6);
            cancelled.SetResult();
            return await HangUntilCancelled<int>(ct).ConfigureAwait(false);
        }));
        var running = scope.RunAsync(cts.Token).AsTask();
        await cancelled.Task;
        cts.Cancel();
        Assert.Equal(6, (await running).Value());
    }
}
