using FunctionalGroups.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace FunctionalGroups.Tests.Observability;

/// <summary>Rule T1: a group's error says which children it cancelled and why, and never counts them as failures.</summary>
public class T1_WhoCancelledTests
{
    // A child that says it started, then fails with `cleanup` once cancelled: cleanup code failing.
    static Aff<GroupRuntime, int> StartsThenFailsWhenCancelled(TaskCompletionSource started, Exception cleanup) =>
        Child.FromTask<int>(async ct =>
        {
            started.TrySetResult();
            try
            {
                await Task.Delay(Timeout.Infinite, ct).ConfigureAwait(false);
                return 0;
            }
            catch (OperationCanceledException)
            {
                throw cleanup;
            }
        });

    [Fact]
    public async Task T1_a_failure_names_the_siblings_it_cancelled_and_itself_as_the_cause()
    {
        var b = Kids.Gate();
        var c = Kids.Gate();
        var fail = Child.FromTask<int>(async _ =>
        {
            await Task.WhenAll(b.Task, c.Task).ConfigureAwait(false);
            throw new TimeoutException("accounts timed out");
        }).Named("accounts");

        var error = (await Group.All(fail, Kids.StartsThenHangs(b).Named("pricing"), Kids.StartsThenHangs(c)).RunAsync()).Group();

        Assert.Single(error.Errors);
        Assert.Equal(3, error.Total);
        var cancellation = Assert.IsType<GroupCancellation>(error.Cancellation);
        Assert.Equal(CancelReason.Failure, cancellation.Reason);
        Assert.Equal(new CancelledChild(0, "accounts", true), cancellation.FailedChild);
        Assert.Equal(new[] { new CancelledChild(1, "pricing", true), new CancelledChild(2, null, true) }, cancellation.Children);
        Assert.Equal("cancelled 2 ('pricing' (#1), #2) after the failure of 'accounts' (#0)", cancellation.ToString());
        Assert.Contains("cancelled 2 ('pricing' (#1), #2) after the failure of 'accounts' (#0)", error.ToString());
    }

    [Fact]
    public async Task T1_children_that_never_started_under_a_limit_are_listed_as_not_started()
    {
        var first = Kids.Gate();
        var fail = Child.FromTask<int>(async _ =>
        {
            await first.Task.ConfigureAwait(false);
            throw new InvalidOperationException("boom");
        });
        var options = GroupOptions.Default with { MaxParallelism = 2 };

        var error = (await Group.All(Prelude.Seq(Kids.StartsThenHangs(first), fail, Kids.Ok(3), Kids.Ok(4)), options).RunAsync()).Group();

        var cancellation = Assert.IsType<GroupCancellation>(error.Cancellation);
        Assert.Equal(new CancelledChild(1, null, true), cancellation.FailedChild);
        Assert.Equal(new[] { new CancelledChild(0, null, true), new CancelledChild(2, null, false), new CancelledChild(3, null, false) },
            cancellation.Children);
    }

    [Fact]
    public async Task T1_a_scope_names_the_spawned_children_it_cancelled_but_not_its_body()
    {
        var started = Kids.Gate();
        var error = (await Group.Scope<int>(scope => ScopeKit.Body(async ct =>
        {
            scope.SpawnOrThrow(Kids.StartsThenHangs(started), "watcher");
            await started.Task.ConfigureAwait(false);
            scope.SpawnOrThrow(Child.FromTask<int>(_ => throw new InvalidOperationException("bad")), "parser");
            return await ScopeKit.HangUntilCancelled<int>(ct).ConfigureAwait(false);
        })).RunAsync()).Group();

        var cancellation = Assert.IsType<GroupCancellation>(error.Cancellation);
        Assert.Equal(CancelReason.Failure, cancellation.Reason);
        Assert.Equal(new CancelledChild(1, "parser", true), cancellation.FailedChild);
        Assert.Equal(new[] { new CancelledChild(0, "watcher", true) }, cancellation.Children);
        Assert.Single(error.Errors);
    }

    [Fact]
    public async Task T1_a_timeout_is_named_as_the_cause_next_to_a_cleanup_failure()
    {
        var clock = new FakeTimeProvider();
        var started = Kids.Gate();
        var cleaning = Kids.Gate();
        var options = GroupOptions.Default with { Timeout = TimeSpan.FromSeconds(5), TimeProvider = clock };
        var running = Group.All(Prelude.Seq(Kids.StartsThenHangs(started).Named("slow"), StartsThenFailsWhenCancelled(cleaning, new IOException("flush failed"))), options).RunAsync().AsTask();
        await Task.WhenAll(started.Task, cleaning.Task);
        clock.Advance(TimeSpan.FromSeconds(5));
        var error = (await running).Group();

        var cancellation = Assert.IsType<GroupCancellation>(error.Cancellation);
        Assert.Equal(CancelReason.Timeout, cancellation.Reason);
        Assert.Null(cancellation.FailedChild);
        Assert.Equal(new[] { new CancelledChild(0, "slow", true) }, cancellation.Children);
        Assert.Equal(2, error.Errors.Count);
    }

    [Fact]
    public async Task T1_a_parent_cancel_is_named_as_the_cause()
    {
        using var parent = new CancellationTokenSource();
        var started = Kids.Gate();
        var cleaning = Kids.Gate();
        var running = Group.All(Kids.StartsThenHangs(started).Named("poller"), StartsThenFailsWhenCancelled(cleaning, new IOException("close failed")))
            .RunAsync(parent.Token).AsTask();
        await Task.WhenAll(started.Task, cleaning.Task);
        parent.Cancel();
        var error = (await running).Group();

        var cancellation = Assert.IsType<GroupCancellation>(error.Cancellation);
        Assert.Equal(CancelReason.Parent, cancellation.Reason);
        Assert.Equal(new[] { new CancelledChild(0, "poller", true) }, cancellation.Children);
    }

    [Fact]
    public async Task T1_who_was_cancelled_is_left_out_of_equality()
    {
        var cancelledOne = (await Group.All(Kids.Hangs(), Kids.Fails(new TimeoutException("t"), 3)).RunAsync()).Group();
        Assert.NotNull(cancelledOne.Cancellation);
        var same = cancelledOne with { Cancellation = null };
        Assert.Equal(cancelledOne, same);
        Assert.Equal(cancelledOne.GetHashCode(), same.GetHashCode());
    }

    [Fact]
    public async Task T1_a_group_that_cancelled_no_one_has_no_cancellation()
    {
        // The sibling has ended (synchronously, first) when the failure comes: there is no one left to cancel.
        var error = (await Group.All(Child.FromTask(_ => Task.FromResult(1)), Kids.Fails(new TimeoutException())).RunAsync()).Group();
        Assert.Null(error.Cancellation);
    }
}
