using System.Runtime.CompilerServices;
using LanguageExt;
using LanguageExt.Effects.Traits;

namespace FunctionalGroups;

public static partial class Group
{
    /// <summary>
    /// Runs <paramref name="children"/> in parallel; the first to succeed wins, like ZIO's <c>raceAll</c>, Java's
    /// <c>anySuccessfulResultOrThrow</c> or F#'s <c>Async.Choice</c>. The others are then cancelled and joined before
    /// the value is given (G1). A failure does not cancel the others; if no child succeeds, the race fails with a
    /// <see cref="GroupError"/> of every failure.
    /// </summary>
    /// <remarks>A loser that fails for real while it is being cancelled (its cleanup code) makes the race fail with
    /// that failure (G3: no failure is dropped), even though a winner exists; failures before the winner are part of
    /// losing and are not reported. Cancelled from outside before any success: <c>Errors.Cancelled</c> (or the
    /// <see cref="GroupError"/> of the failures so far).</remarks>
    /// <exception cref="ArgumentException"><paramref name="children"/> is empty: a race needs a runner.</exception>
    public static Aff<RT, A> Race<RT, A>(Seq<Aff<RT, A>> children) where RT : struct, HasCancel<RT> =>
        BuildRace(children.ToArray(), GroupOptions.Default);

    /// <inheritdoc cref="Race{RT, A}(Seq{Aff{RT, A}})"/>
    /// <exception cref="ArgumentNullException"><paramref name="children"/> is null.</exception>
    [OverloadResolutionPriority(1)]
    public static Aff<RT, A> Race<RT, A>(IEnumerable<Aff<RT, A>> children) where RT : struct, HasCancel<RT> =>
        BuildRace(Materialise(children, nameof(children)), GroupOptions.Default);

    /// <inheritdoc cref="Race{RT, A}(Seq{Aff{RT, A}})"/>
    /// <exception cref="ArgumentNullException"><paramref name="children"/> is null.</exception>
    public static Aff<RT, A> Race<RT, A>(params Aff<RT, A>[] children) where RT : struct, HasCancel<RT> =>
        BuildRace(Materialise(children, nameof(children)), GroupOptions.Default);

    /// <inheritdoc cref="Race{RT, A}(Seq{Aff{RT, A}})"/>
    /// <param name="children">The runners.</param>
    /// <param name="options">Parallelism limit, timeout, thread-pool start; see <see cref="GroupOptions"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    public static Aff<RT, A> Race<RT, A>(Seq<Aff<RT, A>> children, GroupOptions options) where RT : struct, HasCancel<RT> =>
        BuildRace(children.ToArray(), options);

    /// <inheritdoc cref="Race{RT, A}(Seq{Aff{RT, A}}, GroupOptions)"/>
    /// <exception cref="ArgumentNullException"><paramref name="children"/> or <paramref name="options"/> is null.</exception>
    [OverloadResolutionPriority(1)]
    public static Aff<RT, A> Race<RT, A>(IEnumerable<Aff<RT, A>> children, GroupOptions options) where RT : struct, HasCancel<RT> =>
        BuildRace(Materialise(children, nameof(children)), options);

    static Aff<RT, A> BuildRace<RT, A>(Aff<RT, A>[] children, GroupOptions options) where RT : struct, HasCancel<RT> =>
        children.Length == 0
            ? throw new ArgumentException("A race needs at least one child: with none, nothing can win.", nameof(children))
            : Build(children, options, static (c, o) => new Engine.RaceRun<RT, A>(c, o));
}
