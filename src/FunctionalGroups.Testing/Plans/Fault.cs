namespace FunctionalGroups.Testing;

/// <summary>
/// Short constructors of plan nodes, for writing a plan by hand (a regression case, a README example).
/// </summary>
/// <example>
/// <code>
/// var plan = FaultPlan.Of(
///     Fault.Succeed(2),
///     Fault.Fail(1).Named("accounts"),
///     Fault.All(Fault.Hang(), Fault.FailInCleanup(0, thrown: true)));
/// </code>
/// </example>
public static class Fault
{
    /// <summary>Takes <paramref name="steps"/> steps observing its token, then succeeds.</summary>
    public static FaultLeaf Succeed(int steps = 0) => new(Behaviour.Succeed, steps);

    /// <summary>Takes <paramref name="steps"/> steps observing its token, then fails (thrown, or as an error value).</summary>
    public static FaultLeaf Fail(int steps = 0, bool thrown = false) => new(Behaviour.Fail, steps, Form(thrown));

    /// <summary>Takes <paramref name="steps"/> steps observing its token, then fails in <paramref name="form"/>
    /// (<c>Errors.Bottom</c>, an exceptional error without an exception, the shared static error, …).</summary>
    public static FaultLeaf FailWith(FailureForm form, int steps = 0) => new(Behaviour.Fail, steps, form);

    /// <summary>Registers a token callback that throws, then waits until cancelled (see <see cref="Behaviour.ThrowOnCancel"/>).</summary>
    public static FaultLeaf ThrowOnCancel() => new(Behaviour.ThrowOnCancel, 0, FailureForm.Thrown);

    /// <summary>A scope member that cancels its scope explicitly after <paramref name="steps"/> steps.</summary>
    public static FaultLeaf CancelScope(int steps = 0) => new(Behaviour.CancelScope, steps);

    /// <summary>Waits until cancelled.</summary>
    public static FaultLeaf Hang() => new(Behaviour.Hang, 0);

    /// <summary>Ignores cancellation for <paramref name="steps"/> steps, then succeeds, or fails when
    /// <paramref name="thenFail"/>.</summary>
    public static FaultLeaf IgnoreCancel(int steps, bool thenFail = false, bool thrown = false) =>
        new(thenFail ? Behaviour.IgnoreCancelThenFail : Behaviour.IgnoreCancelThenSucceed, steps, Form(thrown));

    /// <summary>Waits until cancelled, then fails in its cleanup after <paramref name="steps"/> steps.</summary>
    public static FaultLeaf FailInCleanup(int steps = 0, bool thrown = false) => new(Behaviour.FailInCleanup, steps, Form(thrown));

    /// <summary>A nested <c>Group.All</c>.</summary>
    public static FaultGroup All(params FaultNode[] children) => new(GroupShape.All, children);

    /// <summary>A nested <c>Group.Scope</c> whose body spawns <paramref name="children"/>.</summary>
    public static FaultGroup Scope(params FaultNode[] children) => new(GroupShape.Scope, children);

    /// <summary>A nested streaming group, <c>Group.TraverseStream</c> over a lazy source of <paramref name="children"/>:
    /// <c>stream{…}</c>.</summary>
    public static FaultGroup Stream(params FaultNode[] children) => new(GroupShape.Stream, children);

    /// <summary>A scope member that spawns <paramref name="spawned"/> into its scope, one step before each.</summary>
    public static FaultSpawner Spawn(params FaultNode[] spawned) => new(spawned);

    /// <summary>A scope member that joins the scope's child at <paramref name="target"/> (its own position: a self-join)
    /// and passes its outcome on, after <paramref name="stepsBefore"/> steps ignoring its token.</summary>
    public static FaultJoin Join(int target, int stepsBefore = 0) => new(target, stepsBefore);

    /// <summary><c>body.FailAfter(d)</c> with a deadline of <paramref name="steps"/> steps (C1–C3).</summary>
    public static FaultCancelScope FailAfter(int steps, FaultNode body) => new(CancelScopeKind.FailAfter, steps, body);

    /// <summary><c>body.MoveOnAfter(d)</c> with a deadline of <paramref name="steps"/> steps (C1–C3).</summary>
    public static FaultCancelScope MoveOnAfter(int steps, FaultNode body) => new(CancelScopeKind.MoveOnAfter, steps, body);

    /// <summary><c>body.Shield()</c>: no caller's cancellation reaches the body (C4).</summary>
    public static FaultCancelScope Shield(FaultNode body) => new(CancelScopeKind.Shield, 0, body);

    static FailureForm Form(bool thrown) => thrown ? FailureForm.Thrown : FailureForm.ErrorValue;
}
