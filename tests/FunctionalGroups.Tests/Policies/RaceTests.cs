using FunctionalGroups.Tests.Support;

namespace FunctionalGroups.Tests.Policies;

public class RaceTests
{
    [Fact]
    public async Task Race_the_first_success_wins_and_every_loser_ended_before_the_race_returned()
    {
        var losers = new Probe();
        var winnerGate = Kids.Gate();
        var winner = Child.FromTask(async ct =>
        {
            await winnerGate.Task.ConfigureAwait(false);
            return 7;
        });
        var running = Group.Race(Kids.Hangs(losers), winner, Kids.Hangs(losers)).RunAsync().AsTask();
        winnerGate.SetResult();
        var value = (await running).Value();
        var raceEnd = Probe.Tick();
        Assert.Equal(7, value);
        Assert.Equal(2, losers.SawCancellationCount);
        Assert.Equal(0, losers.Live);
        Assert.True(losers.LastEnd < raceEnd);
    }

    [Fact]
    public async Task Race_failures_before_a_winner_are_part_of_losing()
    {
        // The first runner fails as it starts, before the second even starts: it lost, and is not reported.
        var failsFirst = Child.FromTask<int>(_ => throw new TimeoutException("lost"));
        Assert.Equal(2, (await Group.Race(failsFirst, Kids.Ok(2)).RunAsync()).Value());
    }

    [Fact]
    public async Task Race_with_no_winner_fails_with_every_failure_in_child_order()
    {
        var gate = Kids.Gate();
        var errors = Enumerable.Range(0, 3).Select(i => new InvalidOperationException($"e{i}")).ToArray();
        var running = Group.Race(errors.Select(e => Kids.FailsAt(gate.Task, e))).RunAsync().AsTask();
        gate.SetResult();
        Assert.Equal(errors, (await running).Group().Errors.Map(e => (InvalidOperationException)e.ToException()).ToArray());
    }

    [Fact]
    public async Task Race_a_losers_cleanup_failure_is_reported_even_with_a_winner()
    {
        var cleanup = new InvalidOperationException("loser cleanup failed");
        var fin = await Group.Race(Kids.FailsWhenCancelled(cleanup), Kids.Ok(1)).RunAsync();
        Assert.Same(cleanup, Assert.Single(fin.Group().Errors).ToException());
    }

    [Fact]
    public async Task Race_cancelled_from_outside_before_any_success_gives_Cancelled()
    {
        using var cts = new CancellationTokenSource();
        var running = Group.Race(Kids.Hangs(), Kids.Hangs()).RunAsync(cts.Token).AsTask();
        cts.Cancel();
        Assert.True((await running).Error().Is(Errors.Cancelled));
    }

    [Fact]
    public void Race_of_no_child_is_refused_when_built()
    {
        Assert.Throws<ArgumentException>("children", () => Group.Race(Seq<Aff<GroupRuntime, int>>.Empty));
        Assert.Throws<ArgumentNullException>("children", () => Group.Race((IEnumerable<Aff<GroupRuntime, int>>)null!));
    }
}
