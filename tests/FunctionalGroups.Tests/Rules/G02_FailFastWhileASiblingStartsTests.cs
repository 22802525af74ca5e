using FunctionalGroups.Tests.Support;

namespace FunctionalGroups.Tests.Rules;

/// <summary>
/// G2 while the starting thread is busy: a child that fails on another thread cancels its siblings at once, also a
/// sibling whose synchronous start is still running on the starting thread and waits there for that cancellation (a
/// CPU-bound child that loops until cancelled). The engine must watch a started child's task from the moment it
/// starts; if it put off looking at it until the starting thread is free again, this sibling would wait for ever.
/// </summary>
public class G02_FailFastWhileASiblingStartsTests
{
    /// <summary>Long enough never to be reached when the engine is right; it only keeps a broken engine from hanging
    /// the test run (the assertion is on what the child saw, never on time).</summary>
    static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData(2)]
    [InlineData(3_000)]
    public async Task G2_a_failure_cancels_a_sibling_whose_synchronous_start_waits_for_the_cancel(int before)
    {
        var boom = new InvalidOperationException("fails on the pool");
        var started = Kids.Gate();
        var sawCancel = false;
        async Task<int> Failing(CancellationToken ct)
        {
            // Fails only once the last child is inside its synchronous start, on the starting thread.
            await started.Task.ConfigureAwait(false);
            throw boom;
        }
        Task<int> WaitsInItsStart(CancellationToken ct)
        {
            started.SetResult();
            sawCancel = ct.WaitHandle.WaitOne(HangGuard);
            return Task.FromResult(0);
        }
        // `before` quick children first, then the failing one, then the one whose start blocks the starting thread.
        var children = Enumerable.Range(0, before).Select(i => Kids.Ok(i))
            .Append(Child.FromTask(Failing))
            .Append(Child.FromTask(WaitsInItsStart));

        var fin = await Group.All(children).RunAsync();

        Assert.True(sawCancel, "the sibling's start waited in vain: the failure did not cancel it while it was starting");
        Assert.Same(boom, Assert.Single(fin.Group().Errors).ToException());
    }

    [Fact]
    public async Task G2_the_same_in_a_task_function_traverse()
    {
        var boom = new InvalidOperationException("fails on the pool");
        var started = Kids.Gate();
        var sawCancel = false;
        async Task<int> Start(int i, CancellationToken ct)
        {
            if (i == 0)
            {
                await started.Task.ConfigureAwait(false);
                throw boom;
            }
            started.SetResult();
            sawCancel = ct.WaitHandle.WaitOne(HangGuard);
            return i;
        }

        var fin = await Group.Traverse(new[] { 0, 1 }, Start).RunAsync();

        Assert.True(sawCancel, "the second item's start waited in vain for the first item's failure to cancel it");
        Assert.Same(boom, Assert.Single(fin.Group().Errors).ToException());
    }
}
