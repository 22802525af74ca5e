using System.Diagnostics;

namespace FunctionalGroups.Tool.Tests.Tool;

/// <summary>The tool's arguments and its one-line failures: exit code 2 for bad arguments, 1 when the process cannot
/// be asked.</summary>
public sealed class CommandLineTests
{
    [Theory]
    [InlineData()]
    [InlineData("ps")]
    [InlineData("top", "1")]
    [InlineData("ps", "abc")]
    [InlineData("pstree", "-3")]
    [InlineData("pstree", "1", "--verbose")]
    [InlineData("pstree", "1", "--timeout")]
    [InlineData("pstree", "1", "--timeout", "0")]
    public async Task Bad_arguments_print_the_usage_and_exit_2(params string[] args)
    {
        var run = await Fgroups.RunAsync(args);
        Assert.Equal(FgroupsCommand.Usage, run.ExitCode);
        Assert.StartsWith("usage: fgroups", run.Errors, StringComparison.Ordinal);
        Assert.Empty(run.Output);
    }

    [Fact]
    public async Task Help_prints_the_usage_and_exits_0()
    {
        var run = await Fgroups.RunAsync("--help");
        Assert.Equal(FgroupsCommand.Ok, run.ExitCode);
        Assert.StartsWith("usage: fgroups", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_such_process()
    {
        var run = await Fgroups.RunAsync("pstree", int.MaxValue.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(FgroupsCommand.Failed, run.ExitCode);
        Assert.Equal($"fgroups: no process with id {int.MaxValue}\n", run.Errors.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task A_process_that_is_not_dotnet()
    {
        using var sleep = Process.Start(new ProcessStartInfo("sleep", "120") { UseShellExecute = false })!;
        try
        {
            var run = await Fgroups.RunAsync("ps", sleep.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(FgroupsCommand.Failed, run.ExitCode);
            Assert.StartsWith($"fgroups: process {sleep.Id} is not a .NET process", run.Errors, StringComparison.Ordinal);
        }
        finally
        {
            sleep.Kill();
            await sleep.WaitForExitAsync();
        }
    }

    [Fact]
    public async Task A_capture_that_throws_is_reported_at_once()
    {
        await using var target = await TargetProcess.StartAsync(Fgroups.ThisDll, Host.Failing);
        var run = await Fgroups.AskAsync("pstree", target);
        Assert.Equal(FgroupsCommand.Failed, run.ExitCode);
        Assert.Equal($"fgroups: process {target.Id} could not capture its tree: InvalidOperationException: {Host.FailingMessage}\n",
            run.Errors.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task A_dotnet_process_without_FunctionalGroups_does_not_answer()
    {
        await using var target = await TargetProcess.StartAsync(Fgroups.ThisDll, Host.Silent);
        var run = await Fgroups.RunAsync("pstree", target.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), "--timeout", "3");
        Assert.Equal(FgroupsCommand.Failed, run.ExitCode);
        Assert.StartsWith($"fgroups: process {target.Id} sent no group tree within 3 s", run.Errors, StringComparison.Ordinal);
        Assert.Equal(0, (await target.FinishAsync()).ExitCode);
    }
}
