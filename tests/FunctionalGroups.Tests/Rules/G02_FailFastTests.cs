using FunctionalGroups.Tests.Support;

namespace FunctionalGroups.Tests.Rules;

public class G02_FailFastTests
{
    [Fact]
    public async Task G2_the_first_failure_cancels_every_sibling()
    {
        var probe = new Probe();
        var children = Enumerable.Range(0, 10).Select(_ => Kids.Hangs(probe)).Append(Kids.Fails(new TimeoutException(), 3));
        var fin = await Group.All(children).RunAsync();
        Assert.Equal(10, probe.SawCancellationCount);
        Assert.IsType<TimeoutException>(Assert.Single(fin.Group().Errors).ToException());
    }

    [Fact]
    public async Task G2_children_not_started_when_the_group_is_cancelled_never_start()
    {
        var later = new Probe();
        var failsSynchronously = Child.FromTask<int>(_ => throw new InvalidOperationException("at once"));
        var fin = await Group.All(failsSynchronously, Kids.Ok(1, later), Kids.Ok(2, later)).RunAsync();
        Assert.Equal(0, later.Started);
        Assert.Single(fin.Group().Errors);
    }
}
