using System.Text;

namespace FunctionalGroups.Testing;

/// <summary>Which cancel scope of the library a <see cref="FaultCancelScope"/> puts around its body (rules C1–C4).</summary>
public enum CancelScopeKind
{
    /// <summary><c>body.FailAfter(d)</c>: after d steps the body's token is cancelled and the scope waits for the body;
    /// if the body then ended in a cancellation the deadline caused, the node fails with <c>Errors.TimedOut</c>.</summary>
    FailAfter,

    /// <summary><c>body.MoveOnAfter(d)</c>: as <see cref="FailAfter"/>, but a timed-out body gives <c>None</c>, which
    /// the plan's run turns into no values (the body's values are missing from its group's).</summary>
    MoveOnAfter,

    /// <summary><c>body.Shield()</c>: the body runs under a token no caller's cancellation reaches, and its caller
    /// waits for it (C4).</summary>
    Shield,
}

/// <summary>
/// A cancel scope of the library around one sub-plan, its <see cref="Body"/>: <c>failAfter2{…}</c>,
/// <c>moveOnAfter2{…}</c>, <c>shield{…}</c>. A deadline is <see cref="Steps"/> steps of the run's clock (its fake
/// <see cref="TimeProvider"/> moves one unit per step), so runs stay deterministic and replay. The body is a leaf, a
/// group or another cancel scope; the node gives its body's values (none for a moveOnAfter that moved on).
/// </summary>
public sealed record FaultCancelScope : FaultNode
{
    /// <summary>A cancel scope; see <see cref="Fault.FailAfter"/>, <see cref="Fault.MoveOnAfter"/> and
    /// <see cref="Fault.Shield"/>.</summary>
    /// <exception cref="ArgumentException">A body that is a spawner, a join, a cancel-scope leaf (they belong to a scope's
    /// members), or a throw-on-cancel leaf (a deadline reports what its callback throws inside an
    /// <see cref="AggregateException"/>, C2: put it in a group, whose engine reports it as the leaf's own).</exception>
    /// <exception cref="ArgumentOutOfRangeException">Negative steps.</exception>
    public FaultCancelScope(CancelScopeKind kind, int steps, FaultNode body, string? name = null) : base(name)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentOutOfRangeException.ThrowIfNegative(steps);
        if (body is FaultSpawner or FaultJoin or FaultLeaf { Behaviour: Behaviour.CancelScope or Behaviour.ThrowOnCancel })
            throw new ArgumentException($"The body of a cancel scope is a plain leaf, a group or another cancel scope, not {body}.", nameof(body));
        Kind = kind;
        Steps = kind == CancelScopeKind.Shield ? 0 : steps;
        Body = body;
    }

    /// <summary>Which cancel scope.</summary>
    public CancelScopeKind Kind { get; }

    /// <summary>The deadline, in steps from the node's start (0 for a shield).</summary>
    public int Steps { get; }

    /// <summary>The sub-plan the scope runs.</summary>
    public FaultNode Body { get; }

    /// <summary>True for <see cref="CancelScopeKind.FailAfter"/> and <see cref="CancelScopeKind.MoveOnAfter"/>.</summary>
    public bool IsDeadline => Kind != CancelScopeKind.Shield;

    /// <inheritdoc />
    public override IReadOnlyList<FaultNode> Below => [Body];

    /// <summary>The same scope around another body.</summary>
    internal FaultCancelScope With(FaultNode body) => new(Kind, Steps, body, Name);

    internal override void Render(StringBuilder into)
    {
        into.Append(Kind switch
        {
            CancelScopeKind.FailAfter => "failAfter",
            CancelScopeKind.MoveOnAfter => "moveOnAfter",
            _ => "shield",
        });
        if (IsDeadline) into.Append(Steps);
        RenderList(into, [Body], '{', '}');
        RenderName(into);
    }
}
