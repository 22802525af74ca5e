using LanguageExt;
using LanguageExt.Common;
using LanguageExt.Effects.Traits;

namespace FunctionalGroups.Engine;

/// <summary>
/// A streaming group as an <see cref="IAsyncEnumerable{T}"/>. It is a value (G8): nothing runs until it is enumerated,
/// and each enumerator is a run of its own, made by <paramref name="makeRun"/>, started by its first
/// <c>MoveNextAsync</c> under <paramref name="runtime"/>, and cancelled also by the enumerator's token.
/// </summary>
internal sealed class StreamEnumerable<RT, T, A, TOut>(Func<StreamRun<RT, T, A>> makeRun, RT runtime, Func<long, Fin<A>, TOut> project)
    : IAsyncEnumerable<TOut>
    where RT : struct, HasCancel<RT>
{
    public IAsyncEnumerator<TOut> GetAsyncEnumerator(CancellationToken cancellationToken = default) =>
        new Enumerator(makeRun(), runtime, project, cancellationToken);

    /// <summary>
    /// One run seen by its consumer (S4, S5). States, written by the consumer only: not started, running, ended (the
    /// run's outcome was read: given as the end, thrown, or ignored by an early leave).
    /// </summary>
    sealed class Enumerator(StreamRun<RT, T, A> run, RT runtime, Func<long, Fin<A>, TOut> project, CancellationToken consumerToken)
        : IAsyncEnumerator<TOut>
    {
        const int NotStarted = 0, Running = 1, Ended = 2;
        int state;

        // The consumer's token linked to the run; registered after the start, disposed at the end (on every path).
        CancellationTokenRegistration consumerLink;

        public TOut Current { get; private set; } = default!;

        public ValueTask<bool> MoveNextAsync()
        {
            if (state == Ended) return new(false);
            if (state == NotStarted)
            {
                // A consumer cancelled already starts nothing (G7).
                consumerToken.ThrowIfCancellationRequested();
                state = Running;
                var started = run.Start(runtime);
                if (started.IsCompleted) run.Refused(started.Result);
                // Registered after the start: a cancel before it runs the callback inline, a cancel after it at once.
                if (consumerToken.CanBeCanceled)
                    consumerLink = consumerToken.UnsafeRegister(static s => ((StreamRun<RT, T, A>)s!).CancelRun(), run);
            }
            return Next();
        }

        async ValueTask<bool> Next()
        {
            if (await run.NextAsync().ConfigureAwait(false))
            {
                Current = project(run.CurrentIndex, run.CurrentOutcome);
                return true;
            }
            await End().ConfigureAwait(false);
            // S4: the run's failure, once every child ended; a cancellation as the .NET cancellation it is.
            if (run.Outcome.IsFail) throw Thrown((Error)run.Outcome);
            return false;
        }

        async ValueTask End()
        {
            state = Ended;
            // Waits for a callback running now (it only cancels the run, which has concluded: it returns at once).
            await consumerLink.DisposeAsync().ConfigureAwait(false);
            Current = default!;
        }

        Exception Thrown(Error error) =>
            error switch
            {
                GroupError group => new GroupException(group),
                _ when Cancellation.IsCancellation(error) =>
                    new OperationCanceledException(consumerToken.IsCancellationRequested ? consumerToken : runtime.CancellationToken),
                _ => error.ToErrorException(),
            };

        /// <summary>
        /// S5: leaving before the end cancels the run and waits for every child to end (G1). Real failures that
        /// happened meanwhile (a child's cleanup code, the source's <c>Dispose</c>) are thrown here as a
        /// <see cref="GroupException"/> (G3); the cancellation the leave caused is not.
        /// </summary>
        public async ValueTask DisposeAsync()
        {
            if (state != Running) return;
            run.CancelRun();
            while (await run.NextAsync().ConfigureAwait(false))
            {
                // Outcomes handed out after the leave are dropped: only a concluded, successful run hands any.
            }
            await End().ConfigureAwait(false);
            if (run.Outcome.IsFail && (Error)run.Outcome is GroupError group) throw new GroupException(group);
        }
    }
}
