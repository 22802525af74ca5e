using FunctionalGroups.Tests.Support;
using static FunctionalGroups.Tests.Support.ScopeKit;

namespace FunctionalGroups.Tests.Scopes;

/// <summary>
/// A scope's outcome at its edges: a child cancelled by the parent makes the scope cancelled even when the body
/// swallows the cancel and returns (G7); a child still waiting under a limit is never started, its handle says it was
/// cancelled, and the scope counts it as having no result (G9, G15); a body function that throws is the body's failure;
/// <c>Cancel</c> after the scope ended does nothing (G10).
/// </summary>
public class G07_G10_ScopeOutcomeEdgesTests
{
    /// <summary>Waits for the cancel and then succeeds with <paramref name="value"/>: cancellation swallowed.</summary>
    static Aff<GroupRuntime, int> SucceedsWhenCancelled(int value) =>
        Child.FromTask(async ct =>
        {
            await WhenCancelled(ct).ConfigureAwait(false);
            return value;
        });

    [Fact]
    public async Task G07_a_child_cancelled_by_the_parent_makes_the_scope_cancelled_even_when_the_body_returns()
    {
        using var cts = new CancellationTokenSource();
        var running = Group.Scope<int>(s => Body(async ct =>
        {
            s.SpawnOrThrow(Kids.Hangs());
            await WhenCancelled(ct).ConfigureAwait(false);
            return 5;
        })).RunAsync(cts.Token).AsTask();
        cts.Cancel();
        Assert.Equal(Errors.Cancelled, (await running).Error());
    }

    [Fact]
    public async Task G09_a_child_waiting_under_a_limit_when_the_parent_cancels_never_starts_and_its_handle_says_cancelled()
    {
        using var cts = new CancellationTokenSource();
        var never = new Probe();
        ChildHandle<GroupRuntime, int>? waiting = null;
        var running = Group.Scope<int>(s => Body(async ct =>
        {
            s.SpawnOrThrow(SucceedsWhenCancelled(1));          // holds the only slot, then succeeds
            waiting = s.SpawnOrThrow(Kids.Ok(2, never));       // waits its turn
            await WhenCancelled(ct).ConfigureAwait(false);
            return 5;
        }), GroupOptions.Default with { MaxParallelism = 1 }).RunAsync(cts.Token).AsTask();
        cts.Cancel();
        var fin = await running;

        // Every member that ran succeeded, but one never ran: the scope has no complete result (G7).
        Assert.Equal(Errors.Cancelled, fin.Error());
        Assert.Equal(Errors.Cancelled, waiting!.Outcome().Error());
        Assert.Equal(0, never.Started);
    }

    [Fact]
    public async Task A_body_function_that_throws_is_the_bodys_failure()
    {
        var thrown = new InvalidOperationException("no body");
        var fin = await Group.Scope<int>(_ => throw thrown).RunAsync();
        Assert.Same(thrown, Assert.Single(fin.Group().Errors).ToException());
    }

    [Fact]
    public async Task G10_Cancel_after_the_scope_ended_does_nothing()
    {
        GroupScope<GroupRuntime, int>? kept = null;
        var fin = await Group.Scope<int>(s =>
        {
            kept = s;
            return Body(_ => Task.FromResult(3));
        }).RunAsync();
        Assert.Equal(3, fin.Value());

        var late = await kept!.Cancel(9).RunAsync();
        Assert.True(late.IsSucc);
    }
}
