using FunctionalGroups.Tests.Support;

namespace FunctionalGroups.Tests.Rules;

public class G04_AlwaysAGroupTests
{
    [Fact]
    public async Task G4_a_single_failure_is_still_a_group_holding_the_childs_own_error()
    {
        var error = Error.New("the one");
        var fin = await Group.All(Kids.Ok(1), Kids.FailsWith(error)).RunAsync();
        var group = fin.Group();
        Assert.Same(error, Assert.Single(group.Errors));
        Assert.Equal("1 of 2 tasks failed", group.Message);
    }

    [Fact]
    public async Task G4_a_named_failure_keeps_the_error_reachable_and_matchable()
    {
        var exception = new TimeoutException("slow");
        var fin = await Group.All(Kids.Fails(exception).Named("accounts")).RunAsync();
        var entry = Assert.IsType<NamedError>(Assert.Single(fin.Group().Errors));
        Assert.Equal("accounts", entry.Name);
        Assert.Same(exception, entry.Error.ToException());
        Assert.True(entry.Is<TimeoutException>());
        Assert.True(fin.Group().Is<TimeoutException>());
        Assert.StartsWith("accounts: ", entry.Message);
        Assert.True(fin.Group().Split(On.Exception<TimeoutException>()).Matched.IsSome);
    }
}
