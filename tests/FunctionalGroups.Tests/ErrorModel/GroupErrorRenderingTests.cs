namespace FunctionalGroups.Tests.ErrorModel;

/// <summary>
/// <see cref="GroupError.ToString"/> draws the tree like Python's traceback module draws an <c>ExceptionGroup</c>, with
/// its limits: 10 levels drawn (then the leaves of what is deeper, at most 15, as a list) and 15 entries per level
/// (then a count of the rest). These pin the exact drawing at each limit and for each kind of entry.
/// </summary>
public class GroupErrorRenderingTests
{
    /// <summary><paramref name="levels"/> groups of one entry around <paramref name="inner"/>.</summary>
    static Error Nest(Error inner, int levels)
    {
        for (var i = 0; i < levels; i++) inner = new GroupError(Seq.create(inner), 1);
        return inner;
    }

    /// <summary>The lines of the drawing of ten nested single-entry groups, down to the branch of the tenth's entry,
    /// a group of message <paramref name="innermost"/>.</summary>
    static IEnumerable<string> TenLevelsDown(string innermost = "1 of 1 task failed")
    {
        yield return "GroupError: 1 of 1 task failed";
        for (var depth = 0; depth < 10; depth++)
        {
            var indent = new string(' ', 2 * depth);
            yield return indent + "+-+---------------- 1 ----------------";
            yield return indent + "  | GroupError: " + (depth == 9 ? innermost : "1 of 1 task failed");
        }
    }

    static IEnumerable<string> ClosingBars(int levels) =>
        Enumerable.Range(0, levels).Reverse().Select(depth => new string(' ', 2 * depth) + "  +------------------------------------");

    [Fact]
    public void A_tree_deeper_than_ten_levels_is_drawn_ten_levels_deep_then_lists_the_leaves_below()
    {
        var tree = Nest(new NamedError("leaf", Error.New(new TimeoutException("deepest"))), 11);
        var expected = TenLevelsDown()
            .Append("                    | ... (deeper than 10 levels; its leaves:)")
            .Append("                    | - leaf: TimeoutException: deepest")
            .Concat(ClosingBars(10));
        Assert.Equal(string.Join('\n', expected), tree.ToString());
    }

    [Fact]
    public void A_tree_exactly_ten_levels_deep_is_drawn_whole()
    {
        var tree = Nest(Error.New(new TimeoutException("deepest")), 10);
        var text = tree.ToString();
        Assert.DoesNotContain("deeper than", text);
        Assert.Contains("\n                    | TimeoutException: deepest\n", text);
    }

    [Fact]
    public void The_leaves_below_the_depth_limit_are_listed_fifteen_at_most_with_their_names_and_first_lines()
    {
        var leaves = Enumerable.Range(1, 16)
            .Select(i => i % 2 == 0 ? (Error)new NamedError($"n{i}", Error.New($"e{i}")) : Error.New(i, $"e{i}\nsecond line"))
            .ToSeq();
        var tree = Nest(new GroupError(leaves, 16), 10);
        var bar = "                    | ";
        var expected = TenLevelsDown("16 of 16 tasks failed")
            .Append(bar + "... (deeper than 10 levels; its leaves:)")
            .Concat(Enumerable.Range(1, 15).Select(i => bar + (i % 2 == 0 ? $"- n{i}: Expected: e{i}" : $"- Expected ({i}): e{i}")))
            .Append(bar + "- and more")
            .Concat(ClosingBars(10));
        Assert.Equal(string.Join('\n', expected), tree.ToString());
    }

    [Fact]
    public void Fifteen_leaves_below_the_depth_limit_are_all_listed_with_no_and_more()
    {
        var tree = Nest(new GroupError(Enumerable.Range(1, 15).Select(i => Error.New($"e{i}")).ToSeq(), 15), 10);
        var text = tree.ToString();
        Assert.Contains("| - Expected: e15\n", text);
        Assert.DoesNotContain("and more", text);
    }

    [Fact]
    public void A_level_wider_than_fifteen_entries_draws_fifteen_and_counts_the_rest()
    {
        var wide = new GroupError(Enumerable.Range(1, 16).Select(i => Error.New($"e{i}")).ToSeq(), 16);
        var expected = new[]
        {
            "  +---------------- 15 ----------------",
            "  | Expected: e15",
            "  +---------------- ... ----------------",
            "  | and 1 more failures",
            "  +------------------------------------",
        };
        Assert.Equal(expected, wide.ToString().Split('\n').TakeLast(5));
    }

    [Fact]
    public void A_level_of_exactly_fifteen_entries_is_drawn_whole()
    {
        var text = new GroupError(Enumerable.Range(1, 15).Select(i => Error.New($"e{i}")).ToSeq(), 15).ToString();
        Assert.Contains("  | Expected: e15\n  +------------------------------------", text);
        Assert.DoesNotContain("more failures", text);
    }

    [Fact]
    public void Each_kind_of_entry_is_described_by_its_type_code_and_message_on_every_line()
    {
        var tree = new GroupError(Seq.create<Error>(
            new NamedError("outer", new NamedError("inner", Error.New("plain"))),
            new Exceptional("no exception object", 5),
            Error.New(42, "first\nsecond"),
            new Neither()), 4);
        var expected = string.Join('\n',
            "GroupError: 4 of 4 tasks failed",
            "+-+---------------- 1: outer/inner ----------------",
            "  | Expected: plain",
            "  +---------------- 2 ----------------",
            "  | ExceptionalException: no exception object",
            "  +---------------- 3 ----------------",
            "  | Expected (42): first",
            "  | second",
            "  +---------------- 4 ----------------",
            "  | Neither: neither expected nor exceptional",
            "  +------------------------------------");
        Assert.Equal(expected, tree.ToString());
    }

    [Fact]
    public void Nested_groups_are_indented_two_spaces_per_level()
    {
        var tree = Nest(Error.New("x"), 3);
        var expected = string.Join('\n',
            "GroupError: 1 of 1 task failed",
            "+-+---------------- 1 ----------------",
            "  | GroupError: 1 of 1 task failed",
            "  +-+---------------- 1 ----------------",
            "    | GroupError: 1 of 1 task failed",
            "    +-+---------------- 1 ----------------",
            "      | Expected: x",
            "      +------------------------------------",
            "    +------------------------------------",
            "  +------------------------------------");
        Assert.Equal(expected, tree.ToString());
    }

    [Fact]
    public void The_exception_of_a_group_renders_as_the_group()
    {
        var group = new GroupError(Seq.create(Error.New("x")), 1);
        Assert.Equal(group.ToString(), group.ToException().ToString());
    }

    /// <summary>An error that is neither expected nor exceptional (an open <see cref="Error"/> subtype).</summary>
    sealed record Neither : Error
    {
        public override string Message => "neither expected nor exceptional";
        public override int Code => 0;
        public override bool IsExceptional => false;
        public override bool IsExpected => false;
        public override bool Is<E>() => false;
        public override Exception ToException() => new InvalidOperationException(Message);
        public override ErrorException ToErrorException() => Error.New(Message).ToErrorException();
    }
}
