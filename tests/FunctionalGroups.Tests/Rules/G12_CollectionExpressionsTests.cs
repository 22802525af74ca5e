using FunctionalGroups.Tests.Support;

namespace FunctionalGroups.Tests.Rules;

/// <summary>
/// G12: a list of children written as a C# collection expression runs every child. (LanguageExt's <c>Seq</c> has an
/// <c>Add</c> that returns a new sequence, so a <c>[..]</c> that the compiler built as a <c>Seq</c> stayed empty and the
/// group ran no child at all; the <c>IEnumerable</c> overloads now take collection expressions.)
/// </summary>
public class G12_CollectionExpressionsTests
{
    [Fact]
    public async Task G12_a_collection_expression_with_options_runs_every_child()
    {
        var options = GroupOptions.Default with { MaxParallelism = 2 };
        Assert.Equal(new[] { 1, 2, 3 }, (await Group.All([Kids.Ok(1), Kids.Ok(2), Kids.Ok(3)], options).RunAsync()).Value());
        Assert.Equal(new[] { 1, 2, 3 }, (await Group.Validate([Kids.Ok(1), Kids.Ok(2), Kids.Ok(3)], options).RunAsync()).Value());
        Assert.Equal(3, (await Group.Settle([Kids.Ok(1), Kids.Ok(2), Kids.Ok(3)], options).RunAsync()).Value().Count);
        Assert.Equal(1, (await Group.Race([Kids.Ok(1)], options).RunAsync()).Value());
    }

    [Fact]
    public async Task G12_a_collection_expression_without_options_runs_every_child()
    {
        Assert.Equal(new[] { 1, 2 }, (await Group.All([Kids.Ok(1), Kids.Ok(2)]).RunAsync()).Value());
        Assert.Equal(2, (await Group.Settle([Kids.Ok(1), Kids.Ok(2)]).RunAsync()).Value().Count);
    }

    [Fact]
    public async Task G12_a_seq_still_runs_every_child()
    {
        Seq<Aff<GroupRuntime, int>> children = Prelude.Seq(Kids.Ok(1), Kids.Ok(2));
        Assert.Equal(new[] { 1, 2 }, (await Group.All(children, GroupOptions.Default).RunAsync()).Value());
        Assert.Equal(new[] { 1, 2 }, (await Group.All(children).RunAsync()).Value());
    }
}
