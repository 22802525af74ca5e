using FunctionalGroups.Tests.Support;
using Microsoft.Extensions.Time.Testing;
using static FunctionalGroups.Tests.Support.ScopeKit;

namespace FunctionalGroups.Tests.Policies;

/// <summary>
/// What a timeout adds to an outcome, on a fake clock: nothing when every member succeeded anyway, or when the group
/// was already shutting down for a failure; <c>Errors.TimedOut</c> alone when it cut a member short with no real
/// failure; a <see cref="GroupError"/> of the failures and the timeout, counting every member, otherwise.
/// </summary>
public class TimeoutOutcomeEdgesTests
{
    static readonly TimeSpan Due = TimeSpan.FromSeconds(3);

    static GroupOptions On(FakeTimeProvider clock) => GroupOptions.Default with { Timeout = Due, TimeProvider = clock };

    static Aff<GroupRuntime, int> SucceedsWhenCancelled(int value) =>
        Child.FromTask(async ct =>
        {
            await WhenCancelled(ct).ConfigureAwait(false);
            return value;
        });

    [Fact]
    public async Task A_scope_whose_body_and_children_all_succeed_after_its_timeout_succeeds()
    {
        var clock = new FakeTimeProvider();
        var running = Group.Scope<int>(s => Body(async ct =>
        {
            s.SpawnOrThrow(SucceedsWhenCancelled(1));
            await WhenCancelled(ct).ConfigureAwait(false);
            return 5;
        }), On(clock)).RunAsync().AsTask();
        clock.Advance(Due);
        Assert.Equal(5, (await running).Value());
    }

    [Fact]
    public async Task A_scope_timeout_that_cancels_a_child_is_TimedOut_even_when_the_body_returns()
    {
        var clock = new FakeTimeProvider();
        var running = Group.Scope<int>(s => Body(async ct =>
        {
            s.SpawnOrThrow(Kids.Hangs());
            await WhenCancelled(ct).ConfigureAwait(false);
            return 5;
        }), On(clock)).RunAsync().AsTask();
        clock.Advance(Due);
        Assert.Equal(Errors.TimedOut, (await running).Error());
    }

    [Fact]
    public async Task A_scope_timeout_with_a_cleanup_failure_counts_the_body_and_every_child()
    {
        var clock = new FakeTimeProvider();
        var cleanup = new InvalidOperationException("cleanup");
        var running = Group.Scope<int>(s => Body(async ct =>
        {
            s.SpawnOrThrow(Kids.Hangs());
            s.SpawnOrThrow(Kids.FailsWhenCancelled(cleanup));
            s.SpawnOrThrow(Kids.Hangs());
            await WhenCancelled(ct).ConfigureAwait(false);
            return 5;
        }), On(clock)).RunAsync().AsTask();
        clock.Advance(Due);
        var error = (await running).Group();
        Assert.Equal(4, error.Total);
        Assert.Equal(2, error.Errors.Count);
        Assert.Same(cleanup, error.Errors[0].ToException());
        Assert.Equal(Errors.TimedOut, error.Errors[1]);
    }

    [Fact]
    public async Task A_timeout_that_expires_after_a_failure_shut_the_group_down_adds_nothing()
    {
        var clock = new FakeTimeProvider();
        var release = Kids.Gate();
        var boom = new InvalidOperationException("boom");
        // Child 0 ignores the cancel and waits for the gate; child 1 fails while the group starts.
        var running = Group.All(
            new[] { Kids.IgnoresCancellation(release.Task, 0), Child.FromTask<int>(_ => Task.FromException<int>(boom)) },
            On(clock)).RunAsync().AsTask();
        clock.Advance(Due);
        release.SetResult();
        var error = (await running).Group();
        Assert.Same(boom, Assert.Single(error.Errors).ToException());
        Assert.Equal(2, error.Total);
    }
}
