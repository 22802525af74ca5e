namespace FunctionalGroups.Testing;

/// <summary>
/// What a leaf of a <see cref="FaultPlan"/> does once started. Every wait is a step of the run's deterministic clock
/// (never wall-clock time), so a plan replays identically. As a fault for a user's effect
/// (<see cref="FaultInjector"/>), the two succeeding kinds run the real effect after their steps; the others replace it.
/// </summary>
public enum Behaviour
{
    /// <summary>Takes k steps, observing its token before each (a cancellation ends it cancelled), then succeeds.</summary>
    Succeed,

    /// <summary>Takes k steps, observing its token, then fails with an injected failure.</summary>
    Fail,

    /// <summary>Waits until its token is cancelled, then ends cancelled.</summary>
    Hang,

    /// <summary>Ignores its token for k steps, then succeeds, even when it was cancelled meanwhile.</summary>
    IgnoreCancelThenSucceed,

    /// <summary>Ignores its token for k steps, then fails with an injected failure, even when it was cancelled.</summary>
    IgnoreCancelThenFail,

    /// <summary>Waits until its token is cancelled, then takes k steps of cleanup and fails there: a failure raised
    /// while being cancelled, which a group must still report (G3).</summary>
    FailInCleanup,

    /// <summary>Registers a token callback that throws an <see cref="InjectedException"/>, then waits until its token is
    /// cancelled and ends cancelled, inside the very <c>Cancel()</c> call (its wait's callback runs first): a cleanup
    /// failure raised by the canceller's call, which a group must report whoever cancelled (G18).</summary>
    ThrowOnCancel,

    /// <summary>A member of a scope: takes k steps observing its token, then cancels its scope explicitly
    /// (<c>scope.Cancel</c>, G10) and succeeds. Only below a scope (its body's children, or spawned into it).</summary>
    CancelScope,
}

/// <summary>How an injected failure is raised.</summary>
public enum FailureForm
{
    /// <summary>As a value: the effect returns <c>Fin.Fail</c> of a fresh <see cref="InjectedError"/>.</summary>
    ErrorValue,

    /// <summary>As an exception: the effect throws a fresh <see cref="InjectedException"/>.</summary>
    Thrown,

    /// <summary>As <c>Errors.Bottom</c>, LanguageExt's one shared bottom value (what a <c>default</c> effect fails
    /// with): classifying it must terminate (G18), and the laws count it without relying on its identity.</summary>
    Bottom,

    /// <summary>As a fresh <c>new Exceptional(message, code)</c>: an exceptional error without an exception object, whose
    /// <c>ToException()</c> makes a new exception at every call (G18).</summary>
    ExceptionalWithoutException,

    /// <summary>As <see cref="InjectedError.Shared"/>, one static error value shared by every member that fails this
    /// way, as LanguageExt code shares static <c>Error</c>s: each such failure is still reported once (G18).</summary>
    SharedError,
}

/// <summary>What happens to a whole run from outside, at a given step.</summary>
public enum OuterEvent
{
    /// <summary>Nothing.</summary>
    None,

    /// <summary>The caller's token is cancelled (step 0: before the group starts).</summary>
    Cancel,

    /// <summary>The root group's <see cref="GroupOptions.Timeout"/> expires: the run gives the root a timeout of k
    /// units of a fake clock that advances one unit per step.</summary>
    Timeout,
}

/// <summary>How a group node of a plan runs its children.</summary>
public enum GroupShape
{
    /// <summary><c>Group.All</c> over the children, in order.</summary>
    All,

    /// <summary><c>Group.Scope</c>: the body spawns the children in order, then joins them in order; children that are
    /// <see cref="FaultSpawner"/>s spawn more members into the same scope while it runs.</summary>
    Scope,

    /// <summary><c>Group.TraverseStream</c>: the children are the items of a lazy <c>IAsyncEnumerable</c> (whose
    /// <c>MoveNextAsync</c> completes at once) that the library pulls as it admits them (S1), each item run as its child;
    /// values in child order, as <see cref="All"/>. Children are as for <see cref="All"/> (no spawners, joins or
    /// cancel-scope leaves).</summary>
    Stream,
}
