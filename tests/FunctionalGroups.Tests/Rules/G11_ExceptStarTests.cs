using FunctionalGroups.Tests.Support;

namespace FunctionalGroups.Tests.Rules;

public class G11_ExceptStarTests
{
    static readonly TimeoutException Timeout1 = new("t1");
    static readonly TimeoutException Timeout2 = new("t2");
    static readonly HttpRequestException Http = new("http");

    /// <summary>Three children that all fail at one gate, opened once all have started.</summary>
    static async Task<Fin<A>> RunFailing<A>(Func<Aff<GroupRuntime, Seq<int>>, Aff<GroupRuntime, A>> handle)
    {
        var gate = Kids.Gate();
        var group = Group.All(
            Kids.FailsAt(gate.Task, Timeout1).Named("first"),
            Group.All(Kids.FailsAt(gate.Task, Http), Kids.FailsAt(gate.Task, Timeout2)).Map(s => s.Sum()).Named("nested"),
            Kids.Ok(3));
        var running = handle(group).RunAsync().AsTask();
        gate.SetResult();
        return await running;
    }

    [Fact]
    public async Task G11_a_handler_takes_the_matching_failures_and_the_rest_keep_failing()
    {
        GroupError? seen = null;
        var fin = await RunFailing(g => g.Catching(On.Exception<TimeoutException>(), matched =>
        {
            seen = matched;
            return Seq.create(0);
        }));
        Assert.NotNull(seen);
        Assert.Equal(new Exception[] { Timeout1, Timeout2 }, seen!.Leaves.Map(e => e.ToException()).ToArray());
        // Nesting and names are kept in the matched part.
        Assert.Equal("first", Assert.IsType<NamedError>(seen.Errors[0]).Name);
        Assert.IsType<GroupError>(Assert.IsType<NamedError>(seen.Errors[1]).Error);
        // The rest keeps failing, nesting kept.
        var rest = fin.Group();
        Assert.Same(Http, Assert.Single(rest.Leaves).ToException());
        Assert.Equal("nested", Assert.IsType<NamedError>(Assert.Single(rest.Errors)).Name);
    }

    [Fact]
    public async Task G11_when_every_failure_matches_the_handlers_value_is_the_result()
    {
        var fin = await RunFailing(g => g
            .Catching(On.Exception<TimeoutException>(), _ => Seq.create(1))
            .Catching(On.Exception<HttpRequestException>(), matched => Seq.create(matched.Leaves.Count)));
        Assert.Equal(new[] { 1 }, fin.Value());
    }

    [Fact]
    public async Task G11_filters_combine_like_a_tuple_in_except_star()
    {
        var fin = await RunFailing(g => g.Catching(On.Exception<TimeoutException>().Or(On.Exception<HttpRequestException>()), m => Seq.create(m.Leaves.Count)));
        Assert.Equal(new[] { 3 }, fin.Value());
    }

    [Fact]
    public async Task G11_a_failing_handler_joins_the_unmatched_part()
    {
        var handlerError = Error.New("handler failed");
        var fin = await RunFailing(g => g.Catching(On.Exception<TimeoutException>(), _ => Aff<GroupRuntime, Seq<int>>.Fail(handlerError)));
        var rest = fin.Group();
        Assert.Equal(2, rest.Errors.Count);
        Assert.Same(handlerError, rest.Errors[1]);
    }

    [Fact]
    public async Task G11_filters_see_through_names_by_name_and_by_error_type()
    {
        var byName = await RunFailing(g => g.Catching(On.Named("nested"), m => Seq.create(m.Leaves.Count)));
        Assert.Same(Timeout1, Assert.Single(byName.Group().Leaves).ToException());

        var byType = await RunFailing(g => g.Catching(On.Error<Exceptional>(), m => Seq.create(m.Leaves.Count)));
        Assert.Equal(new[] { 3 }, byType.Value());

        var byPredicate = await RunFailing(g => g.Catching(On.Where(e => e.Message == "t2"), m => Seq.create(-1)));
        Assert.Equal(2, byPredicate.Group().Leaves.Count);
    }

    [Fact]
    public async Task G11_non_group_failures_and_unmatched_groups_pass_through()
    {
        var handled = 0;
        var plain = await Aff<GroupRuntime, int>.Fail(Errors.Cancelled)
            .Catching(On.Where(_ => true), _ => ++handled).RunAsync();
        Assert.True(plain.Error().Is(Errors.Cancelled));

        var unmatched = await RunFailing(g => g.Catching(On.Exception<ArgumentException>(), _ => Seq.create(++handled)));
        Assert.Equal(3, unmatched.Group().Leaves.Count);
        Assert.Equal(0, handled);
    }

    [Fact]
    public async Task G11_handlers_work_for_runtime_free_effects()
    {
        var group = Group.All(Prelude.Aff(async () => { await Task.Yield(); return 1; }), Prelude.FailAff<int>(Error.New(new TimeoutException())));
        var fin = await group.Catching(On.Exception<TimeoutException>(), m => Seq.create(m.Errors.Count)).Run();
        Assert.Equal(new[] { 1 }, fin.Value());
    }

    [Fact]
    public void G11_split_keeps_nesting_names_and_total()
    {
        Error a = Error.New(new TimeoutException("a")), b = Error.New("b"), c = Error.New(new TimeoutException("c"));
        var tree = new GroupError(Seq.create<Error>(a, new NamedError("n", new GroupError(Seq.create(b, c), 2)), b), 5);
        var (matched, unmatched) = tree.Split(e => e.Is<TimeoutException>());
        Assert.Equal(new GroupError(Seq.create<Error>(a, new NamedError("n", new GroupError(Seq.create(c), 2))), 5), matched);
        Assert.Equal(new GroupError(Seq.create<Error>(new NamedError("n", new GroupError(Seq.create(b), 2)), b), 5), unmatched);
        Assert.True(tree.Split(_ => false).Matched.IsNone);
        Assert.True(tree.Split(_ => true).Unmatched.IsNone);
    }
}
