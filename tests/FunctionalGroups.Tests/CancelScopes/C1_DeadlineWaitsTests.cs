using FunctionalGroups.Tests.Support;
using Microsoft.Extensions.Time.Testing;
using static FunctionalGroups.Tests.CancelScopes.Scoped;

namespace FunctionalGroups.Tests.CancelScopes;

/// <summary>C1: when a deadline passes, the effect is cancelled and waited for; nothing is abandoned, nothing leaks.</summary>
public class C1_DeadlineWaitsTests
{
    [Fact]
    public async Task C1_FailAfter_waits_for_the_cancelled_effect_to_end_before_failing_with_TimedOut()
    {
        var clock = new FakeTimeProvider();
        var sawCancel = Kids.Gate();
        var release = Kids.Gate();
        var running = SlowToStop(sawCancel, release.Task).FailAfter(Due, clock).RunAsync().AsTask();
        clock.Advance(Due - TimeSpan.FromTicks(1));
        Assert.False(sawCancel.Task.IsCompleted);
        clock.Advance(TimeSpan.FromTicks(1));
        await sawCancel.Task;
        Assert.False(running.IsCompleted);
        release.SetResult();
        Assert.Equal(Errors.TimedOut, (await running).Error());
    }

    [Fact]
    public async Task C1_MoveOnAfter_waits_for_the_cancelled_effect_to_end_before_giving_None()
    {
        var clock = new FakeTimeProvider();
        var sawCancel = Kids.Gate();
        var release = Kids.Gate();
        var running = SlowToStop(sawCancel, release.Task).MoveOnAfter(Due, clock).RunAsync().AsTask();
        clock.Advance(Due);
        await sawCancel.Task;
        Assert.False(running.IsCompleted);
        release.SetResult();
        Assert.Equal(Option<int>.None, (await running).Value());
    }

    [Fact]
    public async Task C1_LanguageExts_own_Timeout_answers_while_its_effect_still_runs_which_FailAfter_never_does()
    {
        // The documented difference: Aff.Timeout (an instance method, which C# prefers to any extension named Timeout)
        // cancels an unlinked LocalCancel and returns at once. A zero delay makes its Task.Delay complete at once.
        var sawCancel = Kids.Gate();
        var release = Kids.Gate();
        var fin = await SlowToStop(sawCancel, release.Task).Timeout(TimeSpan.Zero).RunAsync();
        Assert.Equal(Errors.TimedOut, fin.Error());
        await sawCancel.Task;
        Assert.False(release.Task.IsCompleted); // the effect is still running: abandoned
        release.SetResult();
    }

    [Fact]
    public async Task C1_every_timer_and_every_source_is_disposed_on_every_path()
    {
        var clock = new CountingClock();
        var made = new List<CancellationTokenSource>();
        using var root = new CancellationTokenSource();
        var runtime = new TrackingRuntime(root, made);

        // Ends before the deadline.
        Assert.Equal(1, (await Child.FromTask<TrackingRuntime, int>(_ => Task.FromResult(1)).FailAfter(Due, clock).Run(runtime)).Value());
        // Cut short by the deadline.
        var timingOut = Child.FromTask<TrackingRuntime, int>(ct => ScopeKit.HangUntilCancelled<int>(ct)).MoveOnAfter(Due, clock).Run(runtime).AsTask();
        clock.Advance(Due);
        Assert.True((await timingOut).Value().IsNone);
        // A real failure.
        var boom = new InvalidOperationException("boom");
        Assert.Same(boom, (await Child.FromTask<TrackingRuntime, int>(_ => throw boom).FailAfter(Due, clock).Run(runtime)).Error().ToException());
        // A shield.
        Assert.Equal(2, (await Child.FromTask<TrackingRuntime, int>(_ => Task.FromResult(2)).Shield().Run(runtime)).Value());
        // Cancelled by the caller.
        var cancelled = Child.FromTask<TrackingRuntime, int>(ct => ScopeKit.HangUntilCancelled<int>(ct)).FailAfter(Due, clock).Run(runtime).AsTask();
        root.Cancel();
        Assert.True((await cancelled).IsFail);

        Assert.Equal(4, clock.Made);
        Assert.Equal(clock.Made, clock.Disposed);
        Assert.Equal(5, made.Count);
        Assert.All(made, source => Assert.True(TrackingRuntime.IsDisposed(source)));
    }

    [Fact]
    public void C1_a_deadline_that_no_timer_can_take_is_refused_when_the_effect_is_built()
    {
        var effect = Kids.Ok(1);
        Assert.Throws<ArgumentOutOfRangeException>(() => effect.FailAfter(TimeSpan.FromTicks(-1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => effect.MoveOnAfter(GroupOptions.MaxTimeout + TimeSpan.FromMilliseconds(1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => effect.FailAfter(Timeout.InfiniteTimeSpan));
        Assert.Throws<ArgumentNullException>(() => effect.FailAfter(Due, null!));
        Assert.Throws<ArgumentNullException>(() => effect.MoveOnAfter(Due, null!));
    }
}
