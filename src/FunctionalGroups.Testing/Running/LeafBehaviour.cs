using LanguageExt;

namespace FunctionalGroups.Testing;

/// <summary>What a <see cref="FaultLeaf"/> does, step by step on the run's clock: shared by plan leaves and by
/// injected faults, which differ only in what succeeding means (giving the leaf's index, or running the real effect).</summary>
internal static class LeafBehaviour
{
    /// <param name="clock">The run's clock.</param>
    /// <param name="leaf">The behaviour.</param>
    /// <param name="member">The member's number on the clock (its release order).</param>
    /// <param name="token">The group's token as the member sees it.</param>
    /// <param name="succeed">The end of a succeeding behaviour.</param>
    /// <param name="inject">The injected failure of a failing one.</param>
    /// <param name="callbackFailure">The injected exception a <see cref="Behaviour.ThrowOnCancel"/> callback throws
    /// (recorded as the member's failure when it is made).</param>
    public static async ValueTask<Fin<A>> Run<A>(StepClock clock, FaultLeaf leaf, int member, CancellationToken token,
        Func<ValueTask<Fin<A>>> succeed, Func<Fin<A>> inject, Func<Exception> callbackFailure)
    {
        switch (leaf.Behaviour)
        {
            case Behaviour.ThrowOnCancel:
                // Registered before the wait's own callback, so it runs after it (a token runs its callbacks last
                // registered first): the member has ended, inside the canceller's Cancel(), when this one throws. Never
                // disposed: disposing it as the member ends would remove it before it ran.
                token.Register(static f => throw ((Func<Exception>)f!)(), callbackFailure);
                await clock.Hang(member, token).ConfigureAwait(false);
                throw new InvalidOperationException("unreachable: a hang ended without a cancellation");

            case Behaviour.CancelScope:
                throw new InvalidOperationException("a cancel-scope leaf is run by the plan interpreter, which knows its scope");

            case Behaviour.Succeed:
            case Behaviour.Fail:
                for (var i = 0; i < leaf.Steps; i++) await clock.Step(member, token).ConfigureAwait(false);
                token.ThrowIfCancellationRequested();
                return leaf.Fails ? inject() : await succeed().ConfigureAwait(false);

            case Behaviour.IgnoreCancelThenSucceed:
            case Behaviour.IgnoreCancelThenFail:
                for (var i = 0; i < leaf.Steps; i++) await clock.Step(member, CancellationToken.None).ConfigureAwait(false);
                return leaf.Fails ? inject() : await succeed().ConfigureAwait(false);

            case Behaviour.Hang:
                await clock.Hang(member, token).ConfigureAwait(false);
                throw new InvalidOperationException("unreachable: a hang ended without a cancellation");

            default:
                try
                {
                    await clock.Hang(member, token).ConfigureAwait(false);
                    throw new InvalidOperationException("unreachable: a hang ended without a cancellation");
                }
                catch (OperationCanceledException)
                {
                    // Cleanup after the cancellation: k steps, then the failure a group must still report (G3).
                    for (var i = 0; i < leaf.Steps; i++) await clock.Step(member, CancellationToken.None).ConfigureAwait(false);
                    return inject();
                }
        }
    }
}
