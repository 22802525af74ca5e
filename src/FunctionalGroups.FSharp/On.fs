namespace FunctionalGroups.FSharp

open System

/// Which failures an `except*` handler takes (`Group.catching`, `GroupError.split`). Every filter looks through names
/// and nesting (rule G11).
/// <example><code>
/// fetchAll
/// |> Group.catching On.exn&lt;TimeoutException&gt; (fun timeouts -> cache.Last())
/// |> Group.catching (On.errorOf&lt;SpawnRefusedError&gt; |> On.either On.timedOut) (fun _ -> fallback)
/// </code></example>
[<RequireQualifiedAccess>]
module On =
    /// Failures whose exception is an `'E` (subtypes included), like `except* TimeoutError`.
    let exn<'E when 'E :> exn> : ErrorFilter = FunctionalGroups.On.Exception<'E>()

    /// Failures of children made from `Error e` whose `e` is an `'E` (`Child.ofResult`, a `Result` in `par { }`), such
    /// as a domain error union: the `ResultError<'E>` around it.
    let resultError<'E> : ErrorFilter = FunctionalGroups.On.Exception<ResultError<'E>>()

    /// Failures whose error value is an `'E` (a LanguageExt `Error` subtype, such as `SpawnRefusedError`).
    let errorOf<'E when 'E :> LanguageExt.Common.Error> : ErrorFilter = FunctionalGroups.On.Error<'E>()

    /// Failures that are `error` by LanguageExt's `Is` (the same code, or the same message when the code is 0).
    let error (error: LanguageExt.Common.Error) : ErrorFilter = FunctionalGroups.On.Error(error)

    /// A group's own timeout (`GroupOptions.Timeout`): `Errors.TimedOut`.
    let timedOut: ErrorFilter = FunctionalGroups.On.Error(LanguageExt.Common.Errors.TimedOut)

    /// Failures of the child named `name` (any of the names around the failure, so a named nested group is taken whole).
    let named (name: string) : ErrorFilter = FunctionalGroups.On.Named(name)

    /// Failures for which `predicate` holds; it sees the child's own error, names stripped.
    let where (predicate: LanguageExt.Common.Error -> bool) : ErrorFilter =
        FunctionalGroups.On.Where(Func<_, _> predicate)

    /// Every failure: the last clause, like `except* Exception`.
    let any: ErrorFilter = FunctionalGroups.On.Where(fun _ -> true)

    /// What either filter takes, like `except* (A, B)`.
    let either (other: ErrorFilter) (filter: ErrorFilter) : ErrorFilter = filter.Or(other)
