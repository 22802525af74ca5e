using FunctionalGroups.Tests.Support;
using static FunctionalGroups.Tests.Support.ScopeKit;

namespace FunctionalGroups.Tests.Scopes;

/// <summary>
/// G18, exactly once: a member that joined failed children remembers every failure it was handed, so passing any of
/// them on is reported once (as the joined child's); a failure of its own after a join is still reported. Joins are
/// made with an uncancellable runtime, so they wait for the child's end rather than stop at the shutdown.
/// </summary>
public class G18_PassedOnFailuresTests
{
    static TaskCompletionSource<T> Slot<T>() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    [Fact]
    public async Task G18_a_member_that_joined_a_failed_child_and_then_fails_on_its_own_is_reported_too()
    {
        var handleOfC = Slot<ChildHandle<GroupRuntime, int>>();
        var own = Error.New("the member's own failure");
        var joiner = Aff<GroupRuntime, int>.EffectMaybe(async _ =>
        {
            var c = await handleOfC.Task.ConfigureAwait(false);
            var joined = await c.Join.Run(GroupRuntime.Uncancellable).ConfigureAwait(false);
            Assert.True(joined.IsFail);
            return Fin<int>.Fail(own);
        });
        var boom = new InvalidOperationException("boom");
        var fin = await Group.Scope<int>(s => Body(async _ =>
        {
            s.SpawnOrThrow(joiner);
            handleOfC.SetResult(s.SpawnOrThrow(Child.FromTask<int>(_ => Task.FromException<int>(boom))));
            await Task.CompletedTask.ConfigureAwait(false);
            return 0;
        })).RunAsync();

        var errors = fin.Group().Errors;
        Assert.Equal(2, errors.Count);
        Assert.Same(own, errors[0]);
        Assert.Same(boom, errors[1].ToException());
    }

    [Fact]
    public async Task G18_a_member_that_joined_two_failed_children_and_passes_the_first_on_reports_each_once()
    {
        var handles = Slot<(ChildHandle<GroupRuntime, int>, ChildHandle<GroupRuntime, int>)>();
        var gate = Kids.Gate();
        var joiner = Aff<GroupRuntime, int>.EffectMaybe(async _ =>
        {
            var (first, second) = await handles.Task.ConfigureAwait(false);
            var one = await first.Join.Run(GroupRuntime.Uncancellable).ConfigureAwait(false);
            await second.Join.Run(GroupRuntime.Uncancellable).ConfigureAwait(false);
            return one;   // the first failure it was handed, passed on
        });
        var e1 = new InvalidOperationException("first");
        var e2 = new InvalidOperationException("second");
        var fin = await Group.Scope<int>(s => Body(async _ =>
        {
            s.SpawnOrThrow(joiner);
            var c1 = s.SpawnOrThrow(Kids.FailsAt(gate.Task, e1));
            var c2 = s.SpawnOrThrow(Kids.FailsAt(gate.Task, e2));
            handles.SetResult((c1, c2));
            gate.SetResult();
            await Task.CompletedTask.ConfigureAwait(false);
            return 0;
        })).RunAsync();

        var errors = fin.Group().Errors;
        Assert.Equal(new Exception[] { e1, e2 }, errors.Map(e => e.ToException()).ToArray());
    }
}
