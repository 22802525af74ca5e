namespace FunctionalGroups.Tests.ErrorModel;

public class GroupErrorTests
{
    static readonly Error Timeout = Error.New(new TimeoutException("Request timed out"));
    static readonly Error Connection = Error.New(new HttpRequestException("Server unavailable"));

    [Fact]
    public void The_message_is_one_line_counting_failures_and_tasks()
    {
        Assert.Equal("2 of 3 tasks failed", new GroupError(Seq.create(Timeout, Connection), 3).Message);
        Assert.Equal("1 of 1 task failed", new GroupError(Seq.create(Timeout), 1).Message);
    }

    [Fact]
    public void The_code_is_distinct_and_not_zero()
    {
        var group = new GroupError(Seq.create(Timeout), 1);
        Assert.NotEqual(0, group.Code);
        Assert.NotEqual(Errors.Cancelled.Code, group.Code);
        Assert.NotEqual(Errors.ManyErrorsCode, group.Code);
        Assert.NotEqual(Errors.TimedOutCode, group.Code);
        Assert.Equal(GroupError.GroupErrorCode, group.Code);
    }

    [Fact]
    public void Is_of_an_exception_type_is_true_when_any_leaf_matches()
    {
        var tree = new GroupError(Seq.create<Error>(Error.New("x"), new NamedError("n", new GroupError(Seq.create(Connection), 1))), 2);
        Assert.True(tree.Is<HttpRequestException>());
        Assert.False(tree.Is<TimeoutException>());
        Assert.True(tree.IsExceptional);
        Assert.False(tree.IsExpected);
        Assert.True(tree.Is(Error.New("x")));
    }

    [Fact]
    public void Equality_is_structural_over_the_entries_in_order()
    {
        var one = new GroupError(Seq.create<Error>(Timeout, new NamedError("c", Connection)), 3);
        var same = new GroupError(Seq.create<Error>(Timeout, new NamedError("c", Connection)), 3);
        Assert.Equal(one, same);
        Assert.Equal(one.GetHashCode(), same.GetHashCode());
        Assert.NotEqual(one, new GroupError(Seq.create<Error>(new NamedError("c", Connection), Timeout), 3));
        Assert.NotEqual(one, new GroupError(Seq.create<Error>(Timeout, new NamedError("other", Connection)), 3));
        Assert.NotEqual(one, new GroupError(Seq.create<Error>(Timeout, new NamedError("c", Connection)), 4));
        Assert.NotEqual(one, new GroupError(Seq.create<Error>(Timeout, Connection), 3));
    }

    [Fact]
    public void ToString_draws_the_tree_like_a_python_exception_group()
    {
        var tree = new GroupError(Seq.create<Error>(
            new NamedError("timeout_task", Timeout),
            new NamedError("nested", new GroupError(Seq.create<Error>(new NamedError("connection_task", Connection)), 2)),
            Error.New(7, "expected")), 4);
        var expected = string.Join('\n',
            "GroupError: 3 of 4 tasks failed",
            "+-+---------------- 1: timeout_task ----------------",
            "  | TimeoutException: Request timed out",
            "  +---------------- 2: nested ----------------",
            "  | GroupError: 1 of 2 tasks failed",
            "  +-+---------------- 1: connection_task ----------------",
            "    | HttpRequestException: Server unavailable",
            "    +------------------------------------",
            "  +---------------- 3 ----------------",
            "  | Expected (7): expected",
            "  +------------------------------------");
        Assert.Equal(expected, tree.ToString());
    }

    [Fact]
    public void ToString_stays_readable_for_wide_and_deep_trees()
    {
        var wide = new GroupError(Enumerable.Range(0, 100).Select(i => Error.New($"e{i}")).ToSeq(), 100);
        var text = wide.ToString();
        Assert.Contains("| and 85 more failures", text);
        Assert.DoesNotContain("e15", text);

        Error deep = Error.New(new TimeoutException("deepest"));
        for (var i = 0; i < 50; i++) deep = new GroupError(Seq.create(deep), 1);
        Assert.Contains("- TimeoutException: deepest", deep.ToString());
    }

    [Fact]
    public void A_group_error_round_trips_through_its_exception()
    {
        var group = new GroupError(Seq.create(Timeout, Connection), 2);
        var exception = Assert.IsType<GroupException>(group.ToException());
        Assert.Same(group, exception.Group);
        Assert.Same(group, exception.ToError());
        Assert.Equal("2 of 2 tasks failed", exception.Message);
        var thrown = Assert.Throws<GroupException>(() => Prelude.FinFail<int>(group).ThrowIfFail());
        Assert.Same(group, thrown.Group);
    }

    [Fact]
    public void A_named_error_sees_through_to_the_childs_error()
    {
        var named = new NamedError("accounts", Connection);
        Assert.Equal("accounts: Server unavailable", named.Message);
        Assert.Equal(Connection.Code, named.Code);
        Assert.True(named.Is<HttpRequestException>());
        Assert.True(named.Is(Connection));
        Assert.Same(Connection.ToException(), named.ToException());
        Assert.Same(Connection, NamedError.Unnamed(new NamedError("outer", named)));
    }
}
