using FunctionalGroups.Tests.Support;
using Microsoft.Extensions.Time.Testing;
using static FunctionalGroups.Tests.CancelScopes.Scoped;

namespace FunctionalGroups.Tests.CancelScopes;

/// <summary>
/// C4: a shielded effect runs under a token no caller can cancel; its caller still waits for it (G1); its failures,
/// and a cancellation out of it, are real failures (G3); a deadline inside the shield bounds it, one outside waits.
/// </summary>
public class C4_ShieldTests
{
    /// <summary>Signals when the group's token is cancelled, then ends as a cancellation.</summary>
    static Aff<GroupRuntime, int> Watcher(TaskCompletionSource groupCancelled) =>
        Child.FromTask(async ct =>
        {
            await ScopeKit.WhenCancelled(ct).ConfigureAwait(false);
            groupCancelled.TrySetResult();
            ct.ThrowIfCancellationRequested();
            return 0;
        });

    /// <summary>Cleanup that waits for <paramref name="release"/> and records whether its token was cancelled.</summary>
    static Aff<GroupRuntime, int> Cleanup(Task release, Action<bool> sawCancel, Func<int> ends) =>
        Child.FromTask(async ct =>
        {
            await release.ConfigureAwait(false);
            sawCancel(ct.IsCancellationRequested);
            return ends();
        });

    [Fact]
    public async Task C4_a_shielded_child_is_not_cancelled_with_its_group_and_the_group_waits_for_it()
    {
        var boom = new InvalidOperationException("boom");
        var groupCancelled = Kids.Gate();
        var release = Kids.Gate();
        var cancelled = (bool?)null;
        // boom fails once every child has started (RunAsync returns after their synchronous starts): failing earlier,
        // on the pool, it could cancel the group before the shielded child started, which then never starts (G2).
        var fail = Kids.Gate();
        var running = Group.All(Watcher(groupCancelled), Kids.FailsAt(fail.Task, boom), Cleanup(release.Task, c => cancelled = c, () => 1).Shield())
            .RunAsync().AsTask();
        fail.SetResult();
        await groupCancelled.Task;
        Assert.False(running.IsCompleted);
        release.SetResult();
        Assert.Equal(new Exception[] { boom }, (await running).Group().Own().Select(e => e.ToException()));
        Assert.False(cancelled);
    }

    [Fact]
    public async Task C4_a_shielded_childs_failure_is_a_real_failure_of_its_cancelled_group()
    {
        var boom = new InvalidOperationException("boom");
        var cleanup = new InvalidOperationException("cleanup");
        var groupCancelled = Kids.Gate();
        var release = Kids.Gate();
        // boom fails once every child has started (RunAsync returns after their synchronous starts): failing earlier,
        // on the pool, it could cancel the group before the shielded child started, which then never starts (G2).
        var fail = Kids.Gate();
        var running = Group.All(Watcher(groupCancelled), Kids.FailsAt(fail.Task, boom), Cleanup(release.Task, _ => { }, () => throw cleanup).Shield())
            .RunAsync().AsTask();
        fail.SetResult();
        await groupCancelled.Task;
        release.SetResult();
        Assert.Equal(new Exception[] { boom, cleanup }, (await running).Group().Own().Select(e => e.ToException()));
    }

    [Fact]
    public async Task C4_a_cancellation_out_of_a_shield_is_a_real_failure_even_while_its_group_is_cancelled()
    {
        var boom = new InvalidOperationException("boom");
        var groupCancelled = Kids.Gate();
        var release = Kids.Gate();
        var inside = new OperationCanceledException("a timeout inside the cleanup");
        // boom fails once every child has started (RunAsync returns after their synchronous starts): failing earlier,
        // on the pool, it could cancel the group before the shielded child started, which then never starts (G2).
        var fail = Kids.Gate();
        var running = Group.All(Watcher(groupCancelled), Kids.FailsAt(fail.Task, boom), Cleanup(release.Task, _ => { }, () => throw inside).Shield())
            .RunAsync().AsTask();
        fail.SetResult();
        await groupCancelled.Task;
        release.SetResult();
        var entries = (await running).Group().Own();
        Assert.Equal(2, entries.Length);
        Assert.Same(boom, entries[0].ToException());
        Assert.False(FunctionalGroups.Engine.Cancellation.IsCancellation(entries[1]));
        Assert.Same(inside, entries[1].Inner.Map(e => e.ToException()).IfNone(() => null!));
    }

    [Fact]
    public async Task C4_a_deadline_inside_a_shield_still_fires_and_one_outside_waits_for_the_shielded_effect()
    {
        var clock = new FakeTimeProvider();
        using var caller = new CancellationTokenSource();
        // Inside: the shield's own deadline cancels it, caller cancelled or not.
        var inside = Kids.Hangs().FailAfter(Due, clock).Shield().RunAsync(caller.Token).AsTask();
        // Outside: the deadline cannot reach the shielded effect; it waits, and the effect's value stands (C2).
        var release = Kids.Gate();
        var outside = After(release.Task, 9).Shield().FailAfter(Due, clock).RunAsync().AsTask();
        caller.Cancel();
        Assert.False(inside.IsCompleted);
        clock.Advance(Due);
        Assert.Equal(Errors.TimedOut, (await inside).Error());
        Assert.False(outside.IsCompleted);
        release.SetResult();
        Assert.Equal(9, (await outside).Value());
    }

    [Fact]
    public async Task C4_a_shield_starts_its_effect_even_when_its_caller_is_cancelled_already()
    {
        var probe = new Probe();
        using var caller = new CancellationTokenSource();
        caller.Cancel();
        Assert.Equal(4, (await Kids.Ok(4, probe).Shield().RunAsync(caller.Token)).Value());
        Assert.Equal(1, probe.Started);
    }
}
