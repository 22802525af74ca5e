using System.Diagnostics;
using FunctionalGroups.Diagnostics;
using FunctionalGroups.Tests.Support;

namespace FunctionalGroups.Tests.Observability;

/// <summary>
/// Rule T4: a snapshot of the live tree shows every group running now, with its policy and its children not done yet
/// (names, states, ages), nested groups beneath the member (or the group) they run in; a group that ended is gone.
/// Other tests run groups at the same time, so each test finds its own by the names it gave.
/// </summary>
[Collection(TelemetryCollection.Name)]
public sealed class T4_LiveTreeTests
{
    static GroupNode? Find(GroupTreeSnapshot snapshot, string childName) =>
        LiveTrees.All(snapshot.Roots).FirstOrDefault(g => g.Members.Exists(m => m.Name == childName));

    [Fact]
    public async Task T4_a_running_group_shows_its_unfinished_children_and_a_scope_nested_in_a_child()
    {
        using var stop = new CancellationTokenSource();
        var slow = Kids.Gate();
        var spawned = Kids.Gate();
        var crawler = Child.FromTask(async ct =>
        {
            var fin = await Group.Scope<int>(scope => ScopeKit.Body(async inner =>
            {
                scope.SpawnOrThrow(Kids.StartsThenHangs(Kids.Gate()), "links-a");
                scope.SpawnOrThrow(Kids.StartsThenHangs(spawned), "links-b");
                return await ScopeKit.HangUntilCancelled<int>(inner).ConfigureAwait(false);
            })).RunAsync(ct).ConfigureAwait(false);
            return fin.IfFail(0);
        }).Named("tree-page-2");
        var options = GroupOptions.Default with { MaxParallelism = 2 };
        var running = Group.All(Prelude.Seq(Kids.StartsThenHangs(slow).Named("tree-page-1"), crawler, Kids.Ok(3).Named("tree-page-3")), options)
            .RunAsync(stop.Token).AsTask();
        await Task.WhenAll(slow.Task, spawned.Task);

        var snapshot = GroupTree.Capture();
        Assert.Equal(Environment.ProcessId, snapshot.ProcessId);
        var group = Assert.IsType<GroupNode>(Find(snapshot, "tree-page-1"));
        Assert.Equal("All", group.Policy);
        Assert.Equal(3, group.Children);
        Assert.Equal(2, group.Running);
        Assert.Equal(0, group.Done);
        Assert.Equal(2, group.Limit);
        Assert.Equal(GroupState.Running, group.State);
        Assert.Equal(new (int, string?, ChildState)[] { (0, "tree-page-1", ChildState.Running), (1, "tree-page-2", ChildState.Running), (2, "tree-page-3", ChildState.Waiting) },
            group.Members.Map(m => (m.Index, m.Name, m.State)).ToArray());
        Assert.Null(group.Members[2].Age);

        // The scope was opened in tree-page-2's synchronous start: it is shown beneath that child.
        Assert.Empty(group.Groups);
        var scope = Assert.Single(group.Members[1].Groups);
        Assert.Equal("Scope", scope.Policy);
        Assert.Equal(3, scope.Children);
        Assert.Equal(new[] { (-1, "body"), (0, "links-a"), (1, "links-b") }, scope.Members.Map(m => (m.Index, m.Name!)).ToArray());
        Assert.All(scope.Members, m => Assert.Equal(ChildState.Running, m.State));
        Assert.All(scope.Members, m => Assert.True(m.Age >= TimeSpan.Zero));
        Assert.Contains(snapshot.Roots, r => r.Id == group.Id);

        stop.Cancel();
        Assert.Equal(Errors.Cancelled, (await running).Error());
        var after = GroupTree.Capture();
        Assert.DoesNotContain(LiveTrees.All(after.Roots), g => g.Id == group.Id || g.Id == scope.Id);
    }

    [Fact]
    public async Task T4_untraced_a_group_a_child_starts_after_an_await_is_shown_beneath_the_group()
    {
        using var stop = new CancellationTokenSource();
        var inner = Kids.Gate();
        var outer = Child.FromTask(async ct =>
        {
            await PoolYield.Yield();
            return (await Group.All(Kids.StartsThenHangs(inner).Named("late-inner")).RunAsync(ct).ConfigureAwait(false)).IfFail(Seq<int>.Empty).Count;
        }).Named("late-outer");
        var running = Group.All(outer).RunAsync(stop.Token).AsTask();
        await inner.Task;

        var group = Assert.IsType<GroupNode>(Find(GroupTree.Capture(), "late-outer"));
        Assert.Empty(Assert.Single(group.Members).Groups);
        Assert.Equal("late-inner", Assert.Single(Assert.Single(group.Groups).Members).Name);

        stop.Cancel();
        await running;
    }

    [Fact]
    public async Task T4_while_traced_a_group_nested_in_a_fixed_lists_child_is_shown_under_that_child()
    {
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == GroupTelemetry.SourceName,
            Sample = static (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
        };
        ActivitySource.AddActivityListener(listener);
        using var stop = new CancellationTokenSource();
        var inner = Kids.Gate();
        var outer = Child.FromTask(async ct =>
        {
            await PoolYield.Yield();
            return (await Group.All(Kids.StartsThenHangs(inner).Named("traced-inner")).RunAsync(ct).ConfigureAwait(false)).IfFail(Seq<int>.Empty).Count;
        }).Named("traced-outer");
        var running = Group.All(outer, Kids.StartsThenHangs(Kids.Gate()).Named("traced-sibling")).RunAsync(stop.Token).AsTask();
        await inner.Task;

        var group = Assert.IsType<GroupNode>(Find(GroupTree.Capture(), "traced-outer"));
        Assert.Empty(group.Groups);
        var member = Assert.Single(group.Members, m => m.Name == "traced-outer");
        var nested = Assert.Single(member.Groups);
        Assert.Equal("traced-inner", Assert.Single(nested.Members).Name);

        stop.Cancel();
        await running;
    }

    [Fact]
    public async Task T4_a_cancelling_group_shows_its_children_as_cancelling()
    {
        var started = Kids.Gate();
        var release = Kids.Gate();
        var cancelled = Kids.Gate();
        var stubborn = Kids.IgnoresCancellation(release.Task, 1, cancelled).Named("stubborn");
        var fails = Child.FromTask<int>(async _ =>
        {
            await started.Task.ConfigureAwait(false);
            throw new InvalidOperationException("boom");
        });
        var running = Group.All(Child.FromTask(async _ =>
        {
            started.TrySetResult();
            await PoolYield.Yield();
            return 0;
        }), stubborn, fails).RunAsync().AsTask();
        await cancelled.Task;

        var group = Assert.IsType<GroupNode>(Find(GroupTree.Capture(), "stubborn"));
        Assert.Equal(GroupState.Cancelling, group.State);
        Assert.Equal(ChildState.Cancelling, Assert.Single(group.Members, m => m.Name == "stubborn").State);

        release.TrySetResult();
        (await running).Group();
    }
}
