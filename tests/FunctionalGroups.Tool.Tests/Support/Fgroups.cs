using System.Reflection;

namespace FunctionalGroups.Tool.Tests.Support;

/// <summary>Runs the tool's command in this process, as <c>fgroups ARGS</c> would, and where the targets live.</summary>
internal static class Fgroups
{
    /// <summary>What one run printed.</summary>
    public sealed record Run(int ExitCode, string Output, string Errors)
    {
        /// <summary>For assertion messages.</summary>
        public override string ToString() => $"exit code {ExitCode}\n--- stdout ---\n{Output}\n--- stderr ---\n{Errors}";
    }

    /// <summary>Runs <c>fgroups</c> with <paramref name="args"/>; a run past <see cref="TargetProcess.Limit"/> fails.</summary>
    public static async Task<Run> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var errors = new StringWriter();
        using var limit = new CancellationTokenSource(TargetProcess.Limit);
        var code = await FgroupsCommand.RunAsync(args, output, errors, limit.Token).ConfigureAwait(false);
        return new Run(code, output.ToString(), errors.ToString());
    }

    /// <summary>Asks <paramref name="target"/> with <c>fgroups COMMAND PID --timeout 30 [EXTRA]</c>: a wait that only
    /// bounds a loaded machine (the answer comes in well under a second), no assertion reads it.</summary>
    public static Task<Run> AskAsync(string command, TargetProcess target, params string[] extra) =>
        RunAsync([command, target.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), "--timeout", "30", .. extra]);

    /// <summary>The built sample crawler (samples/FunctionalGroups.Crawler, a project reference of this project).</summary>
    public static string CrawlerDll =>
        typeof(Fgroups).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "CrawlerDll").Value!;

    /// <summary>This test assembly, the host of <see cref="Host.Idle"/> and <see cref="Host.Silent"/>.</summary>
    public static string ThisDll => typeof(Fgroups).Assembly.Location;
}
