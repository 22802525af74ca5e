namespace FunctionalGroups.Systematic.Harness;

/// <summary>How a generated child behaves. Every await in a child is a point where Coyote may switch to another
/// operation, so each kind is explored against every interleaving of the others and of the cancellers.</summary>
enum Kind
{
    /// <summary>Yields once, then succeeds.</summary>
    Succeeds,
    /// <summary>Succeeds without ever yielding: it ends inside its own start (G15's first wave).</summary>
    SucceedsAtOnce,
    /// <summary>Yields once, then fails with its own error value.</summary>
    Fails,
    /// <summary>Fails without yielding, with its own error value.</summary>
    FailsAtOnce,
    /// <summary>Fails with an <see cref="System.Exception"/> thrown from its code after a yield.</summary>
    Throws,
    /// <summary>Fails with one error instance shared by every child of this kind (a static <c>Error</c>, G18).</summary>
    FailsWithSharedError,
    /// <summary>Fails with <c>Errors.Bottom</c>, a shared value that converts to itself (G18).</summary>
    FailsWithBottom,
    /// <summary>Fails with an <c>Exceptional</c> built without an exception object (G18).</summary>
    FailsWithBareExceptional,
    /// <summary>Yields three times, checking its token between: ends cancelled if asked, else succeeds.</summary>
    Cooperative,
    /// <summary>Yields three times and never looks at its token: succeeds even when cancelled.</summary>
    IgnoresCancellation,
    /// <summary>Registers a token callback that throws (cleanup code failing, G18), then is cooperative.</summary>
    CallbackThrows,
    /// <summary>Waits until its token is cancelled, then ends cancelled. Only with a canceller that always fires.</summary>
    WaitsForCancel,
    /// <summary>Waits until cancelled, then fails for real (its cleanup fails). Only with a canceller that always fires.</summary>
    FailsInCleanup,
    /// <summary>Registers a token callback that throws, then waits for the cancel on a task whose continuation runs
    /// inline: it ends inside the very <c>Cancel()</c> call, before that callback throws (G18's hardest order). Only
    /// with a canceller that always fires.</summary>
    EndsInsideTheCancel,
    /// <summary>A nested <c>Group.All</c> of generated children; its value is their sum.</summary>
    Nested,
}
