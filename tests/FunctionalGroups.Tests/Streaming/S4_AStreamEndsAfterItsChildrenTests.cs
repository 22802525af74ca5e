using FunctionalGroups.Tests.Support;
using Microsoft.Extensions.Time.Testing;
using static FunctionalGroups.Tests.Streaming.StreamKit;

namespace FunctionalGroups.Tests.Streaming;

/// <summary>S4: a fail-fast stream hands out nothing after its first real failure and ends, once every child has
/// ended, with a GroupException of every failure; a cancellation ends it with an OperationCanceledException, after the
/// join too.</summary>
public class S4_AStreamEndsAfterItsChildrenTests
{
    [Fact]
    public async Task S4_AsCompleted_throws_the_GroupException_only_after_a_child_that_ignores_cancellation_ended()
    {
        var gates = new ItemGates(2);
        var boom = new InvalidOperationException("boom");
        var children = new[]
        {
            Child.FromTask<int>(async ct => { await gates.Started[1].Task; throw boom; }).Named("fails"),
            Child.FromTask(ct => gates.Stubborn(1, ct)),
        };
        await using var e = Group.AsCompleted(children).GetAsyncEnumerator();
        var next = e.MoveNextAsync().AsTask();
        await gates.SawCancel[1].Task;
        Assert.False(next.IsCompleted);
        gates.Release[1].SetResult();
        var thrown = await Assert.ThrowsAsync<GroupException>(() => next);
        var entry = Assert.IsType<NamedError>(Assert.Single(thrown.Group.Errors));
        Assert.Equal("fails", entry.Name);
        Assert.Equal(1, gates.Ended);
        Assert.False(await e.MoveNextAsync());
    }

    [Fact]
    public async Task S4_nothing_more_is_handed_out_after_the_first_failure()
    {
        var gates = new ItemGates(3);
        var boom = new InvalidOperationException("boom");
        var children = new[]
        {
            Child.FromTask(ct => gates.Stubborn(0, ct)),
            Child.FromTask<int>(async _ => { await gates.Release[1].Task; throw boom; }),
            Child.FromTask(ct => gates.Stubborn(2, ct)),
        };
        var taken = new List<long>();
        var consuming = Task.Run(async () =>
        {
            await foreach (var c in Group.AsCompleted(children)) taken.Add(c.Index);
        });
        await gates.Started[0].Task;
        await gates.Started[2].Task;
        gates.Release[1].SetResult();
        await gates.SawCancel[0].Task;
        // Item 0 ends with a value after the failure: it is not handed out.
        gates.Release[0].SetResult();
        gates.Release[2].SetResult();
        await Assert.ThrowsAsync<GroupException>(() => consuming);
        Assert.Empty(taken);
    }

    [Fact]
    public async Task S4_the_consumers_token_ends_the_enumeration_with_OperationCanceledException_after_the_join()
    {
        using var cts = new CancellationTokenSource();
        var gates = new ItemGates(2);
        var stream = Group.StreamUnordered(new CountingSource(2).Sync(), (i, ct) => gates.Stubborn(i, ct), Limit(2));
        await using var e = stream.GetAsyncEnumerator(cts.Token);
        var next = e.MoveNextAsync().AsTask();
        await gates.Started[1].Task;
        cts.Cancel();
        await gates.SawCancel[0].Task;
        await gates.SawCancel[1].Task;
        Assert.False(next.IsCompleted);
        gates.Release[0].SetException(new OperationCanceledException());
        gates.Release[1].SetException(new OperationCanceledException());
        var thrown = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => next);
        Assert.Equal(cts.Token, thrown.CancellationToken);
        Assert.Equal(2, gates.Ended);
    }

    [Fact]
    public async Task S4_a_consumer_cancelled_before_the_first_MoveNextAsync_starts_nothing()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        var source = new CountingSource(3);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Group.Stream(source.Sync(), (i, _) => Task.FromResult(i), 2, GroupOptions.Default).ToListAsync(cts.Token));
        Assert.Equal(0, source.Enumerations);
    }

    [Fact]
    public async Task S4_a_runtime_cancelled_already_starts_nothing_and_ends_with_OperationCanceledException()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        var source = new CountingSource(3);
        var stream = Group.StreamUnordered(source.Sync(), i => Child.FromTask(_ => Task.FromResult(i)), GroupRuntime.New(cts), Limit(2));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => stream.ToListAsync());
        Assert.Equal(0, source.Enumerations);
    }

    [Fact]
    public async Task S4_the_groups_timeout_cancels_joins_and_ends_the_enumeration_with_the_timeout()
    {
        var clock = new FakeTimeProvider();
        var gates = new ItemGates(1);
        var options = GroupOptions.Default with { Timeout = TimeSpan.FromSeconds(5), TimeProvider = clock };
        await using var e = Group.Stream(new CountingSource(1).Sync(), (i, ct) => gates.Body(i, ct), 1, options).GetAsyncEnumerator();
        var next = e.MoveNextAsync().AsTask();
        await gates.Started[0].Task;
        clock.Advance(TimeSpan.FromSeconds(5));
        var thrown = await Assert.ThrowsAnyAsync<Exception>(() => next);
        Assert.Equal(Errors.TimedOut, Assert.IsAssignableFrom<ErrorException>(thrown).ToError());
        Assert.Equal(1, gates.Ended);
    }
}
