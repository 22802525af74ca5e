namespace FunctionalGroups.Tool.Tests.Tool;

/// <summary><see cref="ChunkAssembler"/>: the first snapshot's parts, in order, each once.</summary>
public sealed class ChunkAssemblerTests
{
    [Fact]
    public void One_part_is_the_whole()
    {
        Assert.Equal("{}", new ChunkAssembler().Add(1, 0, 1, "{}"));
    }

    [Fact]
    public void Parts_in_any_order_join_in_their_order()
    {
        var parts = new ChunkAssembler();
        Assert.Null(parts.Add(5, 2, 3, "c"));
        Assert.Null(parts.Add(5, 0, 3, "a"));
        Assert.Equal("abc", parts.Add(5, 1, 3, "b"));
    }

    [Fact]
    public void Another_snapshot_and_a_repeated_part_are_ignored()
    {
        var parts = new ChunkAssembler();
        Assert.Null(parts.Add(5, 0, 2, "a"));
        Assert.Null(parts.Add(6, 1, 2, "x"));
        Assert.Null(parts.Add(5, 0, 2, "again"));
        Assert.Equal("ab", parts.Add(5, 1, 2, "b"));
        Assert.Null(parts.Add(5, 1, 2, "after"));
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(2, 2)]
    [InlineData(-1, 2)]
    public void Malformed_numbers_are_an_error(int chunk, int chunks)
    {
        Assert.Throws<ToolException>(() => new ChunkAssembler().Add(1, chunk, chunks, "x"));
    }
}
