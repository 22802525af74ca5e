using System.Diagnostics;

namespace FunctionalGroups.Tool.Tests.Support;

/// <summary>
/// A target process for the tool: started with redirected streams, ready once it printed <c>ready</c>, told to finish
/// with a line on its standard input, and killed (with its tree) on dispose if it is still running, on every path.
/// </summary>
/// <remarks>The limit only bounds a hang (a wait past it fails the test); no assertion reads the clock.</remarks>
internal sealed class TargetProcess : IAsyncDisposable
{
    /// <summary>How long a target may take to start, answer or end before the test fails.</summary>
    public static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    readonly Process process;
    readonly List<string> lines = [];

    TargetProcess(Process process) => this.process = process;

    /// <summary>The target's process id.</summary>
    public int Id => process.Id;

    /// <summary>What it printed so far (for failure messages).</summary>
    public string Output { get { lock (lines) return string.Join("\n", lines); } }

    /// <summary>Runs <c>dotnet exec DLL ARGS</c> and waits for its <c>ready</c> line.</summary>
    public static async Task<TargetProcess> StartAsync(string dll, params string[] args)
    {
        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        foreach (var argument in new[] { "exec", dll }.Concat(args)) start.ArgumentList.Add(argument);
        start.Environment["DOTNET_DbgEnableMiniDump"] = "0";
        var target = new TargetProcess(Process.Start(start) ?? throw new InvalidOperationException("could not start dotnet"));
        try
        {
            await target.WaitForReadyAsync().ConfigureAwait(false);
            return target;
        }
        catch
        {
            await target.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    async Task WaitForReadyAsync()
    {
        using var limit = new CancellationTokenSource(Limit);
        while (await process.StandardOutput.ReadLineAsync(limit.Token).ConfigureAwait(false) is { } line)
        {
            lock (lines) lines.Add(line);
            if (line == "ready") return;
        }
        var errors = await process.StandardError.ReadToEndAsync(limit.Token).ConfigureAwait(false);
        throw new InvalidOperationException($"the target ended before it was ready:\n{Output}\n{errors}");
    }

    /// <summary>Sends a line on standard input and waits for the process to end; gives its exit code and the rest of
    /// its output.</summary>
    public async Task<(int ExitCode, string Output)> FinishAsync()
    {
        using var limit = new CancellationTokenSource(Limit);
        await process.StandardInput.WriteLineAsync().ConfigureAwait(false);
        await process.StandardInput.FlushAsync(limit.Token).ConfigureAwait(false);
        var rest = await process.StandardOutput.ReadToEndAsync(limit.Token).ConfigureAwait(false);
        await process.WaitForExitAsync(limit.Token).ConfigureAwait(false);
        return (process.ExitCode, rest);
    }

    /// <summary>Kills the process and its children if it is still running.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync().ConfigureAwait(false);
            }
        }
        catch (InvalidOperationException)
        {
            // It ended between the check and the kill.
        }
        process.Dispose();
    }

    /// <summary>The <c>dotnet</c> that runs the tests (the CLI sets DOTNET_HOST_PATH for its children), else the one on PATH.</summary>
    static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host
        : Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet" ? Environment.ProcessPath!
        : "dotnet";
}
