using FunctionalGroups.Tests.Support;
using static FunctionalGroups.Tests.Support.ScopeKit;

namespace FunctionalGroups.Tests.Scopes;

public class G09_SpawningTests
{
    static Aff<GroupRuntime, int> Counted(Func<int> onRun) => Body(_ => Task.FromResult(onRun()));

    [Fact]
    public async Task G9_a_spawn_while_shutting_down_is_refused_with_ShuttingDown_and_the_child_never_runs()
    {
        var boom = Error.New("boom");
        var ran = 0;
        var child = Counted(() => Interlocked.Increment(ref ran));
        Fin<ChildHandle<GroupRuntime, int>> refused = default;
        var sawShuttingDown = false;
        var scope = Group.Scope<int>(s =>
            from f in s.Spawn(Kids.FailsWith(boom))
            from _ in Prelude.Aff<GroupRuntime, Unit>(async rt =>
            {
                await WhenCancelled(rt.CancellationToken).ConfigureAwait(false);
                sawShuttingDown = s.IsShuttingDown;
                refused = s.SpawnNow(child, "late");
                return Unit.Default;
            })
            from h in s.Spawn(child)                     // the body fails only because of the refusal: not reported
            select 0);

        var error = (await scope.RunAsync()).Group();
        Assert.Same(boom, Assert.Single(error.Errors));
        Assert.True(sawShuttingDown);
        var refusal = Assert.IsType<SpawnRefusedError>(refused.Error());
        Assert.Same(SpawnRefusedError.ShuttingDown, refusal);
        Assert.True(refusal.IsShuttingDown);
        Assert.Equal(Errors.CancelledCode, refusal.Code);
        Assert.Contains("shutting down", refusal.Message);
        Assert.Equal(0, ran);
    }

    [Fact]
    public async Task G9_a_spawn_after_an_explicit_cancel_is_refused_and_the_scope_still_succeeds()
    {
        var ran = 0;
        Fin<ChildHandle<GroupRuntime, int>> refused = default;
        var scope = Group.Scope<int>(s => Body(ct =>
        {
            s.CancelNow(3);
            refused = s.SpawnNow(Counted(() => Interlocked.Increment(ref ran)));
            return Task.FromResult(8);
        }));
        Assert.Equal(8, (await scope.RunAsync()).Value());
        Assert.Same(SpawnRefusedError.ShuttingDown, refused.Error());
        Assert.Equal(0, ran);
    }

    [Fact]
    public async Task G9_a_spawn_through_a_leaked_scope_after_it_finished_is_refused_with_Finished()
    {
        var ran = 0;
        GroupScope<GroupRuntime, int>? leaked = null;
        var scope = Group.Scope<int>(s =>
        {
            leaked = s;
            return from h in s.Spawn(Kids.Ok(1)) from v in h.Join select v;
        });
        Assert.Equal(1, (await scope.RunAsync()).Value());

        var refused = await leaked!.Spawn(Counted(() => Interlocked.Increment(ref ran))).Run(GroupRuntime.Uncancellable);
        var refusal = Assert.IsType<SpawnRefusedError>(refused.Error());
        Assert.Same(SpawnRefusedError.Finished, refusal);
        Assert.False(refusal.IsShuttingDown);
        Assert.Equal(SpawnRefusedError.FinishedCode, refusal.Code);
        Assert.Contains("finished", refusal.Message);
        await PoolYield.Yield();
        Assert.Equal(0, ran);
    }

    [Fact]
    public async Task G9_a_spawn_through_a_leaked_scope_after_it_failed_is_refused_with_Finished()
    {
        var ran = 0;
        GroupScope<GroupRuntime, int>? leaked = null;
        var scope = Group.Scope<int>(s =>
        {
            leaked = s;
            return from h in s.Spawn(Kids.FailsWith(Error.New("boom"))) from v in h.Join select v;
        });
        Assert.IsType<GroupError>((await scope.RunAsync()).Error());

        var refused = await leaked!.Spawn(Counted(() => Interlocked.Increment(ref ran))).Run(GroupRuntime.Uncancellable);
        Assert.Same(SpawnRefusedError.Finished, refused.Error());
        Assert.Equal(0, ran);
    }

    [Fact]
    public async Task G9_a_member_failing_because_its_scope_had_finished_is_reported()
    {
        GroupScope<GroupRuntime, int>? leaked = null;
        await Group.Scope<int>(s =>
        {
            leaked = s;
            return Kids.Ok(1);
        }).RunAsync();

        var ran = 0;
        var second = Group.Scope<int>(s =>
            from h in leaked!.Spawn(Counted(() => Interlocked.Increment(ref ran)))
            select 0);
        var error = (await second.RunAsync()).Group();
        Assert.Same(SpawnRefusedError.Finished, Assert.Single(error.Errors));
        Assert.Equal(0, ran);
    }

    [Fact]
    public async Task G9_a_child_spawned_in_the_same_instant_as_a_sibling_failure_is_cancelled_and_joined()
    {
        // The sibling waits on a gate whose continuation runs inline: the spawned child's synchronous start opens
        // it, so the sibling fails (and the scope shuts down) while the new child is still starting.
        var inlineGate = new TaskCompletionSource();
        var boom = new InvalidOperationException("boom");
        var probe = new Probe();
        ChildHandle<GroupRuntime, int>? racer = null;
        var shutDuringStart = false;
        var scope = Group.Scope<int>(s => Body(async ct =>
        {
            s.SpawnOrThrow(Kids.FailsAt(inlineGate.Task, boom));
            await PoolYield.Yield();
            racer = s.SpawnOrThrow(Body(async ct2 =>
            {
                using var _ = probe.Enter();
                inlineGate.SetResult();                  // the sibling fails right here, on this thread
                shutDuringStart = ct2.IsCancellationRequested;
                try
                {
                    await Task.Delay(Timeout.Infinite, ct2).ConfigureAwait(false);
                    return 1;
                }
                catch (OperationCanceledException)
                {
                    probe.SawCancellation();
                    throw;
                }
            }));
            return await HangUntilCancelled<int>(ct).ConfigureAwait(false);
        }));

        var error = (await scope.RunAsync()).Group();
        var end = Probe.Tick();
        Assert.Same(boom, Assert.Single(error.Errors).ToException());
        Assert.True(shutDuringStart);
        Assert.Equal(1, probe.SawCancellationCount);
        Assert.Equal(0, probe.Live);
        Assert.True(probe.LastEnd < end);
        Assert.True(racer!.Outcome().IsFail);
    }

    [Fact]
    public async Task G9_spawns_racing_a_failure_are_either_refused_and_never_run_or_cancelled_and_joined()
    {
        for (var round = 0; round < 200; round++)
        {
            var boom = Error.New($"boom {round}");
            var probe = new Probe();
            var accepted = new System.Collections.Concurrent.ConcurrentQueue<ChildHandle<GroupRuntime, int>>();
            var refusedCount = 0;
            var scope = Group.Scope<int>(s => Body(async ct =>
            {
                for (var spawner = 0; spawner < 2; spawner++)
                    s.SpawnOrThrow(Body(async _ =>
                    {
                        await PoolYield.Yield();
                        for (var i = 0; i < 100; i++)
                        {
                            var fin = s.SpawnNow(Kids.Hangs(probe));
                            if (fin.IsFail)
                            {
                                Assert.Same(SpawnRefusedError.ShuttingDown, fin.Error());
                                Interlocked.Increment(ref refusedCount);
                                break;
                            }
                            accepted.Enqueue(fin.Value());
                            await PoolYield.Yield();
                        }
                        return 0;
                    }));
                s.SpawnOrThrow(Kids.FailsWith(boom));
                return await HangUntilCancelled<int>(ct).ConfigureAwait(false);
            }));

            var error = (await scope.RunAsync()).Group();
            Assert.Same(boom, NamedError.Unnamed(Assert.Single(error.Errors)));
            Assert.Equal(0, probe.Live);
            Assert.Equal(accepted.Count, probe.Started);     // a refused child never ran
            Assert.All(accepted, h => Assert.True(h.Result.IsSome));
            Assert.Equal(accepted.Count + 4, error.Total);
        }
    }
}
