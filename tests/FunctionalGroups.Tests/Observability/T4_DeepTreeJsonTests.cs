using FunctionalGroups.Diagnostics;
using FunctionalGroups.Tests.Support;

namespace FunctionalGroups.Tests.Observability;

/// <summary>
/// T4 with G14: the live tree of nested groups goes out as JSON (<see cref="GroupTreeSnapshot.ToJson"/>, what the
/// <c>fgroups</c> tool reads through the EventSource) and is read back (<see cref="GroupTreeSnapshot.FromJson"/>) whatever
/// the nesting: each level of nesting is four levels of JSON (group, members, member, groups), so System.Text.Json's
/// default depth limits (64 to read, 1,000 to write) would refuse a tree some 16 or 250 groups deep.
/// </summary>
public sealed class T4_DeepTreeJsonTests
{
    static Aff<GroupRuntime, int> Nested(int depth, TaskCompletionSource started, Task release, string name) =>
        depth == 0
            ? Child.FromTask(async _ =>
            {
                started.TrySetResult();
                await release.ConfigureAwait(false);
                return 0;
            }).Named(name)
            : Group.All(Prelude.Seq1(Nested(depth - 1, started, release, name))).Map(static s => s[0]);

    static int DepthOf(GroupTreeSnapshot snapshot, string innermost)
    {
        // Iterative: the deepest chain ending in the group whose member is named `innermost`.
        var pending = new Stack<(GroupNode Node, int Depth)>(snapshot.Roots.Map(r => (r, 1)));
        var found = 0;
        while (pending.Count > 0)
        {
            var (node, depth) = pending.Pop();
            if (node.Members.Exists(m => m.Name == innermost)) found = Math.Max(found, depth);
            foreach (var g in node.Groups) pending.Push((g, depth + 1));
            foreach (var m in node.Members)
                foreach (var g in m.Groups) pending.Push((g, depth + 1));
        }
        return found;
    }

    [Theory]
    [InlineData(20)]
    [InlineData(300)]
    public async Task T4_a_deeply_nested_tree_goes_out_as_json_and_is_read_back(int depth)
    {
        var started = Kids.Gate();
        var release = Kids.Gate();
        var name = $"innermost-{depth}-{Guid.NewGuid():N}";
        var run = Nested(depth, started, release.Task, name).Run(GroupRuntime.Uncancellable).AsTask();
        await started.Task;
        try
        {
            var snapshot = GroupTree.Capture();
            Assert.Equal(depth, DepthOf(snapshot, name));
            var json = snapshot.ToJson();
            Assert.Equal(depth, DepthOf(GroupTreeSnapshot.FromJson(json), name));
        }
        finally
        {
            release.TrySetResult();
            await run;
        }
    }

    [Fact]
    public async Task G14_a_capture_of_groups_nested_10000_deep_is_taken_written_and_read_without_recursion()
    {
        const int depth = 10_000;
        var started = Kids.Gate();
        var release = Kids.Gate();
        var name = $"innermost-deep-{Guid.NewGuid():N}";
        // Built in a loop: the effect is as deep as the tree, the test's own stack is not.
        var effect = Nested(0, started, release.Task, name);
        for (var i = 0; i < depth; i++) effect = Group.All(Prelude.Seq1(effect)).Map(static s => s[0]);
        var run = effect.Run(GroupRuntime.Uncancellable).AsTask();
        await started.Task;
        try
        {
            var snapshot = await Task.Run(GroupTree.Capture);
            Assert.Equal(depth, DepthOf(snapshot, name));
            var back = GroupTreeSnapshot.FromJson(snapshot.ToJson());
            Assert.Equal(depth, DepthOf(back, name));
        }
        finally
        {
            release.TrySetResult();
            await run;
        }
    }
}
