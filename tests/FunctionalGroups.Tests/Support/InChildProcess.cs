using System.Diagnostics;

namespace FunctionalGroups.Tests.Support;

/// <summary>
/// Runs a named scenario of <see cref="ChildProcessScenarios"/> in a separate <c>dotnet</c> process: for defects that kill
/// the process (a stack overflow cannot be caught), so that a regression fails one test instead of the whole run.
/// </summary>
/// <remarks>The test assembly is its own host: it has a <c>Main</c> (<see cref="Program"/>) and its runtimeconfig, so
/// <c>dotnet exec FunctionalGroups.Tests.dll scenario NAME</c> runs the scenario with the same build of the library.</remarks>
internal static class InChildProcess
{
    /// <summary>What the child process did.</summary>
    public sealed record Ended(int ExitCode, string Output, string Errors)
    {
        /// <summary>For assertion messages: the exit code and both streams (bounded).</summary>
        public override string ToString() =>
            $"exit code {ExitCode}\n--- stdout ---\n{Cut(Output)}\n--- stderr ---\n{Cut(Errors)}";

        static string Cut(string text) => text.Length <= 4000 ? text : text[..4000] + "\n…";
    }

    /// <summary>Runs scenario <paramref name="name"/> and waits for the process to end (killed after
    /// <paramref name="limit"/>, which only bounds a hang: no assertion reads the clock).</summary>
    public static async Task<Ended> Run(string name, TimeSpan? limit = null)
    {
        var assembly = typeof(InChildProcess).Assembly.Location;
        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(assembly)!,
        };
        foreach (var argument in new[] { "exec", assembly, Program.ScenarioVerb, name }) start.ArgumentList.Add(argument);
        // A crash dump of an expected stack overflow is noise.
        start.Environment["DOTNET_DbgEnableMiniDump"] = "0";

        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start dotnet");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var hang = new CancellationTokenSource(limit ?? TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(hang.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync().ConfigureAwait(false);
            return new Ended(-1, await output.ConfigureAwait(false), "killed: the scenario did not end\n" + await errors.ConfigureAwait(false));
        }
        return new Ended(process.ExitCode, await output.ConfigureAwait(false), await errors.ConfigureAwait(false));
    }

    /// <summary>The <c>dotnet</c> that runs the tests (the CLI sets DOTNET_HOST_PATH for its children), else the one on PATH.</summary>
    static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host
        : Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet" ? Environment.ProcessPath!
        : "dotnet";
}
