using FunctionalGroups.Tests.Support;
using Microsoft.Extensions.Time.Testing;
using static FunctionalGroups.Tests.CancelScopes.Scoped;

namespace FunctionalGroups.Tests.CancelScopes;

/// <summary>
/// C2: the effect's outcome stands unless the deadline cancelled it: a value is a value and a real failure a failure
/// (G3), also after the deadline; only a cancellation the deadline caused becomes <c>TimedOut</c> or <c>None</c>.
/// </summary>
public class C2_OnlyTheDeadlinesCancellationIsATimeoutTests
{
    [Fact]
    public async Task C2_an_effect_that_ends_before_the_deadline_gives_its_value()
    {
        var clock = new FakeTimeProvider();
        var release = Kids.Gate();
        var failing = After(release.Task, 7).FailAfter(Due, clock).RunAsync().AsTask();
        var moving = After(release.Task, 8).MoveOnAfter(Due, clock).RunAsync().AsTask();
        clock.Advance(Due - TimeSpan.FromTicks(1));
        release.SetResult();
        Assert.Equal(7, (await failing).Value());
        Assert.Equal(Option<int>.Some(8), (await moving).Value());
        clock.Advance(Due); // the timers are gone: nothing fires into a finished run
    }

    [Fact]
    public async Task C2_an_effect_that_returns_a_value_after_its_deadline_cancelled_it_gives_that_value()
    {
        var clock = new FakeTimeProvider();
        var failing = ReturnsWhenCancelled(5).FailAfter(Due, clock).RunAsync().AsTask();
        var moving = ReturnsWhenCancelled(6).MoveOnAfter(Due, clock).RunAsync().AsTask();
        clock.Advance(Due);
        Assert.Equal(5, (await failing).Value());
        Assert.Equal(Option<int>.Some(6), (await moving).Value());
    }

    [Fact]
    public async Task C2_a_real_failure_raised_while_the_deadline_cancels_is_reported_not_TimedOut_or_None()
    {
        var clock = new FakeTimeProvider();
        var cleanup = new InvalidOperationException("cleanup");
        var failing = Kids.FailsWhenCancelled(cleanup).FailAfter(Due, clock).RunAsync().AsTask();
        var moving = Kids.FailsWhenCancelled(cleanup).MoveOnAfter(Due, clock).RunAsync().AsTask();
        clock.Advance(Due);
        Assert.Same(cleanup, (await failing).Error().ToException());
        Assert.Same(cleanup, (await moving).Error().ToException());
    }

    [Fact]
    public async Task C2_a_cancellation_the_deadline_did_not_cause_is_a_real_failure()
    {
        // An HttpClient timeout, say: an OperationCanceledException while no one cancelled the effect's token.
        var clock = new FakeTimeProvider();
        var own = new TaskCanceledException("the client's own timeout");
        Assert.Same(own, (await Kids.Fails(own).FailAfter(Due, clock).RunAsync()).Error().ToException());
        Assert.Same(own, (await Kids.Fails(own).MoveOnAfter(Due, clock).RunAsync()).Error().ToException());
    }

    [Fact]
    public async Task C2_a_token_callback_that_throws_when_the_deadline_cancels_is_reported()
    {
        var clock = new FakeTimeProvider();
        var thrown = new InvalidOperationException("callback");
        var effect = Child.FromTask(async ct =>
        {
            // Never disposed: the effect resumes on the pool (the gate's continuations are asynchronous) while the deadline's
            // Cancel is still running the callbacks, and disposing this one as the effect ends could remove it before it
            // ran: then nothing would throw, and the fact would fail about once in a loaded run.
            ct.Register(() => throw thrown);
            await ScopeKit.WhenCancelled(ct).ConfigureAwait(false);
            ct.ThrowIfCancellationRequested();
            return 0;
        });
        var failing = effect.FailAfter(Due, clock).RunAsync().AsTask();
        var moving = effect.MoveOnAfter(Due, clock).RunAsync().AsTask();
        clock.Advance(Due);
        Assert.Contains(thrown, (await failing).Error().ToException() is AggregateException a ? a.InnerExceptions : []);
        Assert.Contains(thrown, (await moving).Error().ToException() is AggregateException b ? b.InnerExceptions : []);
    }

    [Fact]
    public async Task C2_a_token_callback_that_throws_after_the_effect_ended_inside_the_deadlines_cancel_is_reported()
    {
        // G18: the effect ends inside the deadline's Cancel call (its second callback completes it, and a TaskCompletionSource
        // without RunContinuationsAsynchronously runs the awaiting code inline); its first callback, which throws, runs
        // after that, since callbacks run last-registered first.
        var clock = new FakeTimeProvider();
        var thrown = new InvalidOperationException("late callback");
        var effect = Aff<GroupRuntime, int>.EffectMaybe(runtime =>
        {
            var ended = new TaskCompletionSource<Fin<int>>();
            runtime.CancellationToken.Register(() => throw thrown);
            runtime.CancellationToken.Register(() => ended.SetResult(Fin<int>.Fail(Errors.Cancelled)));
            return new ValueTask<Fin<int>>(ended.Task);
        });
        var failing = effect.FailAfter(Due, clock).RunAsync().AsTask();
        // On the pool: under xunit's SynchronizationContext, continuations would be scheduled, not run inline.
        await Task.Run(() => clock.Advance(Due));
        Assert.Contains(thrown, (await failing).Error().ToException() is AggregateException a ? a.InnerExceptions : []);
    }
}
