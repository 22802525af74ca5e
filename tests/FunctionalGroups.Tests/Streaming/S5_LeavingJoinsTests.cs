using FunctionalGroups.Tests.Support;
using static FunctionalGroups.Tests.Streaming.StreamKit;

namespace FunctionalGroups.Tests.Streaming;

/// <summary>S5: leaving a stream early (break, an exception in the loop's body, DisposeAsync) cancels the children
/// still running and waits for them before DisposeAsync returns (G1); a real failure raised meanwhile is thrown from
/// DisposeAsync (G3); the source is disposed.</summary>
public class S5_LeavingJoinsTests
{
    [Fact]
    public async Task S5_break_cancels_and_joins_the_running_children_before_DisposeAsync_returns()
    {
        var gates = new ItemGates(2);
        var children = new[] { Child.FromTask(_ => Task.FromResult(7)), Child.FromTask(ct => gates.Stubborn(1, ct)) };
        var e = Group.AsCompleted(children).GetAsyncEnumerator();
        Assert.True(await e.MoveNextAsync());
        Assert.Equal(7, e.Current.Value);
        var disposing = e.DisposeAsync().AsTask();
        await gates.SawCancel[1].Task;
        Assert.False(disposing.IsCompleted);
        gates.Release[1].SetResult();
        await disposing;
        Assert.Equal(1, gates.Ended);
    }

    [Fact]
    public async Task S5_an_exception_in_the_loops_body_leaves_after_the_join_and_keeps_the_consumers_exception()
    {
        // Taking item 0 moves the window: item 3 may be pulled before the body throws.
        var gates = new ItemGates(4);
        var source = CountingSource.Endless();
        var thrown = await Assert.ThrowsAsync<FormatException>(async () =>
        {
            await foreach (var v in Group.Stream(source.Async(), (i, ct) => i == 0 ? Task.FromResult(0) : gates.Body(i, ct), 3, Limit(3)))
                throw new FormatException("the consumer failed");
        });
        Assert.Equal("the consumer failed", thrown.Message);
        // Every child that started has ended (G1); an item pulled while the group was shutting down never started (G2).
        var started = gates.Started.Skip(1).Count(static g => g.Task.IsCompleted);
        Assert.Equal(started, gates.Ended);
        Assert.InRange(started, source.Pulled - 2, source.Pulled - 1);
        Assert.InRange(source.Pulled, 3, 4);
        Assert.Equal(1, source.Disposed);
    }

    [Fact]
    public async Task S5_a_failure_of_cleanup_code_after_the_leave_is_thrown_from_DisposeAsync()
    {
        var cleanup = new InvalidOperationException("cleanup failed");
        var children = new[] { Child.FromTask(_ => Task.FromResult(1)), Kids.FailsWhenCancelled(cleanup) };
        var thrown = await Assert.ThrowsAsync<GroupException>(async () =>
        {
            await foreach (var _ in Group.AsCompleted(children)) break;
        });
        Assert.Same(cleanup, Assert.Single(thrown.Group.Errors).ToException());
    }

    [Fact]
    public async Task S5_disposing_an_enumerator_never_started_starts_nothing()
    {
        var source = new CountingSource(3);
        await Group.Stream(source.Sync(), (i, _) => Task.FromResult(i), 2, GroupOptions.Default).GetAsyncEnumerator().DisposeAsync();
        Assert.Equal(0, source.Enumerations);
    }

    [Fact]
    public async Task S5_leaving_an_unbounded_stream_disposes_its_source_and_pulls_no_more()
    {
        var source = CountingSource.Endless();
        var count = 0;
        await foreach (var _ in Group.StreamUnordered(source.Sync(), async (i, _) => { await PoolYield.Yield(); return i; }, Limit(4)))
            if (++count == 100) break;
        var pulled = source.Pulled;
        Assert.InRange(pulled, 100, 100 + 4 + 1);
        Assert.Equal(1, source.Disposed);
    }

    [Fact]
    public async Task S5_a_source_whose_Dispose_throws_when_the_consumer_leaves_is_reported_from_DisposeAsync()
    {
        var disposeFailed = new InvalidOperationException("dispose");
        var source = new CountingSource(100, throwOnDispose: disposeFailed);
        var thrown = await Assert.ThrowsAsync<GroupException>(async () =>
        {
            await foreach (var _ in Group.Stream(source.Async(), (i, _) => Task.FromResult(i), 4, Limit(2))) break;
        });
        var entry = Assert.IsType<NamedError>(Assert.Single(thrown.Group.Errors));
        Assert.Equal("source", entry.Name);
        Assert.Same(disposeFailed, entry.ToException());
    }
}
