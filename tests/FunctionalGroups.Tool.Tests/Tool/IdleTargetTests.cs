using System.Globalization;

namespace FunctionalGroups.Tool.Tests.Tool;

/// <summary>
/// The whole pipeline against a process that has created the FunctionalGroups EventSource and runs no group
/// (<see cref="Host.Idle"/>): EventPipe session, enable callback, chunks, reassembly, rendering. Valid with the
/// registry stub and with the engine's registry alike: the tree is empty either way.
/// </summary>
public sealed class IdleTargetTests
{
    [Theory]
    [InlineData("pstree")]
    [InlineData("ps")]
    public async Task The_tool_prints_the_process_line_of_an_empty_tree(string command)
    {
        await using var target = await TargetProcess.StartAsync(Fgroups.ThisDll, Host.Idle);
        var run = await Fgroups.AskAsync(command, target);

        Assert.True(run.ExitCode == FgroupsCommand.Ok, run.ToString());
        var lines = run.Output.ReplaceLineEndings("\n").Split('\n');
        Assert.StartsWith($"process {target.Id} at ", lines[0], StringComparison.Ordinal);
        Assert.EndsWith(": no group running", lines[0], StringComparison.Ordinal);
        Assert.Equal(0, (await target.FinishAsync()).ExitCode);
    }

    [Fact]
    public async Task Json_is_the_snapshot_the_process_sent()
    {
        await using var target = await TargetProcess.StartAsync(Fgroups.ThisDll, Host.Idle);
        var run = await Fgroups.AskAsync("pstree", target, "--json");

        Assert.True(run.ExitCode == FgroupsCommand.Ok, run.ToString());
        var snapshot = GroupTreeSnapshot.FromJson(run.Output);
        Assert.Equal(target.Id, snapshot.ProcessId);
        Assert.True(snapshot.Roots.IsEmpty);
    }

    [Fact]
    public async Task The_tool_can_ask_the_same_process_twice()
    {
        await using var target = await TargetProcess.StartAsync(Fgroups.ThisDll, Host.Idle);
        var id = target.Id.ToString(CultureInfo.InvariantCulture);

        Assert.Equal(FgroupsCommand.Ok, (await Fgroups.AskAsync("pstree", target)).ExitCode);
        Assert.Equal(FgroupsCommand.Ok, (await Fgroups.AskAsync("ps", target)).ExitCode);
    }
}
