using FunctionalGroups.Tests.Support;

namespace FunctionalGroups.Tests.Policies;

/// <summary>
/// <c>Group.Race</c> once a winner is chosen: the first success stays the result whatever the losers do later; a
/// loser's failure before the winner is part of losing at any index; a cleanup failure raised by the winner's cancel
/// (a loser's cancellation callback that throws, G18) is reported, not dropped. Ordered by gates, not by time.
/// </summary>
public class RaceWinnerAndLosersTests
{
    /// <summary>A child that succeeds on its starter's turn, before any sibling can.</summary>
    static Aff<GroupRuntime, int> SucceedsAtOnce(int value) => Child.FromTask(_ => Task.FromResult(value));

    [Fact]
    public async Task Race_keeps_the_first_winner_when_a_loser_that_ignores_cancellation_succeeds_later()
    {
        var release = Kids.Gate();
        // Child 0 waits for the gate and ignores the cancel; child 1 wins while the race starts.
        var loser = Child.FromTask(async _ =>
        {
            await release.Task.ConfigureAwait(false);
            return 2;
        });
        var running = Group.Race(loser, SucceedsAtOnce(1)).RunAsync().AsTask();
        release.SetResult();
        Assert.Equal(1, (await running).Value());
    }

    [Fact]
    public async Task Race_ignores_a_failure_before_the_winner_whatever_the_failing_childs_index()
    {
        var release = Kids.Gate();
        var winner = Child.FromTask(async _ =>
        {
            await release.Task.ConfigureAwait(false);
            return 1;
        });
        // Child 1 fails while the race starts, before child 0 can succeed.
        var failsFirst = Child.FromTask<int>(_ => Task.FromException<int>(new InvalidOperationException("lost early")));
        var running = Group.Race(winner, failsFirst).RunAsync().AsTask();
        release.SetResult();
        Assert.Equal(1, (await running).Value());
    }

    [Fact]
    public async Task G18_Race_reports_a_cancellation_callback_that_throws_when_the_winner_cancels_the_losers()
    {
        var cleanup = new InvalidOperationException("callback failed");
        // Child 0 registers a callback that throws, then waits to be cancelled; child 1 wins while the race starts,
        // and its cancel of child 0 runs that callback: a failure that belongs to no child's outcome.
        var loser = Child.FromTask<int>(async ct =>
        {
            ct.Register(() => throw cleanup);
            await Task.Delay(Timeout.Infinite, ct).ConfigureAwait(false);
            return 0;
        });
        var fin = await Group.Race(loser, SucceedsAtOnce(1)).RunAsync();
        Assert.Same(cleanup, Assert.Single(fin.Group().Errors).ToException());
    }
}
