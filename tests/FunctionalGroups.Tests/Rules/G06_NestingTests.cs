using FunctionalGroups.Tests.Support;

namespace FunctionalGroups.Tests.Rules;

public class G06_NestingTests
{
    [Fact]
    public async Task G6_a_failing_nested_group_is_one_entry_holding_its_group_error()
    {
        var inner = new TimeoutException("inner");
        var nested = Group.All(Kids.Ok(1), Kids.Fails(inner)).Map(s => s.Sum()).Named("nested");
        var fin = await Group.All(Kids.Hangs(), nested).RunAsync();
        var entry = Assert.IsType<NamedError>(Assert.Single(fin.Group().Errors));
        var innerGroup = Assert.IsType<GroupError>(entry.Error);
        Assert.Same(inner, Assert.Single(innerGroup.Errors).ToException());
        Assert.Same(inner, Assert.Single(fin.Group().Leaves).ToException());
    }

    [Fact]
    public async Task G6_a_nested_group_whose_children_were_only_cancelled_contributes_nothing()
    {
        var probe = new Probe();
        var nested = Group.All(Kids.Hangs(probe), Kids.Hangs(probe)).Map(s => s.Sum());
        var fin = await Group.All(nested, Kids.Fails(new TimeoutException())).RunAsync();
        Assert.IsType<TimeoutException>(Assert.Single(fin.Group().Errors).ToException());
        Assert.Equal(2, probe.SawCancellationCount);
    }

    [Fact]
    public void G6_leaves_flatten_explicitly_in_depth_first_child_order()
    {
        Error a = Error.New("a"), b = Error.New("b"), c = Error.New("c");
        var tree = new GroupError(Seq.create<Error>(a, new NamedError("n", new GroupError(Seq.create(b, c), 2))), 3);
        Assert.Equal(2, tree.Errors.Count);
        Assert.Equal(new[] { a, b, c }, tree.Leaves.ToArray());
    }
}
