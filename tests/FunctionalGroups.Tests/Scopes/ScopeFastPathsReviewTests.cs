using FunctionalGroups.Tests.Support;
using static LanguageExt.Prelude;

namespace FunctionalGroups.Tests.Scopes;

/// <summary>
/// Guards of issue 13's scope fast paths: a child made by <c>Child.FromTask</c> is started directly and observed by its
/// member (no state machine), and a handle makes its join task only when a joiner must wait (compare-and-set against
/// the child's completion).
/// </summary>
public class ScopeFastPathsReviewTests
{
    const int Rounds = 200;

    [Fact]
    public async Task G18_joiners_racing_the_child_s_end_all_get_its_value()
    {
        for (var round = 0; round < Rounds; round++)
        {
            var gate = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
            var value = round;
            var scope = Group.Scope<int>(s =>
                from h in s.Spawn(Child.FromTask<int>(_ => gate.Task))
                from j1 in s.Spawn(h.Join)
                from j2 in s.Spawn(h.Join)
                from _ in Eff(() =>
                {
                    // The end races the joins still to come (the body's and the joiners' own, on the pool).
                    ThreadPool.UnsafeQueueUserWorkItem(static g => g.SetResult(0), gate, preferLocal: false);
                    return unit;
                })
                from v in h.Join
                from a in j1.Join
                from b in j2.Join
                select v + a + b + value);
            var fin = await scope.RunAsync();
            Assert.Equal(value, fin.Value());
        }
    }

    [Fact]
    public async Task G18_a_join_after_the_end_and_Result_after_the_scope_give_the_outcome()
    {
        ChildHandle<GroupRuntime, int>? handle = null;
        var fin = await Group.Scope<int>(s =>
            from h in s.Spawn(Child.FromTask<int>(_ => Task.FromResult(41)))
            from _ in Eff(() => { handle = h; return unit; })
            from v in h.Join
            select v + 1).RunAsync();
        Assert.Equal(42, fin.Value());
        Assert.Equal(41, handle!.Result.Map(r => r.Value()).IfNone(-1));
    }

    [Fact]
    public async Task G3_a_FromTask_child_whose_function_throws_as_it_starts_fails_itself_not_the_spawner()
    {
        var boom = new InvalidOperationException("thrown by the task function itself");
        var bodyWentOn = false;
        var fin = await Group.Scope<int>(s =>
            from h in s.Spawn(Child.FromTask<int>(_ => throw boom))
            from _ in Eff(() => { bodyWentOn = true; return unit; })
            select 1).RunAsync();
        Assert.True(bodyWentOn);
        Assert.Same(boom, Assert.Single(fin.Group().Errors).ToException());
    }

    [Fact]
    public async Task G3_a_FromTask_child_that_completes_with_null_fails_and_its_join_gives_that_failure()
    {
        Fin<string> joined = default;
        var fin = await Group.Scope<int>(s =>
            from h in s.Spawn(Child.FromTask<string>(async _ =>
            {
                await PoolYield.Yield();
                return null!;
            }))
            from j in LanguageExt.Aff<GroupRuntime, Fin<string>>.EffectMaybe(async rt => Fin<Fin<string>>.Succ(await h.Join.Run(rt)))
            from _ in Eff(() => { joined = j; return unit; })
            select 1).RunAsync();
        var error = Assert.Single(fin.Group().Errors);
        Assert.True(joined.IsFail);
        Assert.Same(error, joined.Error());
    }
}
