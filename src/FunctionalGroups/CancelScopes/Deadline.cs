using FunctionalGroups.Engine;
using LanguageExt;
using LanguageExt.Common;
using LanguageExt.Effects.Traits;

namespace FunctionalGroups.CancelScopes;

/// <summary>
/// One run of an effect under a deadline (rules C1-C3): the effect gets a token of its own, cancelled by the caller's
/// token or by the deadline, whichever comes first; the run ends only when the effect has ended (G1).
/// </summary>
/// <remarks>
/// Disposal, on every path: the two registrations first (disposing one waits for its callback if it is running on
/// another thread), then the deadline's source (which stops its timer), then the effect's own source. A callback
/// therefore never meets a disposed source.
/// </remarks>
internal sealed class Deadline
{
    /// <summary>No one has cancelled the effect's token yet.</summary>
    const int Uncancelled = 0;

    /// <summary>The deadline cancelled it first.</summary>
    const int ByDeadline = 1;

    /// <summary>The caller's token cancelled it first.</summary>
    const int ByCaller = 2;

    readonly CancellationTokenSource source;

    /// <summary>Who cancelled first. Written once, by the first callback (compare-and-set); read after the effect ended.</summary>
    int cause;

    /// <summary>What a token callback of the effect threw while the first canceller cancelled; read after the end.</summary>
    Exception? thrown;

    /// <summary>Completed when the first canceller's <c>Cancel</c> call has returned (continuations never inline).</summary>
    readonly TaskCompletionSource cancelled = new(TaskCreationOptions.RunContinuationsAsynchronously);

    Deadline(CancellationTokenSource source) => this.source = source;

    /// <summary>The outcome of one run: the effect's own, or <c>TimedOut</c> when the deadline cut it short (C2).</summary>
    internal readonly record struct Ended<A>(Fin<A> Fin, bool TimedOut);

    void Cancel(int by)
    {
        if (Interlocked.CompareExchange(ref cause, by, Uncancelled) != Uncancelled) return;
        try
        {
            source.Cancel();
        }
        catch (Exception e)
        {
            // G18: a token callback of the effect that throws is its failure, whoever cancelled; never a crash of the timer.
            Volatile.Write(ref thrown, e);
        }
        finally
        {
            cancelled.TrySetResult();
        }
    }

    /// <summary>
    /// Runs <paramref name="effect"/> under a deadline <paramref name="due"/> from now on <paramref name="clock"/> and
    /// under the caller's token, and waits for it to end.
    /// </summary>
    public static async ValueTask<Ended<A>> Run<RT, A>(Aff<RT, A> effect, RT runtime, TimeSpan due, TimeProvider clock)
        where RT : struct, HasCancel<RT>
    {
        var caller = runtime.CancellationToken;
        // G7: a caller cancelled already starts nothing.
        if (caller.IsCancellationRequested) return new(Fin<A>.Fail(Errors.Cancelled), false);
        var local = runtime.LocalCancel;
        if (local.CancellationTokenSource is not { } own)
            return new(Fin<A>.Fail(Error.New("The runtime's LocalCancel gave no CancellationTokenSource: a deadline needs one to cancel the effect.")), false);
        using var source = own;
        var run = new Deadline(source);
        using var deadline = new CancellationTokenSource(due, clock);
        Fin<A> fin;
        using (caller.Register(static s => ((Deadline)s!).Cancel(ByCaller), run))
        using (deadline.Token.Register(static s => ((Deadline)s!).Cancel(ByDeadline), run))
        {
            fin = await effect.Run(local).ConfigureAwait(false);
        }
        // The registrations are disposed: no callback starts any more, and one running on another thread has returned.
        // One running on this thread is still on the stack when the effect ended inside its Cancel call (its
        // continuation ran inline): wait for it to return, so that a token callback that throws after the effect's
        // own is still reported (G18), and so that no source is disposed under a running Cancel.
        if (Volatile.Read(ref run.cause) != Uncancelled) await run.cancelled.Task.ConfigureAwait(false);
        var timedOut = Volatile.Read(ref run.cause) == ByDeadline && fin.Match(static _ => false, Cancellation.IsCancellation);
        if (Volatile.Read(ref run.thrown) is { } thrown)
        {
            // G3: a failure raised while cancelling is reported; with the effect's own real failure, both are.
            var raised = Error.New(thrown);
            return new(fin.Match(
                _ => Fin<A>.Fail(raised),
                e => Fin<A>.Fail(timedOut || Cancellation.IsCancellation(e) ? raised : Error.Many(e, raised))), false);
        }
        return new(fin, timedOut);
    }
}
