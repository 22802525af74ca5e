using FunctionalGroups.Tests.Support;
using static FunctionalGroups.Tests.Streaming.StreamKit;

namespace FunctionalGroups.Tests.Streaming;

/// <summary>S7: a streaming group is a value (G8): building it reads nothing; each run of the effect, and each
/// enumeration of the stream, enumerates the source again and is a group of its own. (Group.Traverse, by contrast,
/// reads its items once, when it is built.)</summary>
public class S7_EveryRunReadsTheSourceAgainTests
{
    [Fact]
    public async Task S7_TraverseStream_reads_nothing_when_built_and_the_source_again_on_each_run()
    {
        var source = new CountingSource(3);
        var effect = Group.TraverseStream(source.Sync(), i => Child.FromTask(_ => Task.FromResult(i * 10)), Limit(2));
        Assert.Equal(0, source.Enumerations);
        Assert.Equal(new[] { 0, 10, 20 }, (await effect.RunAsync()).Value());
        Assert.Equal(new[] { 0, 10, 20 }, (await effect.RunAsync()).Value());
        Assert.Equal(2, source.Enumerations);
        Assert.Equal(6, source.Pulled);
    }

    [Fact]
    public async Task S7_each_enumeration_of_a_stream_is_a_run_of_its_own()
    {
        var source = new CountingSource(4);
        var stream = Group.Stream(source.Async(), (i, _) => Task.FromResult(i), 2, GroupOptions.Default);
        Assert.Equal(await stream.ToListAsync(), await stream.ToListAsync());
        Assert.Equal(2, source.Enumerations);
    }

    [Fact]
    public async Task S7_Traverse_keeps_reading_its_items_once_when_built()
    {
        var source = new CountingSource(3);
        var effect = Group.Traverse(source.Sync(), (i, _) => Task.FromResult(i));
        Assert.Equal(1, source.Enumerations);
        await effect.RunAsync();
        await effect.RunAsync();
        Assert.Equal(1, source.Enumerations);
    }

    [Fact]
    public async Task S7_the_runtime_free_form_runs_uncancellable_children_over_a_lazy_source()
    {
        var all = await Group.TraverseStream(new CountingSource(5).Sync(), i => Prelude.Aff(async () => { await PoolYield.Yield(); return i + 1; }), Limit(2)).RunAsync();
        Assert.Equal(new[] { 1, 2, 3, 4, 5 }, all.Value());
    }

    [Fact]
    public async Task S7_the_Aff_forms_of_the_streams_run_under_the_given_runtime()
    {
        using var cts = new CancellationTokenSource();
        var runtime = GroupRuntime.New(cts);
        var ordered = await Group.Stream(new CountingSource(3).Async(), i => Child.FromTask(_ => Task.FromResult(i)), runtime, 2, GroupOptions.Default).ToListAsync();
        var unordered = await Group.StreamUnordered(new CountingSource(3).Async(), i => Child.FromTask(_ => Task.FromResult(i)), runtime, Limit(2)).ToListAsync();
        var settled = await Group.SettleAsCompleted(new[] { Child.FromTask(_ => Task.FromResult(1)) }, runtime).ToListAsync();
        Assert.Equal(new[] { 0, 1, 2 }, ordered);
        Assert.Equal(new[] { 0, 1, 2 }, unordered.Select(c => c.Value).Order());
        Assert.Equal(1, Assert.Single(settled).Value.Value());
    }

    [Fact]
    public async Task S7_each_enumeration_of_AsCompleted_runs_every_child_again()
    {
        var runs = 0;
        var children = new[] { Child.FromTask(_ => Task.FromResult(Interlocked.Increment(ref runs))), Child.FromTask(_ => Task.FromResult(0)) };
        var stream = Group.AsCompleted(children);
        Assert.Equal(0, runs);
        Assert.Equal(2, (await stream.ToListAsync()).Count);
        Assert.Equal(2, (await stream.ToListAsync()).Count);
        Assert.Equal(2, runs);
    }
}
