using FunctionalGroups.Tests.Support;
using static FunctionalGroups.Tests.Support.ScopeKit;

namespace FunctionalGroups.Tests.Scopes;

public class G07_ScopeOuterCancellationTests
{
    [Fact]
    public async Task G7_an_outer_cancel_with_no_real_failure_gives_Errors_Cancelled_alone()
    {
        using var cts = new CancellationTokenSource();
        var probe = new Probe();
        var spawned = Kids.Gate();
        var bodySaw = 0;
        var scope = Group.Scope<int>(s => Body(async ct =>
        {
            for (var i = 0; i < 5; i++) s.SpawnOrThrow(Kids.Hangs(probe));
            spawned.SetResult();
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

        var running = scope.RunAsync(cts.Token).AsTask();
        await spawned.Task;
        cts.Cancel();
        var error = (await running).Error();
        Assert.IsNotType<GroupError>(error);
        Assert.True(error.Is(Errors.Cancelled));
        Assert.Equal(5, probe.SawCancellationCount);
        Assert.Equal(1, bodySaw);
        Assert.Equal(0, probe.Live);
    }

    [Fact]
    public async Task G7_an_outer_cancel_with_a_real_failure_gives_the_GroupError()
    {
        using var cts = new CancellationTokenSource();
        var cleanup = new InvalidOperationException("cleanup");
        var spawned = Kids.Gate();
        var scope = Group.Scope<int>(s => Body(async ct =>
        {
            s.SpawnOrThrow(Kids.Hangs());
            s.SpawnOrThrow(Kids.FailsWhenCancelled(cleanup));
            spawned.SetResult();
            return await HangUntilCancelled<int>(ct).ConfigureAwait(false);
        }));

        var running = scope.RunAsync(cts.Token).AsTask();
        await spawned.Task;
        cts.Cancel();
        var error = (await running).Group();
        Assert.Same(cleanup, Assert.Single(error.Errors).ToException());
    }

    [Fact]
    public async Task G7_a_parent_cancelled_at_start_runs_no_body()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        var bodies = 0;
        var scope = Group.Scope<int>(s =>
        {
            Interlocked.Increment(ref bodies);
            return Kids.Ok(1);
        });
        var error = (await scope.RunAsync(cts.Token)).Error();
        Assert.True(error.Is(Errors.Cancelled));
        Assert.IsNotType<GroupError>(error);
        Assert.Equal(0, bodies);
    }

    [Fact]
    public async Task G7_a_scope_whose_members_all_succeeded_succeeds_even_if_the_parent_was_cancelled_meanwhile()
    {
        using var cts = new CancellationTokenSource();
        var release = Kids.Gate();
        var spawned = Kids.Gate();
        var scope = Group.Scope<int>(s => Body(async ct =>
        {
            var h = s.SpawnOrThrow(Kids.IgnoresCancellation(release.Task, 2));
            spawned.SetResult();
            await WhenCancelled(ct).ConfigureAwait(false);
            await release.Task.ConfigureAwait(false);
            return 40;
        }));

        var running = scope.RunAsync(cts.Token).AsTask();
        await spawned.Task;
        cts.Cancel();
        release.SetResult();
        Assert.Equal(40, (await running).Value());
    }

    [Fact]
    public async Task G7_a_child_that_spawns_after_an_outer_cancel_is_refused_and_the_scope_is_cancelled()
    {
        using var cts = new CancellationTokenSource();
        var ran = 0;
        var spawned = Kids.Gate();
        Fin<ChildHandle<GroupRuntime, int>> refused = default;
        var child = Body(_ => Task.FromResult(Interlocked.Increment(ref ran)));
        var scope = Group.Scope<int>(s =>
            from _ in Prelude.Aff<GroupRuntime, Unit>(async rt =>
            {
                spawned.SetResult();
                await WhenCancelled(rt.CancellationToken).ConfigureAwait(false);
                refused = s.SpawnNow(child);
                return Unit.Default;
            })
            from h in s.Spawn(child)                     // fails with ShuttingDown: the body is cancelled, not failing
            select 0);
        var running = scope.RunAsync(cts.Token).AsTask();
        await spawned.Task;
        cts.Cancel();
        var fin = await running;
        Assert.Same(SpawnRefusedError.ShuttingDown, refused.Error());
        Assert.Equal(0, ran);
        Assert.True(fin.Error().Is(Errors.Cancelled));
    }
}

public class G08_ScopeEffectsAreValuesTests
{
    [Fact]
    public async Task G8_building_a_scope_runs_nothing_and_running_it_twice_runs_two_scopes()
    {
        var bodies = 0;
        var children = 0;
        var scopes = new System.Collections.Concurrent.ConcurrentBag<object>();
        var scope = Group.Scope<int>(s =>
        {
            Interlocked.Increment(ref bodies);
            scopes.Add(s);
            return from h in s.Spawn(Body(async _ =>
                   {
                       await PoolYield.Yield();
                       return Interlocked.Increment(ref children);
                   }))
                   from v in h.Join
                   select 10;
        });
        await PoolYield.Yield();
        Assert.Equal(0, bodies);

        Assert.Equal(10, (await scope.RunAsync()).Value());
        Assert.Equal(10, (await scope.RunAsync()).Value());
        Assert.Equal(2, bodies);
        Assert.Equal(2, children);
        Assert.Equal(2, scopes.Distinct().Count());
    }

    [Fact]
    public async Task G8_two_concurrent_runs_of_one_scope_are_independent()
    {
        var release = Kids.Gate();
        var boom = Error.New("only in the first");
        var runs = 0;
        var scope = Group.Scope<int>(s => Body(async ct =>
        {
            var mine = Interlocked.Increment(ref runs);
            if (mine == 1) s.SpawnOrThrow(Kids.FailsWith(boom));
            else s.SpawnOrThrow(Kids.IgnoresCancellation(release.Task, 1));
            await release.Task.ConfigureAwait(false);
            return mine;
        }));
        var first = scope.RunAsync().AsTask();
        var second = scope.RunAsync().AsTask();
        release.SetResult();
        Assert.Same(boom, Assert.Single((await first).Group().Errors));
        Assert.Equal(2, (await second).Value());
    }
}
