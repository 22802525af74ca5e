using static LanguageExt.Prelude;

namespace FunctionalGroups.Tests.Handling;

/// <summary>G11: the forms of a single handler beside the effect-returning one: a fixed fallback, and observing.</summary>
public class CatchingFormsTests
{
    static readonly GroupError TwoKinds = new(Seq<Error>(
        Error.New(new TimeoutException("t")), Error.New(new HttpRequestException("c"))), 2);

    [Fact]
    public async Task A_fixed_fallback_is_the_value_when_every_failure_matched()
    {
        var zipped = FailAff<GroupRuntime, (int, string)>(new GroupError(Seq1<Error>(Error.New(new TimeoutException("t"))), 2));

        var fin = await zipped.Catching(On.Exception<TimeoutException>(), (0, "cached")).RunAsync();

        Assert.Equal((0, "cached"), fin.ThrowIfFail());
    }

    [Fact]
    public async Task A_fixed_fallback_leaves_the_unmatched_part_failing()
    {
        var fin = await FailAff<GroupRuntime, int>(TwoKinds).Catching(On.Exception<TimeoutException>(), 0).RunAsync();

        var rest = Assert.IsType<GroupError>((Error)fin);
        Assert.True(Assert.Single(rest.Leaves).Is<HttpRequestException>());
    }

    [Fact]
    public async Task Observing_sees_the_matched_part_and_the_effect_fails_with_the_whole_group()
    {
        GroupError? seen = null;

        var fin = await FailAff<GroupRuntime, int>(TwoKinds).Observing(On.Exception<HttpRequestException>(), eg => seen = eg).RunAsync();

        Assert.True(Assert.Single(seen!.Leaves).Is<HttpRequestException>());
        Assert.Same(TwoKinds, (Error)fin);
    }

    [Fact]
    public async Task Observing_runs_only_when_a_failure_matches()
    {
        var runs = 0;

        var ok = await SuccessAff<GroupRuntime, int>(1).Observing(On.Where(_ => true), _ => runs++).RunAsync();
        var other = await FailAff<GroupRuntime, int>(TwoKinds).Observing(On.Exception<ArgumentException>(), _ => runs++).RunAsync();

        Assert.Equal(1, ok.ThrowIfFail());
        Assert.Same(TwoKinds, (Error)other);
        Assert.Equal(0, runs);
    }

    [Fact]
    public async Task An_observer_that_throws_adds_its_error_and_loses_nothing()
    {
        var fin = await FailAff<GroupRuntime, int>(TwoKinds)
            .Observing(On.Exception<TimeoutException>(), _ => throw new InvalidOperationException("log broke"))
            .RunAsync();

        var group = Assert.IsType<GroupError>((Error)fin);
        Assert.Equal(3, group.Errors.Count);
        Assert.True(group.Errors[2].Is<InvalidOperationException>());
    }

    [Fact]
    public async Task The_runtime_free_forms_behave_alike()
    {
        GroupError? seen = null;
        var failing = FailAff<int>(TwoKinds);

        var observed = await failing.Observing(On.Exception<TimeoutException>(), eg => seen = eg).RunAsync();
        var fallback = await failing.Catching(On.Where(_ => true), 5).RunAsync();

        Assert.Same(TwoKinds, (Error)observed);
        Assert.NotNull(seen);
        Assert.Equal(5, fallback.ThrowIfFail());
    }
}
