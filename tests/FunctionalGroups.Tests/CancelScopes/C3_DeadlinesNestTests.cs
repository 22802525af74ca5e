using FunctionalGroups.Engine;
using FunctionalGroups.Tests.Support;
using Microsoft.Extensions.Time.Testing;
using static FunctionalGroups.Tests.CancelScopes.Scoped;

namespace FunctionalGroups.Tests.CancelScopes;

/// <summary>
/// C3: deadlines nest. The caller's cancellation reaches the effect under a deadline, so an inner deadline never extends
/// an outer one, and the scope whose deadline fired first gives the answer: the other passes it on unchanged.
/// </summary>
public class C3_DeadlinesNestTests
{
    static readonly Error InnerFired = Error.New("the inner deadline fired");

    /// <summary>An inner deadline whose timeout is told apart from the outer's.</summary>
    static Aff<GroupRuntime, int> Inner(Aff<GroupRuntime, int> effect, TimeSpan due, TimeProvider clock) =>
        effect.FailAfter(due, clock).MapFail(e => e.Is(Errors.TimedOut) ? InnerFired : e);

    [Fact]
    public async Task C3_an_inner_deadline_later_than_the_outer_one_ends_at_the_outer_deadline_as_the_outers_timeout()
    {
        var clock = new FakeTimeProvider();
        var probe = new Probe();
        var running = Inner(Kids.Hangs(probe), TimeSpan.FromSeconds(10), clock).FailAfter(Due, clock).RunAsync().AsTask();
        clock.Advance(Due);
        Assert.Equal(Errors.TimedOut, (await running).Error());
        Assert.Equal(1, probe.SawCancellationCount);
    }

    [Fact]
    public async Task C3_an_inner_deadline_sooner_than_the_outer_one_is_the_inners_timeout_passed_on_by_the_outer()
    {
        var clock = new FakeTimeProvider();
        var running = Inner(Kids.Hangs(), Due, clock).FailAfter(TimeSpan.FromSeconds(10), clock).RunAsync().AsTask();
        clock.Advance(Due);
        Assert.Equal(InnerFired, (await running).Error());
    }

    [Fact]
    public async Task C3_an_outer_deadline_around_MoveOnAfter_is_the_outers_timeout_not_None()
    {
        var clock = new FakeTimeProvider();
        var running = Kids.Hangs().MoveOnAfter(TimeSpan.FromSeconds(10), clock).FailAfter(Due, clock).RunAsync().AsTask();
        clock.Advance(Due);
        Assert.Equal(Errors.TimedOut, (await running).Error());
    }

    [Fact]
    public async Task C3_the_callers_cancellation_is_a_cancellation_not_a_timeout_nor_None()
    {
        var clock = new FakeTimeProvider();
        using var caller = new CancellationTokenSource();
        var failing = Kids.Hangs().FailAfter(Due, clock).RunAsync(caller.Token).AsTask();
        var moving = Kids.Hangs().MoveOnAfter(Due, clock).RunAsync(caller.Token).AsTask();
        caller.Cancel();
        clock.Advance(Due);
        var failed = (await failing).Error();
        Assert.True(Cancellation.IsCancellation(failed), failed.ToString());
        Assert.False(failed.Is(Errors.TimedOut));
        var moved = await moving;
        Assert.True(moved.IsFail);
        Assert.True(Cancellation.IsCancellation(moved.Error()));
    }

    [Fact]
    public async Task C3_a_caller_cancelled_already_starts_nothing()
    {
        var clock = new FakeTimeProvider();
        var probe = new Probe();
        using var caller = new CancellationTokenSource();
        caller.Cancel();
        Assert.Equal(Errors.Cancelled, (await Kids.Ok(1, probe).FailAfter(Due, clock).RunAsync(caller.Token)).Error());
        Assert.Equal(Errors.Cancelled, (await Kids.Ok(1, probe).MoveOnAfter(Due, clock).RunAsync(caller.Token)).Error());
        Assert.Equal(0, probe.Started);
    }

    [Fact]
    public async Task C3_in_a_group_a_childs_own_timeout_is_a_real_failure_and_a_sibling_failure_is_no_timeout_of_a_child()
    {
        var clock = new FakeTimeProvider();
        var boom = new InvalidOperationException("boom");
        var gate = Kids.Gate();
        // Its own deadline fires: the child's TimedOut is one real failure of the group.
        var timedOut = Group.All(Kids.Hangs().FailAfter(Due, clock), Kids.Hangs()).RunAsync().AsTask();
        clock.Advance(Due);
        Assert.Equal([Errors.TimedOut], (await timedOut).Group().Own());
        // A sibling fails: the group cancels the child under a deadline, which is a cancellation, not its timeout.
        var failed = Group.All(Kids.Hangs().FailAfter(Due, clock), Kids.FailsAt(gate.Task, boom)).RunAsync().AsTask();
        gate.SetResult();
        var entries = (await failed).Group().Own();
        Assert.Single(entries);
        Assert.Same(boom, entries[0].ToException());
    }
}
