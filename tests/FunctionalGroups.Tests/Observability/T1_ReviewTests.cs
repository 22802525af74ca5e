using FunctionalGroups.Tests.Support;

namespace FunctionalGroups.Tests.Observability;

/// <summary>Rule T1 in the corners: every GroupError of a group that cancelled someone says whom, and why.</summary>
public sealed class T1_ReviewTests
{
    static Aff<GroupRuntime, int> Now(int value) => Prelude.SuccessAff<GroupRuntime, int>(value);

    [Fact]
    public async Task T1_a_race_whose_loser_fails_in_its_cleanup_says_the_winner_cancelled_the_losers()
    {
        var error = (await Group.Race(
            Kids.FailsWhenCancelled(new IOException("flush failed")).Named("flusher"),
            Kids.Hangs().Named("idle"),
            Now(3).Named("winner")).RunAsync()).Group();

        Assert.IsType<IOException>(NamedError.Unnamed(Assert.Single(error.Errors)).ToException());
        var cancellation = Assert.IsType<GroupCancellation>(error.Cancellation);
        Assert.Equal(CancelReason.RaceWon, cancellation.Reason);
        Assert.Equal(new[] { new CancelledChild(1, "idle", true) }, cancellation.Children);
    }

    [Fact]
    public async Task T1_zip_names_its_named_children_in_who_cancelled_whom()
    {
        var started = Kids.Gate();
        var error = (await Group.Zip(
            Kids.StartsThenHangs(started).Named("pricing"),
            Child.FromTask<string>(async _ =>
            {
                await started.Task.ConfigureAwait(false);
                throw new InvalidOperationException("bad");
            }).Named("accounts")).RunAsync()).Group();

        var cancellation = Assert.IsType<GroupCancellation>(error.Cancellation);
        Assert.Equal(CancelReason.Failure, cancellation.Reason);
        Assert.Equal(new CancelledChild(1, "accounts", true), cancellation.FailedChild);
        Assert.Equal(new[] { new CancelledChild(0, "pricing", true) }, cancellation.Children);
    }

    [Fact]
    public async Task T1_a_limited_group_lists_its_never_started_named_children_as_not_started()
    {
        var error = (await Group.All(Prelude.Seq(
                Child.FromTask<int>(_ => throw new InvalidOperationException("bad")).Named("first"),
                Now(2).Named("second"),
                Now(3)),
            GroupOptions.Default with { MaxParallelism = 1 }).RunAsync()).Group();

        var cancellation = Assert.IsType<GroupCancellation>(error.Cancellation);
        Assert.Equal(new CancelledChild(0, "first", true), cancellation.FailedChild);
        Assert.Equal(new[] { new CancelledChild(1, "second", false), new CancelledChild(2, null, false) }, cancellation.Children);
    }
}

/// <summary>T1: the first cancel wins, a child's cancel of the group's runtime included.</summary>
public sealed class T1_RuntimeCancelFirstTests
{
    [Fact]
    public async Task T1_a_cleanup_failure_after_a_child_cancelled_the_runtime_leaves_runtime_as_the_reason()
    {
        var started = Kids.Gate();
        var cleanup = Child.FromTask<int>(async ct =>
        {
            started.TrySetResult();
            try
            {
                await Task.Delay(Timeout.Infinite, ct).ConfigureAwait(false);
                return 0;
            }
            catch (OperationCanceledException)
            {
                throw new IOException("flush failed");
            }
        }).Named("flusher");
        var canceller = Aff<GroupRuntime, int>.EffectMaybe(async rt =>
        {
            await started.Task.ConfigureAwait(false);
            rt.CancellationTokenSource.Cancel();
            return Fin<int>.Fail(LanguageExt.Common.Errors.Cancelled);
        }).Named("canceller");

        var error = (await Group.All(cleanup, canceller).RunAsync()).Group();

        Assert.IsType<IOException>(NamedError.Unnamed(Assert.Single(error.Errors)).ToException());
        var cancellation = Assert.IsType<GroupCancellation>(error.Cancellation);
        // The runtime was cancelled first; the flusher's failure came of that cancel and cancelled no one.
        Assert.Equal(CancelReason.Runtime, cancellation.Reason);
        Assert.Null(cancellation.FailedChild);
    }
}

/// <summary>T1: a part made by Split or Handle keeps who-cancelled-whom, also when the handler itself fails.</summary>
public sealed class T1_HandleKeepsCancellationTests
{
    [Fact]
    public async Task T1_the_unmatched_rest_joined_with_a_failing_handlers_error_keeps_the_cancellation()
    {
        var group = Group.All(
            Kids.FailsWhenCancelled(new TimeoutException("cleanup")),
            Kids.Fails(new IOException("disk")),
            Kids.Hangs());

        var error = (await group.Catching(On.Exception<IOException>(),
            _ => Prelude.FailAff<GroupRuntime, Seq<int>>(LanguageExt.Common.Error.New("handler failed"))).RunAsync()).Group();

        Assert.Equal(2, error.Errors.Count);
        var cancellation = Assert.IsType<GroupCancellation>(error.Cancellation);
        Assert.Equal(CancelReason.Failure, cancellation.Reason);
    }
}
