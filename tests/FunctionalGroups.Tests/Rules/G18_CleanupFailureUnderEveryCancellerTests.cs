using System.Runtime.CompilerServices;
using FunctionalGroups.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace FunctionalGroups.Tests.Rules;

/// <summary>
/// G18 with G3/G7: a failure raised while a child is being cancelled (a token callback that throws) is reported
/// whoever cancelled — the parent, the timeout, a parent group, a sibling's failure — also when the child ends
/// inside that very <c>Cancel()</c> call (its continuation runs inline). Each scenario is repeated to catch races.
/// </summary>
public class G18_CleanupFailureUnderEveryCancellerTests
{
    const int Iterations = 200;

    /// <summary>How the child that owns the throwing callback ends when cancelled.</summary>
    public enum Ending
    {
        /// <summary>Its callback completes a plain TCS (continuations inline) that the child awaits: it ends inside Cancel().</summary>
        InlineAwait,
        /// <summary>The child's task is that plain TCS itself: it ends inside Cancel().</summary>
        InlineTask,
        /// <summary><c>Task.Delay(Infinite, ct)</c> awaited with a synchronous continuation: it ends inside Cancel().</summary>
        InlineDelay,
        /// <summary>Its callback completes a TCS with asynchronous continuations: it ends after Cancel() returned.</summary>
        Later,
    }

    public static TheoryData<Ending> Endings => new() { Ending.InlineAwait, Ending.InlineTask, Ending.InlineDelay, Ending.Later };

    /// <summary>
    /// Registers a callback that throws <paramref name="cleanup"/> synchronously (before its first await, so the
    /// registration is in place when the group's start returns), then waits for the cancellation and ends as
    /// a cancellation, in the way <paramref name="ending"/> says.
    /// </summary>
    static Aff<GroupRuntime, int> CallbackThrows(Exception cleanup, Ending ending, StrongBox<int>? ended = null) => ending switch
    {
        Ending.InlineAwait => AwaitsGate(cleanup, TaskCreationOptions.None, ended),
        Ending.InlineTask => Child.FromTask<int>(ct =>
        {
            var done = new TaskCompletionSource<int>();
            ct.Register(() =>
            {
                if (ended is not null) Interlocked.Increment(ref ended.Value);
                done.TrySetCanceled(ct);
                throw cleanup;
            });
            return done.Task;
        }),
        Ending.InlineDelay => Child.FromTask<int>(async ct =>
        {
            // Registered first, so it runs after the delay's own callback (callbacks run last-registered first):
            // the child has ended inline by the time this one throws.
            ct.Register(() => throw cleanup);
            try
            {
                await Task.Delay(Timeout.Infinite, ct).ConfigureAwait(false);
                return 0;
            }
            finally
            {
                if (ended is not null) Interlocked.Increment(ref ended.Value);
            }
        }),
        _ => AwaitsGate(cleanup, TaskCreationOptions.RunContinuationsAsynchronously, ended),
    };

    /// <summary>Awaits a gate that the throwing callback cancels: with no options the child ends inside that callback
    /// (InlineAwait); with RunContinuationsAsynchronously it ends later, on the pool (Later).</summary>
    static Aff<GroupRuntime, int> AwaitsGate(Exception cleanup, TaskCreationOptions options, StrongBox<int>? ended) =>
        Child.FromTask<int>(async ct =>
        {
            var done = new TaskCompletionSource<int>(options);
            ct.Register(() =>
            {
                done.TrySetCanceled(ct);
                throw cleanup;
            });
            try
            {
                return await done.Task.ConfigureAwait(false);
            }
            finally
            {
                if (ended is not null) Interlocked.Increment(ref ended.Value);
            }
        });

    [Theory]
    [MemberData(nameof(Endings))]
    public async Task G18_a_cleanup_failure_is_reported_when_the_parent_cancels(Ending ending)
    {
        for (var i = 0; i < Iterations; i++)
        {
            var cleanup = new InvalidOperationException("cleanup");
            var ended = new StrongBox<int>();
            using var cts = new CancellationTokenSource();
            var running = Group.All(CallbackThrows(cleanup, ending, ended)).RunAsync(cts.Token).AsTask();
            cts.Cancel();
            var fin = await running;
            Assert.Same(cleanup, Assert.Single(fin.Group().Errors).ToException());
            Assert.Equal(1, Volatile.Read(ref ended.Value));
        }
    }

    [Theory]
    [MemberData(nameof(Endings))]
    public async Task G18_a_cleanup_failure_is_reported_when_the_parent_cancels_with_a_sibling_that_ends_inline_too(Ending ending)
    {
        for (var i = 0; i < Iterations; i++)
        {
            var cleanup = new InvalidOperationException("cleanup");
            using var cts = new CancellationTokenSource();
            var running = Group.All(Kids.Hangs(), CallbackThrows(cleanup, ending), Kids.Hangs()).RunAsync(cts.Token).AsTask();
            cts.Cancel();
            var fin = await running;
            Assert.Same(cleanup, Assert.Single(fin.Group().Errors).ToException());
        }
    }

    [Theory]
    [MemberData(nameof(Endings))]
    public async Task G18_a_cleanup_failure_is_reported_with_TimedOut_when_the_timeout_cancels(Ending ending)
    {
        for (var i = 0; i < Iterations; i++)
        {
            var cleanup = new InvalidOperationException("cleanup");
            var clock = new FakeTimeProvider();
            var options = GroupOptions.Default with { Timeout = TimeSpan.FromSeconds(1), TimeProvider = clock };
            var running = Group.All(Seq.create(CallbackThrows(cleanup, ending)), options).RunAsync().AsTask();
            clock.Advance(TimeSpan.FromSeconds(1));
            var group = (await running).Group();
            // RunCore.TimedOutOutcome: the real failures, then Errors.TimedOut.
            Assert.Equal(2, group.Errors.Count);
            Assert.Same(cleanup, group.Errors[0].ToException());
            Assert.True(group.Errors[1].Is(Errors.TimedOut));
            Assert.IsNotType<GroupError>(group.Errors[1]);
        }
    }

    [Theory]
    [MemberData(nameof(Endings))]
    public Task G18_a_cleanup_failure_is_reported_when_a_sibling_fails(Ending ending) =>
        SiblingFailureKeepsTheCleanupFailure(ending, static boom => Kids.Fails(boom));

    [Theory]
    [MemberData(nameof(Endings))]
    public Task G18_a_cleanup_failure_is_reported_when_a_sibling_fails_synchronously_while_the_group_starts(Ending ending) =>
        SiblingFailureKeepsTheCleanupFailure(ending, static boom => Child.FromTask<int>(_ => throw boom));

    /// <summary>A child whose token callback throws, then a sibling made by <paramref name="failing"/> that fails.</summary>
    static async Task SiblingFailureKeepsTheCleanupFailure(Ending ending, Func<Exception, Aff<GroupRuntime, int>> failing)
    {
        for (var i = 0; i < Iterations; i++)
        {
            var cleanup = new InvalidOperationException("cleanup");
            var boom = new TimeoutException("boom");
            var fin = await Group.All(CallbackThrows(cleanup, ending), failing(boom)).RunAsync();
            var errors = fin.Group().Errors;
            // The sibling's failure in child order, then the failure raised while cancelling.
            Assert.Equal(2, errors.Count);
            Assert.Same(boom, errors[0].ToException());
            Assert.Same(cleanup, errors[1].ToException());
        }
    }

    [Theory]
    [MemberData(nameof(Endings))]
    public async Task G18_a_cleanup_failure_in_a_nested_group_is_reported_when_the_parent_group_cancels_it(Ending ending)
    {
        for (var i = 0; i < Iterations; i++)
        {
            var cleanup = new InvalidOperationException("cleanup");
            var boom = new TimeoutException("boom");
            var nested = Group.All(CallbackThrows(cleanup, ending)).Map(s => s.Count);
            var fin = await Group.All(nested, Kids.Fails(boom)).RunAsync();
            var errors = fin.Group().Errors;
            // G6: the nested group is one entry holding its own GroupError, in child order before the sibling.
            Assert.Equal(2, errors.Count);
            var inner = Assert.IsType<GroupError>(errors[0]);
            Assert.Same(cleanup, Assert.Single(inner.Errors).ToException());
            Assert.Same(boom, errors[1].ToException());
        }
    }

    [Theory]
    [MemberData(nameof(Endings))]
    public async Task G18_a_cleanup_failure_two_levels_down_is_reported_when_the_outer_parent_cancels(Ending ending)
    {
        for (var i = 0; i < Iterations; i++)
        {
            var cleanup = new InvalidOperationException("cleanup");
            using var cts = new CancellationTokenSource();
            var nested = Group.All(CallbackThrows(cleanup, ending)).Map(s => s.Count);
            var running = Group.All(nested, Kids.Hangs()).RunAsync(cts.Token).AsTask();
            cts.Cancel();
            var fin = await running;
            var inner = Assert.IsType<GroupError>(Assert.Single(fin.Group().Errors));
            Assert.Same(cleanup, Assert.Single(inner.Errors).ToException());
        }
    }
}
