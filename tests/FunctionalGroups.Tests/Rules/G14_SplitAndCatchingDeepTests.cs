using FunctionalGroups.Tests.Support;

namespace FunctionalGroups.Tests.Rules;

/// <summary>
/// G14 for <c>except*</c>: <see cref="GroupError.Split(Func{Error, bool})"/> and <c>Catching</c> work on a
/// <see cref="GroupError"/> 100,000 levels deep, and the walk that makes them so keeps G11's semantics exactly.
/// Trees are built iteratively; results are compared structurally (equality is iterative too).
/// </summary>
public class G14_SplitAndCatchingDeepTests
{
    const int N = 100_000;
    static readonly Error Timeout = Error.New(new TimeoutException("deep"));
    static readonly Error Other = Error.New("other");

    /// <summary><paramref name="depth"/> levels: the innermost group holds <paramref name="leaves"/> (total 3), every
    /// level above holds the one below, named.</summary>
    static GroupError Deep(int depth, params Error[] leaves)
    {
        var tree = new GroupError(leaves.ToSeq(), 3);
        for (var level = 1; level < depth; level++) tree = new GroupError(Seq.create<Error>(new NamedError($"level{level}", tree)), 2);
        return tree;
    }

    [Fact]
    public void G14_Split_of_a_100_000_deep_tree_keeps_its_shape_in_both_parts()
    {
        var tree = Deep(N, Timeout, Other);
        var (matched, unmatched) = tree.Split(e => e.Is<TimeoutException>());
        Assert.Equal(Deep(N, Timeout), (GroupError)matched);
        Assert.Equal(Deep(N, Other), (GroupError)unmatched);

        var (byFilter, restByFilter) = tree.Split(On.Exception<TimeoutException>());
        Assert.Equal(Deep(N, Timeout), (GroupError)byFilter);
        Assert.Equal(Deep(N, Other), (GroupError)restByFilter);
    }

    [Fact]
    public void G14_Split_of_a_100_000_deep_tree_gives_None_for_an_empty_part_and_filters_see_every_name_on_the_path()
    {
        var tree = Deep(N, Timeout, Other);
        var (all, none) = tree.Split(On.Named($"level{N - 1}"));
        Assert.Equal(tree, (GroupError)all);
        Assert.True(none.IsNone);
        var (nothing, everything) = tree.Split(_ => false);
        Assert.True(nothing.IsNone);
        Assert.Equal(tree, (GroupError)everything);
    }

    [Fact]
    public async Task G14_Catching_a_failure_100_000_groups_deep_when_every_failure_matches()
    {
        var tree = Deep(N, Timeout, Other);
        GroupError? seen = null;
        var fin = await Aff<GroupRuntime, int>.Fail(tree).Catching(On.Where(_ => true), matched =>
        {
            seen = matched;
            return 7;
        }).RunAsync();
        Assert.Equal(7, fin.Value());
        Assert.Equal(tree, seen);
    }

    [Fact]
    public async Task G14_Catching_a_failure_100_000_groups_deep_when_some_failures_match()
    {
        GroupError? seen = null;
        var fin = await Aff<GroupRuntime, int>.Fail(Deep(N, Timeout, Other)).Catching(On.Exception<TimeoutException>(), matched =>
        {
            seen = matched;
            return 7;
        }).RunAsync();
        Assert.Equal(Deep(N, Other), fin.Group());
        Assert.Equal(Deep(N, Timeout), seen);
    }

    [Fact]
    public async Task G14_Catching_a_failure_100_000_groups_deep_when_no_failure_matches()
    {
        var tree = Deep(N, Timeout, Other);
        var fin = await Aff<GroupRuntime, int>.Fail(tree).Catching(On.Exception<ArgumentException>(), _ => 7).RunAsync();
        Assert.Same(tree, fin.Group());
    }

    [Fact]
    public async Task G11_a_filter_that_throws_keeps_the_original_group_and_adds_its_error()
    {
        var tree = Deep(3, Timeout, Other);
        var broken = new InvalidOperationException("filter");
        var fin = await Aff<GroupRuntime, int>.Fail(tree).Catching(On.Where(_ => throw broken), _ => 7).RunAsync();
        var group = fin.Group();
        Assert.Equal(tree.Errors.Count + 1, group.Errors.Count);
        Assert.Same(tree.Errors[0], group.Errors[0]);
        Assert.Same(broken, group.Errors[^1].ToException());
    }

    [Fact]
    public async Task G11_a_handler_that_throws_is_a_failing_handler_its_error_joins_the_unmatched_part()
    {
        var broken = new InvalidOperationException("handler");
        var fin = await Aff<GroupRuntime, int>.Fail(Deep(3, Timeout, Other))
            .Catching(On.Exception<TimeoutException>(), (Func<GroupError, Aff<GroupRuntime, int>>)(_ => throw broken)).RunAsync();
        var group = fin.Group();
        Assert.Equal(Deep(3, Other), new GroupError(group.Errors.Take(1).ToSeq(), 2));
        Assert.Same(broken, group.Errors[^1].ToException());
    }

    /// <summary>The walk equals the recursive definition (the one Split had before it became iterative) on 500 small
    /// random trees (a fixed seed: deterministic), with a predicate and with name-aware and combined filters.</summary>
    [Fact]
    public void G11_iterative_Split_equals_the_recursive_definition_on_small_trees()
    {
        var random = new Random(20_240_611);
        var filters = new (string Name, ErrorFilter Filter)[]
        {
            ("named a", On.Named("a")),
            ("timeout or named b", On.Exception<TimeoutException>().Or(On.Named("b"))),
            ("cancelled", On.Error(Errors.Cancelled)),
        };
        for (var i = 0; i < 500; i++)
        {
            var tree = RandomTree(random, 3);
            Assert.Equal(Reference(tree, e => NamedError.Unnamed(e).Is<TimeoutException>()), tree.Split(e => e.Is<TimeoutException>()));
            foreach (var (name, filter) in filters)
                Assert.True(Reference(tree, filter.Matches).Equals(tree.Split(filter)), $"filter {name} on\n{tree}");
        }
    }

    static GroupError RandomTree(Random random, int depth)
    {
        var count = random.Next(1, 4);
        var entries = new List<Error>();
        for (var i = 0; i < count; i++)
        {
            Error entry = depth > 0 && random.Next(3) == 0
                ? RandomTree(random, depth - 1)
                : random.Next(3) switch { 0 => Error.New(new TimeoutException("t")), 1 => Error.New("e"), _ => Errors.Cancelled };
            for (var names = random.Next(3); names > 0; names--) entry = new NamedError(random.Next(2) == 0 ? "a" : "b", entry);
            entries.Add(entry);
        }
        return new GroupError(entries.ToSeq(), count + random.Next(3));
    }

    // The recursive definition: nesting and names kept in both parts, Total kept, None for an empty part; the
    // predicate sees a leaf wrapped in every name on its path (outermost first in `path`).
    static (Option<GroupError>, Option<GroupError>) Reference(GroupError group, Func<Error, bool> sees) => Reference(group, sees, []);

    static (Option<GroupError>, Option<GroupError>) Reference(GroupError group, Func<Error, bool> sees, IReadOnlyList<string> path)
    {
        var matched = new List<Error>();
        var unmatched = new List<Error>();
        foreach (var entry in group.Errors)
        {
            var (m, u) = ReferenceEntry(entry, entry, sees, path);
            m.Iter(matched.Add);
            u.Iter(unmatched.Add);
        }
        return (Part(matched, group.Total), Part(unmatched, group.Total));
    }

    static (Option<Error>, Option<Error>) ReferenceEntry(Error whole, Error entry, Func<Error, bool> sees, IReadOnlyList<string> path)
    {
        switch (entry)
        {
            case NamedError named:
                var (m, u) = ReferenceEntry(whole, named.Error, sees, path);
                return (m.Map(e => (Error)new NamedError(named.Name, e)), u.Map(e => (Error)new NamedError(named.Name, e)));
            case GroupError nested:
                var inner = path.ToList();
                for (var e = whole; e is NamedError n; e = n.Error) inner.Add(n.Name);
                var (gm, gu) = Reference(nested, sees, inner);
                return (gm.Map(g => (Error)g), gu.Map(g => (Error)g));
            default:
                var seen = whole;
                for (var i = path.Count - 1; i >= 0; i--) seen = new NamedError(path[i], seen);
                return sees(seen) ? (Prelude.Some(entry), Prelude.None) : (Prelude.None, Prelude.Some(entry));
        }
    }

    static Option<GroupError> Part(List<Error> errors, int total) =>
        errors.Count == 0 ? Prelude.None : Prelude.Some(new GroupError(errors.ToSeq(), total));
}
