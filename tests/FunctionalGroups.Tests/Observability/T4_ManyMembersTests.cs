using FunctionalGroups.Diagnostics;
using FunctionalGroups.Tests.Support;

namespace FunctionalGroups.Tests.Observability;

/// <summary>T4: a group shows at most 1,000 unfinished members, and its counts stay exact past that.</summary>
public sealed class T4_ManyMembersTests
{
    [Fact]
    public async Task T4_a_scope_with_more_members_than_shown_counts_none_done_while_all_run()
    {
        const int spawned = 1500;
        var marker = "first-" + Guid.NewGuid().ToString("N");
        var ready = Kids.Gate();
        GroupScope<GroupRuntime, int>? held = null;
        var run = Group.Scope<int>(scope => ScopeKit.Body(async ct =>
        {
            await PoolYield.Yield();
            held = scope;
            scope.SpawnOrThrow(Kids.Hangs(), marker);
            for (var i = 1; i < spawned; i++) scope.SpawnOrThrow(Kids.Hangs());
            ready.TrySetResult();
            return await ScopeKit.HangUntilCancelled<int>(ct).ConfigureAwait(false);
        })).RunAsync().AsTask();
        await ready.Task;
        try
        {
            // Found by its size: which 1,000 members it shows is not the point here.
            var node = Assert.Single(LiveTrees.All(GroupTree.Capture().Roots), g => g.Policy == "Scope" && g.Children == spawned + 1);
            Assert.Equal(spawned + 1, node.Children);
            Assert.Equal(RunRegistryShown, node.Members.Count);
            // Nothing has ended: the body and every child are still there, shown or not.
            Assert.Equal(0, node.Done);
        }
        finally
        {
            held!.CancelNow(7);
            await run;
        }
    }

    const int RunRegistryShown = 1000;
}
