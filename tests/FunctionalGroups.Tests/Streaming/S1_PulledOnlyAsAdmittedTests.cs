using FunctionalGroups.Tests.Support;
using static FunctionalGroups.Tests.Streaming.StreamKit;

namespace FunctionalGroups.Tests.Streaming;

/// <summary>S1: a streaming group pulls its source one item at a time, only once it admits one: a free slot, a
/// reordering window, a consumer that took its value. Nothing is read ahead, so an unbounded source costs nothing.</summary>
public class S1_PulledOnlyAsAdmittedTests
{
    [Fact]
    public async Task S1_TraverseStream_pulls_a_lazy_source_only_as_slots_free()
    {
        var source = CountingSource.Endless();
        var gates = new ItemGates(4);
        var running = Group.TraverseStream(source.Sync().Take(4), (i, ct) => gates.Body(i, ct), Limit(2)).RunAsync().AsTask();
        await gates.Started[0].Task;
        await gates.Started[1].Task;
        Assert.Equal(2, source.Pulled);
        gates.Release[1].SetResult();
        await gates.Started[2].Task;
        Assert.Equal(3, source.Pulled);
        Assert.False(gates.Started[3].Task.IsCompleted);
        foreach (var g in gates.Release) g.TrySetResult();
        Assert.Equal(new[] { 0, 1, 2, 3 }, (await running).Value().ToArray());
        Assert.Equal(4, source.Pulled);
    }

    [Fact]
    public async Task S1_TraverseStream_awaits_MoveNextAsync_of_an_async_source_only_as_slots_free()
    {
        var source = new CountingSource(4);
        var gates = new ItemGates(4);
        var running = Group.TraverseStream(source.Async(), (i, ct) => gates.Body(i, ct), Limit(1)).RunAsync().AsTask();
        await gates.Started[0].Task;
        Assert.Equal(1, source.Pulled);
        gates.Release[0].SetResult();
        await gates.Started[1].Task;
        Assert.Equal(2, source.Pulled);
        foreach (var g in gates.Release) g.TrySetResult();
        Assert.Equal(new[] { 0, 1, 2, 3 }, (await running).Value().ToArray());
        Assert.Equal(1, source.Disposed);
    }

    [Fact]
    public async Task S1_StreamUnordered_holds_a_slot_until_the_consumer_took_the_value()
    {
        var source = CountingSource.Endless();
        var stream = Group.StreamUnordered(source.Sync(), (i, _) => Task.FromResult(i), Limit(2));
        await using var e = stream.GetAsyncEnumerator();
        Assert.True(await e.MoveNextAsync());
        // Two items pulled, one taken: the feeder may pull one more, never a fourth, until the consumer moves on.
        await ScopeKit.Until(() => source.Pulled == 3);
        for (var taken = 2; taken < 50; taken++)
        {
            Assert.True(await e.MoveNextAsync());
            Assert.InRange(source.Pulled, taken, taken + 2);
        }
    }

    [Fact]
    public async Task S1_Stream_lets_no_more_than_the_window_run_or_wait_ahead_of_a_slow_head()
    {
        var source = new CountingSource(10);
        var gates = new ItemGates(10);
        for (var i = 1; i < 10; i++) gates.Release[i].SetResult();
        var stream = Group.Stream(source.Sync(), (i, ct) => gates.Body(i, ct), window: 3, Limit(8));
        await using var e = stream.GetAsyncEnumerator();
        var first = e.MoveNextAsync().AsTask();
        await ScopeKit.Until(() => gates.Ended == 2);
        Assert.Equal(3, source.Pulled);
        Assert.False(first.IsCompleted);
        gates.Release[0].SetResult();
        Assert.True(await first);
        var seen = new List<int> { e.Current };
        while (await e.MoveNextAsync()) seen.Add(e.Current);
        Assert.Equal(Enumerable.Range(0, 10), seen);
    }

    [Fact]
    public async Task S1_Stream_never_has_more_than_the_window_pulled_and_not_taken()
    {
        var pulled = 0;
        var taken = 0;
        var most = 0;
        IEnumerable<int> Source()
        {
            for (var i = 0; i < 200; i++)
            {
                var alive = Interlocked.Increment(ref pulled) - Volatile.Read(ref taken);
                InterlockedMax(ref most, alive);
                yield return i;
            }
        }
        var values = new List<int>();
        await foreach (var v in Group.Stream(Source(), async (i, _) => { await PoolYield.Yield(); return i; }, window: 5, Limit(3)))
        {
            values.Add(v);
            Interlocked.Increment(ref taken);
        }
        Assert.Equal(Enumerable.Range(0, 200), values);
        // The window, and the one value in the consumer's hands.
        Assert.InRange(most, 1, 5 + 1);
    }

    [Fact]
    public async Task S1_AsCompleted_gives_values_in_completion_order_with_their_index_and_name()
    {
        var gates = new ItemGates(3);
        var children = new[] { gates.Child(0).Named("a"), gates.Child(1), gates.Child(2).Named("c") };
        await using var e = Group.AsCompleted(children).GetAsyncEnumerator();
        var next = e.MoveNextAsync().AsTask();
        foreach (var s in gates.Started) await s.Task;
        gates.Release[2].SetResult();
        Assert.True(await next);
        Assert.Equal(new Completed<int>(2, "c", 2), e.Current);
        gates.Release[0].SetResult();
        Assert.True(await e.MoveNextAsync());
        Assert.Equal(new Completed<int>(0, "a", 0), e.Current);
        gates.Release[1].SetResult();
        Assert.True(await e.MoveNextAsync());
        Assert.Equal(new Completed<int>(1, null, 1), e.Current);
        Assert.False(await e.MoveNextAsync());
    }

    [Fact]
    public async Task S1_AsCompleted_starts_children_under_the_limit_in_list_order()
    {
        var gates = new ItemGates(4);
        await using var e = Group.AsCompleted(Enumerable.Range(0, 4).Select(gates.Child), Limit(2)).GetAsyncEnumerator();
        var next = e.MoveNextAsync().AsTask();
        await gates.Started[0].Task;
        await gates.Started[1].Task;
        Assert.False(gates.Started[2].Task.IsCompleted);
        gates.Release[1].SetResult();
        Assert.True(await next);
        Assert.Equal(1, e.Current.Index);
        await gates.Started[2].Task;
        Assert.False(gates.Started[3].Task.IsCompleted);
        foreach (var g in gates.Release) g.TrySetResult();
        var rest = new List<long>();
        while (await e.MoveNextAsync()) rest.Add(e.Current.Index);
        Assert.Equal(new long[] { 0, 2, 3 }, rest.Order());
    }

    [Fact]
    public async Task S1_an_empty_source_gives_an_empty_result_and_starts_nothing()
    {
        var empty = new CountingSource(0);
        Assert.True((await Group.TraverseStream(empty.Sync(), (i, _) => Task.FromResult(i), Limit(2)).RunAsync()).Value().IsEmpty);
        Assert.True((await Group.TraverseStream(empty.Async(), (i, _) => Task.FromResult(i)).RunAsync()).Value().IsEmpty);
        Assert.Empty(await Group.Stream(empty.Async(), (i, _) => Task.FromResult(i), 4, GroupOptions.Default).ToListAsync());
        Assert.Empty(await Group.StreamUnordered(empty.Sync(), (i, _) => Task.FromResult(i), Limit(4)).ToListAsync());
        Assert.Empty(await Group.AsCompleted(Array.Empty<Aff<GroupRuntime, int>>()).ToListAsync());
        Assert.Equal(4, empty.Disposed);
    }

    [Fact]
    public void S1_an_unordered_stream_without_a_limit_or_a_window_below_one_is_refused_when_built()
    {
        var source = new CountingSource(1);
        Assert.Throws<ArgumentException>(() => Group.StreamUnordered(source.Sync(), (i, _) => Task.FromResult(i), GroupOptions.Default));
        Assert.Throws<ArgumentOutOfRangeException>(() => Group.Stream(source.Sync(), (i, _) => Task.FromResult(i), 0, GroupOptions.Default));
        Assert.Throws<ArgumentNullException>(() => Group.TraverseStream((IEnumerable<int>)null!, (i, _) => Task.FromResult(i)));
        Assert.Equal(0, source.Enumerations);
    }

    static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}
