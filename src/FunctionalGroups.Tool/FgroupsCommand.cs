using System.Globalization;
using FunctionalGroups.Diagnostics;

namespace FunctionalGroups.Tool;

/// <summary>
/// The command line: <c>fgroups pstree PID</c> draws the tree (<see cref="GroupTreeSnapshot.RenderTree"/>),
/// <c>fgroups ps PID</c> lists it (<see cref="GroupTreeSnapshot.RenderTable"/>), <c>--json</c> prints the snapshot as
/// the process sent it, <c>--timeout SECONDS</c> (default 10) bounds the wait. Exit codes: 0 printed, 1 the process
/// could not be asked (one line on standard error), 2 bad arguments (the usage on standard error).
/// </summary>
internal static class FgroupsCommand
{
    public const int Ok = 0, Failed = 1, Usage = 2;

    /// <summary>The wait for the answer when <c>--timeout</c> is not given.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    public const string UsageText = """
        usage: fgroups pstree PID [--json] [--timeout SECONDS]   the tree of PID's running groups
               fgroups ps PID [--json] [--timeout SECONDS]       one row per running group and child
        PID is a .NET process that uses FunctionalGroups; --json prints the snapshot instead.
        """;

    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter errors, CancellationToken cancellation)
    {
        if (args is ["-h" or "--help" or "help"])
        {
            await output.WriteAsync(UsageText).ConfigureAwait(false);
            return Ok;
        }
        if (Parse(args) is not { } request)
        {
            await errors.WriteAsync(UsageText).ConfigureAwait(false);
            return Usage;
        }
        try
        {
            var json = await TreeReader.ReadJsonAsync(request.ProcessId, request.Timeout, cancellation).ConfigureAwait(false);
            await output.WriteAsync(request.Json ? json + "\n" : Render(request.Command, GroupTreeSnapshot.FromJson(json))).ConfigureAwait(false);
            return Ok;
        }
        catch (Exception e) when (e is ToolException or FormatException)
        {
            await errors.WriteLineAsync($"fgroups: {e.Message}").ConfigureAwait(false);
            return Failed;
        }
    }

    static string Render(string command, GroupTreeSnapshot snapshot) =>
        command == "ps" ? snapshot.RenderTable() : snapshot.RenderTree();

    sealed record Request(string Command, int ProcessId, bool Json, TimeSpan Timeout);

    static Request? Parse(IReadOnlyList<string> args)
    {
        if (args.Count < 2 || args[0] is not ("ps" or "pstree")) return null;
        if (!int.TryParse(args[1], NumberStyles.None, CultureInfo.InvariantCulture, out var processId) || processId <= 0) return null;
        var request = new Request(args[0], processId, false, DefaultTimeout);
        for (var i = 2; i < args.Count; i++)
        {
            if (args[i] == "--json") request = request with { Json = true };
            else if (args[i] == "--timeout" && i + 1 < args.Count
                && double.TryParse(args[++i], NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds is > 0 and <= 3600)
                request = request with { Timeout = TimeSpan.FromSeconds(seconds) };
            else return null;
        }
        return request;
    }
}
