namespace FunctionalGroups.Tests.ErrorModel;

/// <summary>
/// G11: <see cref="GroupError.Split(ErrorFilter)"/> and <see cref="GroupError.Split(Func{Error, bool})"/> keep the
/// nesting and every name around a nested group in both parts; a filter sees a leaf inside every name on its path,
/// a predicate sees the bare leaf.
/// </summary>
public class G11_SplitKeepsNamesTests
{
    static readonly Error Timeout = Error.New(new TimeoutException("slow"));
    static readonly Error Http = Error.New(new HttpRequestException("down"));
    static readonly Error Other = Error.New("other");

    /// <summary>A nested group inside two names, beside a plain failure.</summary>
    static GroupError Tree(params Error[] nested) =>
        new(Seq.create<Error>(Twice(nested), Other), 3);

    static Error Twice(params Error[] nested) =>
        new NamedError("outer", new NamedError("inner", new GroupError(nested.ToSeq(), 2)));

    static readonly GroupError Whole = Tree(Timeout, new NamedError("leaf", Http));

    [Fact]
    public void G11_a_filter_on_an_inner_name_takes_the_whole_nested_group_inside_both_its_names()
    {
        var (matched, unmatched) = Whole.Split(On.Named("inner"));
        Assert.Equal(Option<GroupError>.Some(new GroupError(Seq.create(Twice(Timeout, new NamedError("leaf", Http))), 3)), matched);
        Assert.Equal(Option<GroupError>.Some(new GroupError(Seq.create(Other), 3)), unmatched);
    }

    [Fact]
    public void G11_a_filter_on_a_leafs_own_name_splits_inside_the_nested_group_and_rewraps_both_parts()
    {
        var (matched, unmatched) = Whole.Split(On.Named("leaf"));
        Assert.Equal(Option<GroupError>.Some(new GroupError(Seq.create(Twice(new NamedError("leaf", Http))), 3)), matched);
        Assert.Equal(Option<GroupError>.Some(new GroupError(Seq.create(Twice(Timeout), Other), 3)), unmatched);
    }

    [Fact]
    public void G11_a_predicate_sees_the_bare_leaf_and_the_parts_keep_every_name()
    {
        var (matched, unmatched) = Whole.Split(e => e.Is<TimeoutException>());
        Assert.Equal(Option<GroupError>.Some(new GroupError(Seq.create(Twice(Timeout)), 3)), matched);
        Assert.Equal(Option<GroupError>.Some(new GroupError(Seq.create(Twice(new NamedError("leaf", Http)), Other), 3)), unmatched);

        var (named, rest) = Whole.Split(e => e is NamedError);
        Assert.True(named.IsNone);
        Assert.Equal(Option<GroupError>.Some(Whole), rest);
    }

    [Fact]
    public void G11_a_filter_sees_the_outer_names_of_a_leaf_but_not_the_names_of_its_siblings()
    {
        var (matched, unmatched) = Whole.Split(On.Named("outer"));
        Assert.Equal(Option<GroupError>.Some(new GroupError(Seq.create(Twice(Timeout, new NamedError("leaf", Http))), 3)), matched);
        Assert.Equal(Option<GroupError>.Some(new GroupError(Seq.create(Other), 3)), unmatched);
        var (none, all) = Whole.Split(On.Named("nobody"));
        Assert.True(none.IsNone);
        Assert.Equal(Option<GroupError>.Some(Whole), all);
    }

    [Fact]
    public void G11_a_nested_group_whose_leaves_all_match_leaves_nothing_of_itself_in_the_other_part()
    {
        var tree = new GroupError(Seq.create<Error>(Other, new GroupError(Seq.create(Timeout, Timeout), 2)), 2);
        var (matched, unmatched) = tree.Split(e => e.Is<TimeoutException>());
        Assert.Equal(Option<GroupError>.Some(new GroupError(Seq.create<Error>(new GroupError(Seq.create(Timeout, Timeout), 2)), 2)), matched);
        Assert.Equal(Option<GroupError>.Some(new GroupError(Seq.create(Other), 2)), unmatched);
    }
}
