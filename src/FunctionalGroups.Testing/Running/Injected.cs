using LanguageExt;
using LanguageExt.Common;

namespace FunctionalGroups.Testing;

/// <summary>The exception a <see cref="FailureForm.Thrown"/> fault throws: a type only the kit produces, carrying the
/// run and the node that injected it, so a report (or an unobserved-exception event) says where it came from.</summary>
public sealed class InjectedException(long run, int node, string member = "node") : Exception($"injected failure of {member} #{node} (run {run})")
{
    /// <summary>The run's id (<see cref="FaultRun.Id"/>).</summary>
    public long Run { get; } = run;

    /// <summary>The node (or, for a <see cref="FaultInjector"/>, the call) that injected it.</summary>
    public int Node { get; } = node;
}

/// <summary>The error value a <see cref="FailureForm.ErrorValue"/> fault fails with. The laws compare failures by
/// instance: two injections are two failures.</summary>
public sealed record InjectedError : Expected
{
    /// <summary>The code of every injected error.</summary>
    public const int InjectedCode = 0x46470100;

    /// <summary>The one error value every <see cref="FailureForm.SharedError"/> fault fails with (run 0, node -1).</summary>
    public static InjectedError Shared { get; } = new(0, -1, "shared");

    /// <summary>An injected error of <paramref name="node"/> (a <paramref name="member"/>: "node" or "call") in
    /// <paramref name="run"/>.</summary>
    public InjectedError(long run, int node, string member = "node") : base($"injected error of {member} #{node} (run {run})", InjectedCode, Option<Error>.None)
    {
        Run = run;
        Node = node;
    }

    /// <summary>The run's id.</summary>
    public long Run { get; }

    /// <summary>The node (or call) that injected it.</summary>
    public int Node { get; }
}
