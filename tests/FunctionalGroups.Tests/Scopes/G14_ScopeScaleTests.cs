using FunctionalGroups.Tests.Support;
using static FunctionalGroups.Tests.Support.ScopeKit;

namespace FunctionalGroups.Tests.Scopes;

public class G14_ScopeScaleTests
{
    [Fact]
    public async Task G14_a_chain_of_10_000_children_spawned_synchronously_does_not_overflow_the_stack()
    {
        const int N = 10_000;
        var ran = 0;
        GroupScope<GroupRuntime, int>? scope = null;
        Aff<GroupRuntime, int> Link(int i) => Body(_ =>
        {
            Interlocked.Increment(ref ran);
            if (i + 1 < N) scope!.SpawnOrThrow(Link(i + 1));
            return Task.FromResult(i);
        });
        var group = Group.Scope<int>(s =>
        {
            scope = s;
            return from h in s.Spawn(Link(0)) select 1;
        });
        Assert.Equal(1, (await group.RunAsync()).Value());
        Assert.Equal(N, ran);
    }

    [Fact]
    public async Task G14_100_000_short_children_spawned_over_one_scope_life_complete()
    {
        const int N = 100_000;
        var done = 0;
        var probe = new Probe();
        var group = Group.Scope<int>(s => Body(async ct =>
        {
            for (var i = 0; i < N; i++)
            {
                s.SpawnOrThrow(Body(async _ =>
                {
                    using var __ = probe.Enter();
                    await PoolYield.Yield();
                    return Interlocked.Increment(ref done);
                }));
                if (i % 1000 == 0) await PoolYield.Yield();
            }
            return N;
        }));
        Assert.Equal(N, (await group.RunAsync()).Value());
        Assert.Equal(N, done);
        Assert.Equal(0, probe.Live);
    }

    [Fact]
    public async Task G14_a_failure_cancels_10_000_hanging_scope_children_at_once()
    {
        const int N = 10_000;
        var probe = new Probe();
        var boom = Error.New("boom");
        var group = Group.Scope<int>(s => Body(async ct =>
        {
            for (var i = 0; i < N; i++) s.SpawnOrThrow(Kids.Hangs(probe));
            s.SpawnOrThrow(Kids.FailsWith(boom));
            return await HangUntilCancelled<int>(ct).ConfigureAwait(false);
        }));
        Assert.Same(boom, Assert.Single((await group.RunAsync()).Group().Errors));
        Assert.Equal(N, probe.SawCancellationCount);
        Assert.Equal(0, probe.Live);
    }
}
