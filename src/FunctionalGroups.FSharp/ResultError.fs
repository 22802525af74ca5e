namespace FunctionalGroups.FSharp

open System

/// The failure of a child made from `Error e` (`Child.ofResult`, or a `Result` in `par { }`) when `e` is neither an
/// exception nor a LanguageExt `Error`: the value itself (a string, a domain error union), kept in this exception so
/// that `except*` takes it by its type (`On.resultError<'E>`) and the group's tree shows it.
/// <example><code>
/// par { let! user = validate input in return user }   // validate: Input -> Result&lt;User, DomainError&gt;
/// |> Group.catching On.resultError&lt;DomainError&gt; (fun errors -> guest)
/// </code></example>
type ResultError<'E>(error: 'E) =
    inherit Exception(match box error with
                      | null -> "Error null"
                      | value -> $"Error {value}")

    /// The value of the `Error` case.
    member _.Error: 'E = error

module internal ResultError =
    /// The failure for `Error error`: an exception or a LanguageExt `Error` as it is, any other value in a
    /// `ResultError<'E>`.
    let toError (error: 'E) : LanguageExt.Common.Error =
        match box error with
        | :? LanguageExt.Common.Error as error -> error
        | :? exn as error -> LanguageExt.Common.Error.New error
        | _ -> LanguageExt.Common.Error.New(ResultError<'E> error)
