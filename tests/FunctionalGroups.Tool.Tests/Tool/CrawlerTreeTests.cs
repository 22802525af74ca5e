using System.Globalization;

namespace FunctionalGroups.Tool.Tests.Tool;

/// <summary>
/// The tool against the sample crawler (samples/FunctionalGroups.Crawler), whose tree is known and held in place:
/// <c>All</c> with limit 2 over <c>slow-1</c> (running, a <c>Scope</c> inside: body, link-a, link-b), <c>slow-2</c>
/// (running) and <c>fast</c> (waiting for a slot).
/// </summary>
/// <remarks>These need the engine's registry (Engine.RunRegistry) and the engine creating the EventSource when a group
/// runs (GroupTreeEventSource.EnsureCreated): against the registry stub the crawler never answers.</remarks>
public sealed class CrawlerTreeTests
{
    [Fact]
    public async Task The_snapshot_is_the_crawler_tree()
    {
        await using var crawler = await TargetProcess.StartAsync(Fgroups.CrawlerDll);
        var run = await Fgroups.AskAsync("pstree", crawler, "--json");
        Assert.True(run.ExitCode == FgroupsCommand.Ok, run.ToString());
        var snapshot = GroupTreeSnapshot.FromJson(run.Output);

        Assert.Equal(crawler.Id, snapshot.ProcessId);
        var all = Assert.Single(snapshot.Roots);
        Assert.Equal(("All", 3, 2, 0, (int?)2, GroupState.Running), (all.Policy, all.Children, all.Running, all.Done, all.Limit, all.State));
        Assert.Equal(
            new (int, string?, ChildState)[] { (0, "slow-1", ChildState.Running), (1, "slow-2", ChildState.Running), (2, "fast", ChildState.Waiting) },
            all.Members.Select(child => (child.Index, child.Name, child.State)).ToArray());
        Assert.Null(all.Members[2].Age); // fast has not started
        Assert.True(all.Groups.IsEmpty, "the scope's child is known: slow-1");
        Assert.True(all.Members[1].Groups.IsEmpty && all.Members[2].Groups.IsEmpty);

        var scope = Assert.Single(all.Members[0].Groups);
        Assert.Equal(("Scope", GroupState.Running), (scope.Policy, scope.State));
        Assert.Equal(
            new (int, string?, ChildState)[] { (-1, "body", ChildState.Running), (0, "link-a", ChildState.Running), (1, "link-b", ChildState.Running) },
            scope.Members.Select(child => (child.Index, child.Name, child.State)).ToArray());
        Assert.All(scope.Members, child => Assert.True(child.Groups.IsEmpty));
        Assert.True(scope.Groups.IsEmpty);

        var (exitCode, output) = await crawler.FinishAsync();
        Assert.Equal(0, exitCode);
        Assert.Contains("crawler: done", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pstree_and_ps_draw_it()
    {
        await using var crawler = await TargetProcess.StartAsync(Fgroups.CrawlerDll);
        var id = crawler.Id.ToString(CultureInfo.InvariantCulture);

        var tree = await Fgroups.AskAsync("pstree", crawler);
        Assert.True(tree.ExitCode == FgroupsCommand.Ok, tree.ToString());
        var lines = tree.Output.ReplaceLineEndings("\n").Split('\n');
        Assert.Equal($"process {id}", lines[0][..lines[0].IndexOf(" at ", StringComparison.Ordinal)]);
        Assert.EndsWith(": 2 groups running", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("└── All #", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("    ├── [0] slow-1  running", lines[2], StringComparison.Ordinal);
        Assert.StartsWith("    │   └── Scope #", lines[3], StringComparison.Ordinal);
        Assert.StartsWith("    │       ├── [-1] body  running", lines[4], StringComparison.Ordinal);
        Assert.StartsWith("    │       ├── [0] link-a  running", lines[5], StringComparison.Ordinal);
        Assert.StartsWith("    │       └── [1] link-b  running", lines[6], StringComparison.Ordinal);
        Assert.StartsWith("    ├── [1] slow-2  running", lines[7], StringComparison.Ordinal);
        Assert.Equal("    └── [2] fast  waiting", lines[8]);

        var table = await Fgroups.AskAsync("ps", crawler);
        Assert.True(table.ExitCode == FgroupsCommand.Ok, table.ToString());
        var rows = table.Output.ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(2)
            .Select(row => row.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();
        Assert.Equal("All child Scope child child child child child", string.Join(' ', rows.Select(row => row[2])));
        Assert.Equal(new[] { "fast", "waiting" }, rows[^1][3..5]);

        Assert.Equal(0, (await crawler.FinishAsync()).ExitCode);
    }
}
