using FunctionalGroups.Engine;
using LanguageExt;
using LanguageExt.Common;
using LanguageExt.Effects.Traits;

namespace FunctionalGroups.CancelScopes;

/// <summary>One run of a shielded effect (rule C4): under a fresh token that no caller can cancel, awaited to its end.</summary>
internal static class Shielded
{
    /// <summary>The message of a cancellation that came out of a shield: no one outside it could have caused it.</summary>
    internal const string CancelledInside =
        "A shielded effect ended with a cancellation that no canceller outside the shield can have caused (its own " +
        "code cancelled it, or an operation inside it timed out): a real failure (rule C4).";

    public static async ValueTask<Fin<A>> Run<RT, A>(Aff<RT, A> effect, RT runtime)
        where RT : struct, HasCancel<RT>
    {
        // LocalCancel gives a fresh, unlinked source: the caller's token does not reach the effect. This run owns it.
        var local = runtime.LocalCancel;
        using var source = local.CancellationTokenSource;
        var fin = await effect.Run(local).ConfigureAwait(false);
        // G3, G13: the caller's group may be cancelled now; a cancellation from inside must not pass for one of its own.
        return fin.Match(
            _ => fin,
            e => Cancellation.IsCancellation(e) ? Fin<A>.Fail(Error.New(CancelledInside, e)) : fin);
    }
}
