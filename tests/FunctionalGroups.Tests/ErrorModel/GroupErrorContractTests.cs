namespace FunctionalGroups.Tests.ErrorModel;

/// <summary>
/// The value contract of <see cref="GroupError"/> and <see cref="GroupException"/> at its edges: what the constructor
/// refuses (G4: never empty), what <c>Is</c> and structural equality say for every shape of entry (G5, G6), and that
/// the exception form carries the group and its traits unchanged.
/// </summary>
public class GroupErrorContractTests
{
    static readonly Error Timeout = Error.New(new TimeoutException("slow"));
    static readonly Error Http = Error.New(new HttpRequestException("down"));

    [Fact]
    public void G04_a_group_error_is_never_empty_never_holds_a_null_and_never_has_fewer_children_than_failures()
    {
        var empty = Assert.Throws<ArgumentException>(() => new GroupError(Seq<Error>.Empty, 1));
        Assert.Equal("errors", empty.ParamName);
        Assert.StartsWith("A group error holds at least one failure (rule G4)", empty.Message);
        var holdsNull = Assert.Throws<ArgumentException>(() => new GroupError(Seq.create(Timeout, null!), 2));
        Assert.Equal("errors", holdsNull.ParamName);
        Assert.StartsWith("A group error cannot hold a null error.", holdsNull.Message);
        var tooFew = Assert.Throws<ArgumentOutOfRangeException>(() => new GroupError(Seq.create(Timeout, Http), 1));
        Assert.Equal("total", tooFew.ParamName);
        Assert.StartsWith("A group of 1 children cannot have 2 failures.", tooFew.Message);
        var exact = new GroupError(Seq.create(Timeout, Http), 2);
        Assert.Equal(2, exact.Total);
        Assert.True(Seq.create(Timeout, Http) == exact.Errors);
    }

    [Fact]
    public void G04_Is_an_error_is_true_for_any_group_error_and_for_a_matching_leaf_only()
    {
        var tree = new GroupError(Seq.create<Error>(Error.New(7, "seven"), new GroupError(Seq.create(Http), 1)), 2);
        Assert.True(tree.Is(new GroupError(Seq.create(Timeout), 1)));
        Assert.True(tree.Is(new NamedError("named", new GroupError(Seq.create(Timeout), 1))));
        Assert.True(tree.Is(Error.New(7, "seven")));
        Assert.False(tree.Is(Error.New(8, "eight")));
        Assert.False(tree.Is(Timeout));
    }

    [Fact]
    public void G04_a_group_of_expected_errors_only_is_expected_and_not_exceptional()
    {
        var expected = new GroupError(Seq.create<Error>(Error.New(1, "a"), new GroupError(Seq.create<Error>(Error.New(2, "b")), 1)), 2);
        Assert.True(expected.IsExpected);
        Assert.False(expected.IsExceptional);
        var mixed = new GroupError(Seq.create<Error>(Error.New(1, "a"), new GroupError(Seq.create(Timeout), 1)), 2);
        Assert.False(mixed.IsExpected);
        Assert.True(mixed.IsExceptional);
    }

    [Fact]
    public void G06_Leaves_flatten_named_nested_groups_in_depth_first_order_and_keep_named_leaves()
    {
        var namedLeaf = new NamedError("leaf", Http);
        var tree = new GroupError(Seq.create<Error>(
            new NamedError("nested", new GroupError(Seq.create<Error>(Timeout, namedLeaf), 2)),
            Error.New("last")), 3);
        var leaves = tree.Leaves;
        Assert.Equal(3, leaves.Count);
        Assert.Same(Timeout, leaves[0]);
        Assert.Same(namedLeaf, leaves[1]);
        Assert.Equal(Error.New("last"), leaves[2]);
    }

    [Fact]
    public void G04_a_named_error_refuses_a_null_error_saying_why()
    {
        var refused = Assert.Throws<ArgumentNullException>(() => new NamedError("n", null!));
        Assert.Equal("Error", refused.ParamName);
        Assert.StartsWith("A named error names a child's error; it cannot be null.", refused.Message);
    }

    [Fact]
    public void G11_Split_refuses_a_null_predicate_or_filter_when_called()
    {
        var group = new GroupError(Seq.create(Timeout), 1);
        Assert.Equal("predicate", Assert.Throws<ArgumentNullException>(() => group.Split((Func<Error, bool>)null!)).ParamName);
        Assert.Equal("filter", Assert.Throws<ArgumentNullException>(() => group.Split((ErrorFilter)null!)).ParamName);
    }

    [Fact]
    public void G05_equality_is_reflexive_even_for_a_leaf_whose_own_Equals_says_no()
    {
        var leaf = new EqualsNothing();
        var named = new NamedError("n", leaf);
        Assert.True(new GroupError(Seq.create<Error>(leaf, named), 2).Equals(new GroupError(Seq.create<Error>(leaf, named), 2)));
        Assert.False(new GroupError(Seq.create<Error>(leaf), 1).Equals(new GroupError(Seq.create<Error>(new EqualsNothing()), 1)));
    }

    [Fact]
    public void G05_equality_needs_the_same_number_of_entries_not_only_the_same_total()
    {
        var one = new GroupError(Seq.create(Timeout), 3);
        var two = new GroupError(Seq.create(Timeout, Http), 3);
        Assert.NotEqual(one, two);
        Assert.NotEqual(two, one);
        Assert.False(one.Equals(null));
        Assert.True(one.Equals(one));
    }

    [Fact]
    public void G06_equality_compares_shapes_first_a_leaf_never_equals_a_group_or_a_name()
    {
        var group = new GroupError(Seq.create(Timeout), 1);
        var named = new NamedError("n", Timeout);
        // A leaf whose own Equals says yes to everything cannot make a different shape equal.
        var left = new GroupError(Seq.create<Error>(new EqualsAnything()), 1);
        Assert.False(left.Equals(new GroupError(Seq.create<Error>(group), 1)));
        Assert.False(left.Equals(new GroupError(Seq.create<Error>(named), 1)));
        Assert.False(new GroupError(Seq.create<Error>(group), 1).Equals(left));
        Assert.False(new GroupError(Seq.create<Error>(named), 1).Equals(left));
        Assert.True(left.Equals(new GroupError(Seq.create(Timeout), 1)));
    }

    [Fact]
    public void G06_equal_trees_compare_equal_at_every_depth_and_differ_at_the_deepest_leaf()
    {
        static GroupError Tree(string deepest) =>
            new(Seq.create<Error>(new NamedError("a", new GroupError(Seq.create<Error>(Error.New("x"), new GroupError(Seq.create(Error.New(deepest)), 1)), 2))), 1);
        Assert.Equal(Tree("d"), Tree("d"));
        Assert.NotEqual(Tree("d"), Tree("e"));
    }

    [Fact]
    public void A_group_exception_carries_the_group_its_code_and_traits_and_appends_as_LanguageExt_does()
    {
        Assert.Throws<ArgumentNullException>(() => new GroupException(null!));
        var group = new GroupError(Seq.create(Timeout), 1);
        var exception = new GroupException(group);
        Assert.Equal(GroupError.GroupErrorCode, exception.Code);
        Assert.True(exception.Inner.IsNone);
        Assert.True(exception.IsExceptional);
        Assert.False(exception.IsExpected);
        Assert.Same(group, Assert.IsType<GroupException>(group.ToErrorException()).Group);
        var other = Error.New("other").ToErrorException();
        var appended = Assert.IsType<ManyExceptions>(exception.Append(other));
        // Compared one by one: xunit would walk an ErrorException as a collection of itself.
        Assert.Equal(2, appended.Errors.Count);
        Assert.Same(exception, appended.Errors[0]);
        Assert.Same(other, appended.Errors[1]);
        var expectedOnly = new GroupException(new GroupError(Seq.create(Error.New("e")), 1));
        Assert.True(expectedOnly.IsExpected);
        Assert.False(expectedOnly.IsExceptional);
    }

    /// <summary>A leaf error whose equality answers no, even to itself.</summary>
    sealed record EqualsNothing : Error
    {
        public override string Message => "equals nothing";
        public override int Code => 2;
        public override bool IsExceptional => false;
        public override bool IsExpected => true;
        public override bool Is<E>() => false;
        public override Exception ToException() => new InvalidOperationException(Message);
        public override ErrorException ToErrorException() => Error.New(Message).ToErrorException();
        public bool Equals(EqualsNothing? other) => false;
        public override int GetHashCode() => 2;
    }

    /// <summary>A leaf error whose equality answers yes to any error.</summary>
    sealed record EqualsAnything : Error
    {
        public override string Message => "equals anything";
        public override int Code => 1;
        public override bool IsExceptional => false;
        public override bool IsExpected => true;
        public override bool Is<E>() => false;
        public override bool Is(Error error) => true;
        public override Exception ToException() => new InvalidOperationException(Message);
        public override ErrorException ToErrorException() => Error.New(Message).ToErrorException();
        // A record's Equals(object) and Equals(Error) both end here, with null for an error of another type.
        public bool Equals(EqualsAnything? other) => true;
        public override int GetHashCode() => 1;
    }
}
