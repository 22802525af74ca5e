using FunctionalGroups.Diagnostics;

namespace FunctionalGroups.Tool.Tests.Support;

/// <summary>
/// The test assembly's entry point (the test SDK's generated one is off): the test runner never calls it;
/// <see cref="TargetProcess"/> runs it as a small target for the tool.
/// </summary>
internal static class Host
{
    /// <summary>Creates the FunctionalGroups EventSource and runs no group: the tool must see an empty tree.</summary>
    public const string Idle = "idle";

    /// <summary>Never loads FunctionalGroups: a .NET process the tool gets no answer from.</summary>
    public const string Silent = "silent";

    /// <summary>Creates the EventSource with a capture that throws: the tool must report it at once.</summary>
    public const string Failing = "failing";

    /// <summary>The message of <see cref="Failing"/>'s exception.</summary>
    public const string FailingMessage = "the registry is broken";

    /// <summary>Runs <c>idle</c>, <c>silent</c> or <c>failing</c>: prints <c>ready</c>, then waits for a line (or the end) on standard
    /// input. Exit code 2 for bad arguments.</summary>
    public static async Task<int> Main(string[] args)
    {
        switch (args)
        {
            case [Idle]:
                CreateSource();
                break;
            case [Silent]:
                break;
            case [Failing]:
                BreakCapture();
                break;
            default:
                return 2;
        }
        Console.WriteLine("ready");
        await Console.In.ReadLineAsync().ConfigureAwait(false);
        return 0;
    }

    // Its own method, so that the silent mode's Main does not load the library's assembly when it is compiled.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    static void CreateSource() => GroupTreeEventSource.EnsureCreated();

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    static void BreakCapture() => GroupTreeEventSource.Log.Snapshot = () => throw new InvalidOperationException(FailingMessage);
}
