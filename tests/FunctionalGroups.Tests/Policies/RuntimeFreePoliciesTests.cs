using FunctionalGroups.Tests.Support;
using static LanguageExt.Prelude;

namespace FunctionalGroups.Tests.Policies;

/// <summary>Every policy takes what Group.All takes (Aff&lt;A&gt;, Eff&lt;A&gt;, Eff&lt;RT, A&gt;) under its own rules.</summary>
public class RuntimeFreePoliciesTests
{
    static Aff<int> Fails(string message) => FailAff<int>(Error.New(new InvalidOperationException(message)));

    static Eff<int> EffFails(string message) => FailEff<int>(Error.New(new InvalidOperationException(message)));

    [Fact]
    public async Task G3_Zip_of_runtime_free_children_reports_every_failure_as_a_group()
    {
        var fin = await Group.Zip(Fails("a"), SuccessAff("b")).RunAsync();

        var group = Assert.IsType<GroupError>((Error)fin);
        Assert.Equal("a", Assert.Single(group.Leaves).Message);
    }

    [Fact]
    public async Task G5_Zip_of_Eff_children_of_any_runtime_gives_the_tuple_in_argument_order()
    {
        var fin = await Group.Zip(SuccessEff<GroupRuntime, int>(1), SuccessEff<GroupRuntime, string>("two")).RunAsync();

        Assert.Equal((1, "two"), fin.Value());
    }

    [Fact]
    public async Task Settle_of_runtime_free_children_gives_every_outcome_in_order()
    {
        var fin = await Group.Settle(SuccessEff(1), EffFails("x"), SuccessEff(3)).RunAsync();

        var outcomes = fin.Value();
        Assert.Equal(3, outcomes.Count);
        Assert.True(outcomes[0].IsSucc && outcomes[1].IsFail && outcomes[2].IsSucc);
    }

    [Fact]
    public async Task Validate_of_runtime_free_children_reports_every_failure()
    {
        var fin = await Group.Validate(Fails("a"), SuccessAff(2), Fails("c")).RunAsync();

        Assert.Equal(new[] { "a", "c" }, Assert.IsType<GroupError>((Error)fin).Leaves.Map(e => e.Message).ToArray());
    }

    [Fact]
    public async Task Race_of_runtime_free_children_gives_a_success_and_fails_only_when_none_succeeds()
    {
        Assert.Equal(2, (await Group.Race(Fails("a"), SuccessAff(2)).RunAsync()).Value());
        Assert.Equal(2, Assert.IsType<GroupError>((Error)await Group.Race(EffFails("a"), EffFails("b")).RunAsync()).Leaves.Count);
    }

    [Fact]
    public async Task Traverse_of_runtime_free_children_stops_the_feed_after_a_failure()
    {
        var made = 0;
        var fin = await Group.Traverse(Enumerable.Range(0, 10), i =>
        {
            Interlocked.Increment(ref made);
            return i == 0 ? Fails("first") : SuccessAff(i);
        }, GroupOptions.Default with { MaxParallelism = 1 }).RunAsync();

        Assert.Equal("first", Assert.Single(Assert.IsType<GroupError>((Error)fin).Leaves).Message);
        Assert.Equal(1, made);
    }

    [Fact]
    public async Task Traverse_over_Eff_of_any_runtime_gives_the_values_in_item_order()
    {
        var fin = await Group.Traverse(new[] { 1, 2, 3 }, i => SuccessEff<GroupRuntime, int>(i * 2)).RunAsync();

        Assert.Equal(Seq(2, 4, 6), fin.Value());
    }

    [Fact]
    public async Task FromEff_lifts_a_runtime_free_Eff_into_a_child_of_the_shipped_runtime()
    {
        var fin = await Group.All(Child.FromEff(SuccessEff(1)), Child.FromEff(EffFails("x"))).RunAsync();

        Assert.Equal("x", Assert.Single(Assert.IsType<GroupError>((Error)fin).Leaves).Message);
    }
}
