using System.Runtime.CompilerServices;
using LanguageExt;
using LanguageExt.Common;
using LanguageExt.Effects.Traits;

namespace FunctionalGroups;

public static partial class Group
{
    /// <summary>
    /// Runs <paramref name="children"/> in parallel with no fail-fast, like ZIO's <c>validatePar</c>: every child runs
    /// to its end, and the result is every value in child order, or a <see cref="GroupError"/> of every failure
    /// (each once, in child order). Cancelled from outside with no real failure: <c>Errors.Cancelled</c> (G7).
    /// <see cref="ValidateExtensions.ToValidation{A}(Fin{Seq{A}})"/> turns the outcome into a LanguageExt
    /// <c>Validation&lt;Error, Seq&lt;A&gt;&gt;</c>, whose failures are a <c>Seq&lt;Error&gt;</c>.
    /// </summary>
    public static Aff<RT, Seq<A>> Validate<RT, A>(Seq<Aff<RT, A>> children) where RT : struct, HasCancel<RT> =>
        Build(children.ToArray(), GroupOptions.Default, static (c, o) => new Engine.AllRun<RT, A>(c, o, failFast: false));

    /// <inheritdoc cref="Validate{RT, A}(Seq{Aff{RT, A}})"/>
    /// <exception cref="ArgumentNullException"><paramref name="children"/> is null.</exception>
    [OverloadResolutionPriority(1)]
    public static Aff<RT, Seq<A>> Validate<RT, A>(IEnumerable<Aff<RT, A>> children) where RT : struct, HasCancel<RT> =>
        Build(Materialise(children, nameof(children)), GroupOptions.Default, static (c, o) => new Engine.AllRun<RT, A>(c, o, failFast: false));

    /// <inheritdoc cref="Validate{RT, A}(Seq{Aff{RT, A}})"/>
    /// <exception cref="ArgumentNullException"><paramref name="children"/> is null.</exception>
    public static Aff<RT, Seq<A>> Validate<RT, A>(params Aff<RT, A>[] children) where RT : struct, HasCancel<RT> =>
        Validate(Materialise(children, nameof(children)).AsEnumerable());

    /// <inheritdoc cref="Validate{RT, A}(Seq{Aff{RT, A}})"/>
    /// <param name="children">The children, in the order of the results.</param>
    /// <param name="options">Parallelism limit, timeout, thread-pool start; see <see cref="GroupOptions"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    public static Aff<RT, Seq<A>> Validate<RT, A>(Seq<Aff<RT, A>> children, GroupOptions options) where RT : struct, HasCancel<RT> =>
        Build(children.ToArray(), options, static (c, o) => new Engine.AllRun<RT, A>(c, o, failFast: false));

    /// <inheritdoc cref="Validate{RT, A}(Seq{Aff{RT, A}}, GroupOptions)"/>
    /// <exception cref="ArgumentNullException"><paramref name="children"/> or <paramref name="options"/> is null.</exception>
    [OverloadResolutionPriority(1)]
    public static Aff<RT, Seq<A>> Validate<RT, A>(IEnumerable<Aff<RT, A>> children, GroupOptions options) where RT : struct, HasCancel<RT> =>
        Build(Materialise(children, nameof(children)), options, static (c, o) => new Engine.AllRun<RT, A>(c, o, failFast: false));
}

/// <summary>From a group's outcome to LanguageExt's <c>Validation</c>.</summary>
public static class ValidateExtensions
{
    /// <summary>
    /// The values, or every failure (a <c>Validation</c>'s failures are a <c>Seq&lt;Error&gt;</c>): the leaves of a
    /// <see cref="GroupError"/> (names kept), or the single error of any other failure (<c>Errors.Cancelled</c>, say).
    /// </summary>
    public static Validation<Error, Seq<A>> ToValidation<A>(this Fin<Seq<A>> outcome) =>
        outcome.Match(
            Succ: static values => Validation<Error, Seq<A>>.Success(values),
            Fail: static error => Validation<Error, Seq<A>>.Fail(error is GroupError group ? group.Leaves : Seq.create(error)));

    /// <summary>Runs the effect to a <c>Validation</c>: <see cref="ToValidation{A}(Fin{Seq{A}})"/> of its outcome.</summary>
    public static Aff<RT, Validation<Error, Seq<A>>> ToValidation<RT, A>(this Aff<RT, Seq<A>> effect)
        where RT : struct, HasCancel<RT> =>
        Aff<RT, Validation<Error, Seq<A>>>.EffectMaybe(async rt =>
            Fin<Validation<Error, Seq<A>>>.Succ((await effect.Run(rt).ConfigureAwait(false)).ToValidation()));
}
