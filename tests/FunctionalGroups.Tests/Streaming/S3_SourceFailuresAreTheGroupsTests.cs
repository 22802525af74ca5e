using FunctionalGroups.Tests.Support;
using static FunctionalGroups.Tests.Streaming.StreamKit;

namespace FunctionalGroups.Tests.Streaming;

/// <summary>S3: a source that throws (GetEnumerator, MoveNext, MoveNextAsync, Current, Dispose) fails the group for
/// real: the running children are cancelled and joined, the enumerator is disposed, and the failure is one entry named
/// "source". The group's own cancellation reaching the source is a cancellation, not a failure.</summary>
public class S3_SourceFailuresAreTheGroupsTests
{
    [Fact]
    public async Task S3_a_throwing_MoveNext_fails_the_group_after_the_running_siblings_were_cancelled_and_joined()
    {
        var broken = new InvalidOperationException("the source broke");
        var gates = new ItemGates(2);
        var source = new CountingSource(10, i => i == 2 ? broken : null);
        var all = await Group.TraverseStream(source.Sync(), (i, ct) => gates.Body(i, ct), GroupOptions.Default).RunAsync();
        var entry = Assert.IsType<NamedError>(Assert.Single(all.Group().Errors));
        Assert.Equal("source", entry.Name);
        Assert.Same(broken, entry.ToException());
        Assert.Equal(2, gates.Ended);
        Assert.True(gates.SawCancel[0].Task.IsCompleted && gates.SawCancel[1].Task.IsCompleted);
        Assert.Equal(1, source.Disposed);
    }

    [Fact]
    public async Task S3_a_throwing_MoveNextAsync_fails_an_ordered_stream_with_a_GroupException()
    {
        var broken = new InvalidOperationException("the source broke");
        var gates = new ItemGates(3);
        var source = new CountingSource(10, i => i == 3 ? broken : null);
        var thrown = await Assert.ThrowsAsync<GroupException>(() => Group.Stream(source.Async(), (i, ct) => gates.Body(i, ct), 8, GroupOptions.Default).ToListAsync());
        Assert.True(thrown.Group.Is<InvalidOperationException>());
        Assert.Equal(3, gates.Ended);
        Assert.Equal(1, source.Disposed);
    }

    [Fact]
    public async Task S3_a_throwing_Current_is_a_failure_of_the_group()
    {
        var all = await Group.TraverseStream(new ThrowingCurrent(), (i, _) => Task.FromResult(i)).RunAsync();
        Assert.True(all.Group().Is<FormatException>());
    }

    [Fact]
    public async Task S3_a_throwing_GetEnumerator_is_a_failure_of_the_group_and_nothing_starts()
    {
        var all = await Group.TraverseStream(new ThrowingGetEnumerator(), (i, _) => Task.FromResult(i)).RunAsync();
        Assert.True(all.Group().Is<NotSupportedException>());
    }

    [Fact]
    public async Task S3_a_throwing_Dispose_is_reported_after_every_child_succeeded()
    {
        var disposeFailed = new InvalidOperationException("dispose");
        var source = new CountingSource(3, throwOnDispose: disposeFailed);
        var all = await Group.TraverseStream(source.Sync(), (i, _) => Task.FromResult(i)).RunAsync();
        Assert.Same(disposeFailed, Assert.Single(all.Group().Errors).ToException());
    }

    [Fact]
    public async Task S3_a_throwing_Dispose_is_reported_with_the_failure_that_stopped_the_pull_in_item_order()
    {
        var boom = new InvalidOperationException("boom");
        var disposeFailed = new ArgumentException("dispose");
        var source = new CountingSource(10, throwOnDispose: disposeFailed);
        var all = await Group.TraverseStream(source.Async(), (i, _) => i == 1 ? Task.FromException<int>(boom) : Task.FromResult(i), Limit(1)).RunAsync();
        var errors = all.Group().Errors.Map(e => e.ToException()).ToArray();
        Assert.Equal(new Exception[] { boom, disposeFailed }, errors);
    }

    [Fact]
    public async Task S3_the_groups_own_cancellation_reaching_an_async_source_is_not_a_failure()
    {
        var boom = new InvalidOperationException("boom");
        async IAsyncEnumerable<int> Source([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
        {
            yield return 0;
            await Task.Delay(Timeout.Infinite, ct);
            yield return 1;
        }
        var all = await Group.TraverseStream(Source(), (i, _) => Task.FromException<int>(boom)).RunAsync();
        Assert.Same(boom, Assert.Single(all.Group().Errors).ToException());
    }

    [Fact]
    public async Task S3_an_OperationCanceledException_of_the_sources_own_is_a_real_failure()
    {
        var own = new OperationCanceledException("the source's own timeout");
        var all = await Group.TraverseStream(new CountingSource(5, i => i == 1 ? own : null).Async(), (i, _) => Task.FromResult(i)).RunAsync();
        Assert.Same(own, Assert.Single(all.Group().Errors).ToException());
    }

    [Fact]
    public async Task S3_a_source_cancelled_from_outside_gives_Errors_Cancelled_after_the_children_ended()
    {
        using var cts = new CancellationTokenSource();
        var gates = new ItemGates(1);
        var running = Group.TraverseStream(new CountingSource(1).Async().Concat(HangingSource()), (i, ct) => gates.Body(i, ct)).RunAsync(cts.Token).AsTask();
        await gates.Started[0].Task;
        cts.Cancel();
        Assert.Equal(Errors.Cancelled, (await running).Error());
        Assert.Equal(1, gates.Ended);
    }

    sealed class ThrowingCurrent : IEnumerable<int>
    {
        public IEnumerator<int> GetEnumerator() => new E();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

        sealed class E : IEnumerator<int>
        {
            int at;

            public int Current => at == 2 ? throw new FormatException("no current") : at;

            object System.Collections.IEnumerator.Current => Current;

            public bool MoveNext() => ++at < 5;

            public void Reset()
            {
            }

            public void Dispose()
            {
            }
        }
    }

    sealed class ThrowingGetEnumerator : IEnumerable<int>
    {
        public IEnumerator<int> GetEnumerator() => throw new NotSupportedException("no enumerator");

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
