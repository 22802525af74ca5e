using FunctionalGroups.Tests.Support;

namespace FunctionalGroups.Tests.Rules;

public class G08_EffectsAreValuesTests
{
    [Fact]
    public async Task G8_building_a_group_starts_nothing()
    {
        var probe = new Probe();
        var group = Group.All(Kids.Ok(1, probe), Kids.Ok(2, probe));
        var zipped = Group.Zip(Kids.Ok(1, probe), Kids.Ok(2, probe).Map(x => x.ToString()));
        Assert.Equal(0, probe.Started);
        await group.RunAsync();
        await zipped.RunAsync();
        Assert.Equal(4, probe.Started);
    }

    [Fact]
    public async Task G8_running_twice_runs_two_independent_groups()
    {
        var probe = new Probe();
        var release = Kids.Gate();
        var group = Group.All(Kids.IgnoresCancellation(release.Task, 1, probe: probe), Kids.Ok(2, probe));
        var one = group.RunAsync().AsTask();
        var two = group.RunAsync().AsTask();
        release.SetResult();
        Assert.Equal(new[] { 1, 2 }, (await one).Value());
        Assert.Equal(new[] { 1, 2 }, (await two).Value());
        Assert.Equal(4, probe.Started);

        // A failed run leaves nothing behind: the next run of the same value starts fresh.
        var flaky = 0;
        var sometimes = Child.FromTask(ct => Interlocked.Increment(ref flaky) == 1
            ? Task.FromException<int>(new TimeoutException())
            : Task.FromResult(5));
        var g = Group.All(sometimes);
        Assert.IsType<GroupError>((await g.RunAsync()).Error());
        Assert.Equal(new[] { 5 }, (await g.RunAsync()).Value());
    }
}
