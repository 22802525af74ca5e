using LanguageExt;
using LanguageExt.Common;

namespace FunctionalGroups.Orleans;

/// <summary>
/// The grain side: a grain method runs a group whose cancellation comes from its caller, so groups nest across
/// machines (rule O5).
/// </summary>
/// <example>
/// <code>
/// public Task&lt;Summary&gt; Summarise(string user, CancellationToken cancellationToken) =>
///     GrainGroup.Run(
///         Group.Zip(GrainChild.Call(accounts, (g, ct) => g.Fetch(ct)), GrainChild.Call(budgets, (g, ct) => g.Fetch(ct)))
///             .Map(Summary.From),
///         cancellationToken);
/// </code>
/// </example>
public static class GrainGroup
{
    /// <summary>
    /// Runs <paramref name="group"/> under <paramref name="callerToken"/> (the grain method's
    /// <see cref="CancellationToken"/> parameter, which Orleans cancels when the caller's group is cancelled) and returns
    /// only after every child of it has ended (G1).
    /// </summary>
    /// <returns>
    /// The group's value. If the group was cancelled by the caller and nothing failed for real (G7), the task is
    /// cancelled with an <see cref="OperationCanceledException"/> for <paramref name="callerToken"/>, which the caller's
    /// group counts as a cancellation, not a failure. Any other failure throws a <see cref="RemoteGroupException"/>
    /// whose message is the error as rendered here (the tree of named failures).
    /// </returns>
    /// <remarks>
    /// Call it from the grain's turn and await it there: the method resumes on the grain's scheduler once every child
    /// has ended. The children themselves run as in any group, and the engine's continuations do not come back to the
    /// grain's scheduler, so a child should call grains or do work of its own, never touch the grain's state.
    /// </remarks>
    public static async Task<A> Run<A>(Aff<GroupRuntime, A> group, CancellationToken callerToken)
    {
        // No ConfigureAwait(false): the grain method goes on in the grain's turn (Orleans' rule for grain code).
        var outcome = await group.RunAsync(callerToken);
        return outcome.Match(value => value, error => throw ToException(error, callerToken));
    }

    static Exception ToException(Error error, CancellationToken callerToken) =>
        error.Is(Errors.Cancelled) && error is not GroupError
            ? new OperationCanceledException("The group was cancelled by its caller.", callerToken)
            : new RemoteGroupException(error is GroupError group ? group.ToString() : error.Message);
}
