using FunctionalGroups.Tests.Support;

namespace FunctionalGroups.Tests.Policies;

public class TraverseTests
{
    [Fact]
    public async Task Traverse_gives_values_in_item_order_and_never_runs_more_than_the_limit()
    {
        var meter = new PeakMeter();
        Aff<GroupRuntime, int> Square(int i) => meter.Counted(i * i);
        var values = (await Group.Traverse(Enumerable.Range(0, 1_000), Square, GroupOptions.Default with { MaxParallelism = 4 }).RunAsync()).Value();
        Assert.Equal(Enumerable.Range(0, 1_000).Select(i => i * i), values);
        Assert.InRange(meter.Peak, 1, 4);
    }

    [Fact]
    public async Task Traverse_makes_children_only_as_they_start_and_a_failure_stops_the_feed()
    {
        var made = 0;
        var release = Kids.Gate();
        Aff<GroupRuntime, int> Make(int i)
        {
            Interlocked.Increment(ref made);
            return i switch
            {
                0 => Kids.IgnoresCancellation(release.Task, 0),            // holds its slot until the group failed
                1 => Child.FromTask<int>(_ => throw new TimeoutException()),   // fails as it starts
                _ => Kids.Ok(i),
            };
        }
        var items = Enumerable.Range(0, 1_000_000);
        var running = Group.Traverse(items, Make, GroupOptions.Default with { MaxParallelism = 2 }).RunAsync().AsTask();
        release.SetResult();
        var fin = await running;
        Assert.Single(fin.Group().Errors);
        Assert.Equal(2, made);
    }

    [Fact]
    public async Task Traverse_a_function_that_throws_fails_that_child_only()
    {
        var boom = new InvalidOperationException("f threw");
        var fin = await Group.Traverse(new[] { 1, 2 }, i => i == 2 ? throw boom : Kids.Ok(i)).RunAsync();
        Assert.Same(boom, Assert.Single(fin.Group().Errors).ToException());
        Assert.Throws<ArgumentNullException>("items", () => Group.Traverse((IEnumerable<int>)null!, i => Kids.Ok(i)));
    }

    [Fact]
    public async Task Fluent_forms_read_as_the_group_functions()
    {
        var children = Seq.create(Kids.Ok(1), Kids.Ok(2));
        Assert.Equal(new[] { 1, 2 }, (await children.ParAll().RunAsync()).Value());
        Assert.Equal(new[] { 1, 2 }, (await children.ParValidate().RunAsync()).Value());
        Assert.Equal(2, (await children.ParSettle().RunAsync()).Value().Count);
        Assert.InRange((await children.ParRace().RunAsync()).Value(), 1, 2);
        Assert.Equal(new[] { 1, 2 }, (await children.ToList().ParAll(GroupOptions.Default with { MaxParallelism = 1 }).RunAsync()).Value());
    }
}
